import { TriangleAlert } from 'lucide-react';
import Link from 'next/link';
import type { ApiUnpricedUsage } from '@/lib/costs/types';
import { formatCount, formatTokens } from '@/lib/ui/format';

/** Model calls with no price: not in any total (never counted as $0) until an override prices them. */
export function UnpricedWarning({ unpriced }: { unpriced: ApiUnpricedUsage[] }) {
  if (unpriced.length === 0) return null;
  const calls = unpriced.reduce((sum, u) => sum + u.calls, 0);
  return (
    <section role="alert" data-testid="unpriced-warning" className="rounded-md border border-warn/40 bg-warn-soft p-3 text-sm">
      <p className="flex items-center gap-1.5 font-medium text-warn">
        <TriangleAlert aria-hidden size={15} />
        {formatCount(calls)} model calls have no price and are not in the totals
      </p>
      <ul className="mt-1 space-y-0.5 text-xs">
        {unpriced.slice(0, 6).map((u) => (
          <li key={`${u.provider}/${u.model}`} data-testid="unpriced-model">
            <span className="font-mono">{u.provider ? `${u.provider}/` : ''}{u.model || '(no model)'}</span>: {formatCount(u.calls)} calls,{' '}
            {formatTokens(u.inputTokens)} in / {formatTokens(u.outputTokens)} out
          </li>
        ))}
      </ul>
      <p className="mt-1 text-xs text-muted">
        <Link href="/settings#prices" className="text-accent hover:underline">Add a price override</Link>, then recompute the range.
      </p>
    </section>
  );
}
