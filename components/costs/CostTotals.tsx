import type { ApiCostSummary } from '@/lib/costs/types';
import { formatCount, formatUsd } from '@/lib/ui/format';
import { ChangeBadge } from './ChangeBadge';

/** The period's known spend, its change, and how many calls and traces it covers. */
export function CostTotals({ summary, days }: { summary: ApiCostSummary; days: number }) {
  return (
    <section aria-label="Total spend" className="rounded-md border border-line bg-panel p-3">
      <h2 className="text-xs font-medium uppercase tracking-wide text-muted">Spend, last {days} days</h2>
      <div className="mt-1 flex items-baseline gap-2">
        <span data-testid="cost-total" data-value={summary.costUsd} className="text-2xl font-semibold">
          {formatUsd(summary.costUsd)}
        </span>
        <ChangeBadge change={summary.change} current={summary.costUsd} />
      </div>
      <p className="mt-1 text-xs text-muted">
        previous {days} days {formatUsd(summary.previousCostUsd)} · {formatCount(summary.calls)} model calls ·{' '}
        {formatCount(summary.traces)} traces
        {summary.unpricedCalls > 0 && <span className="text-warn"> · {formatCount(summary.unpricedCalls)} unpriced</span>}
      </p>
    </section>
  );
}
