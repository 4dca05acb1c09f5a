import type { ApiCostSummary } from '@/lib/costs/types';
import { formatTokens, formatUsd } from '@/lib/ui/format';

/** Tokens by class and what prompt caching saved (cache reads billed below the input rate). */
export function CacheSavings({ summary }: { summary: ApiCostSummary }) {
  const t = summary.tokens;
  const input = t.uncachedInput + t.cacheRead + t.cacheWrite;
  const cachedShare = input > 0 ? t.cacheRead / input : 0;
  return (
    <section aria-label="Cache savings" data-testid="cache-savings" className="rounded-md border border-line bg-panel p-3">
      <h2 className="text-xs font-medium uppercase tracking-wide text-muted">Saved by prompt caching</h2>
      <div className="mt-1 flex items-baseline gap-2">
        <span data-testid="cache-savings-total" className="text-2xl font-semibold text-ok">{formatUsd(summary.cacheSavingsUsd)}</span>
        <span className="text-xs text-muted">{Math.round(cachedShare * 100)}% of input read from cache</span>
      </div>
      <dl className="mt-1 grid grid-cols-5 gap-1 text-xs">
        {(
          [
            ['uncached in', t.uncachedInput],
            ['cache read', t.cacheRead],
            ['cache write', t.cacheWrite],
            ['output', t.output],
            ['reasoning', t.reasoning],
          ] as const
        ).map(([label, value]) => (
          <div key={label}>
            <dt className="text-faint">{label}</dt>
            <dd className="font-medium">{formatTokens(value)}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
