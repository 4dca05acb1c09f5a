import Link from 'next/link';
import type { ApiBudgetStatus } from '@/lib/costs/types';
import { formatUsd } from '@/lib/ui/format';

/** This month against the monthly budget: actual, forecast at the current daily rate, and the run-out day. */
export function BudgetCard({ budget }: { budget: ApiBudgetStatus | undefined }) {
  if (!budget) {
    return <section data-testid="budget-card" aria-busy="true" className="h-[92px] animate-pulse rounded-md border border-line bg-panel" />;
  }
  const limit = budget.monthlyUsd;
  const pct = limit ? Math.min(1, budget.actualUsd / limit) : 0;
  const overForecast = limit !== null && budget.forecastUsd > limit;
  return (
    <section aria-label="Monthly budget" data-testid="budget-card" className="rounded-md border border-line bg-panel p-3">
      <h2 className="text-xs font-medium uppercase tracking-wide text-muted">This month</h2>
      <div className="mt-1 flex items-baseline gap-2">
        <span data-testid="budget-actual" className="text-2xl font-semibold">{formatUsd(budget.actualUsd)}</span>
        <span className="text-xs text-muted">{limit === null ? 'no budget set' : `of ${formatUsd(limit)}`}</span>
      </div>
      {limit !== null && (
        <div className="mt-1.5 h-1.5 rounded bg-line" aria-hidden>
          <div className={`h-1.5 rounded ${budget.exceeded || overForecast ? 'bg-error' : 'bg-accent'}`} style={{ width: `${pct * 100}%` }} />
        </div>
      )}
      <p className="mt-1 text-xs text-muted">
        forecast <span data-testid="budget-forecast" className={overForecast ? 'font-medium text-error' : 'text-ink'}>{formatUsd(budget.forecastUsd)}</span>{' '}
        at {formatUsd(budget.dailyRateUsd)}/day
        {limit !== null &&
          (budget.exceeded ? (
            <span className="font-medium text-error"> · budget exceeded</span>
          ) : budget.runOutDate ? (
            <span data-testid="budget-run-out" className="font-medium text-error"> · runs out {budget.runOutDate}</span>
          ) : (
            <span className="text-ok"> · lasts the month</span>
          ))}
        {limit === null && (
          <>
            {' · '}
            <Link href="/settings#budget" className="text-accent hover:underline">set a budget</Link>
          </>
        )}
      </p>
    </section>
  );
}
