import { Check, CircleX, TriangleAlert } from 'lucide-react';
import type { TraceOutcome } from '@/lib/traces-view/row-model';

/**
 * The run's outcome. A run whose root reported success while a span failed gets its own badge, in the error
 * colour: it is the run a dashboard of green statuses would hide.
 */
export function TraceOutcomeBadge({ outcome, errorCount }: { outcome: TraceOutcome; errorCount: number }) {
  const common = 'inline-flex items-center gap-1 whitespace-nowrap rounded px-1.5 py-px text-xs font-medium';
  switch (outcome) {
    case 'failed':
      return (
        <span data-testid="trace-row-status" data-outcome={outcome} className={`${common} bg-error-soft text-error`}>
          <CircleX aria-hidden size={12} />
          Failed
        </span>
      );
    case 'silent-failure':
      return (
        <span
          data-testid="trace-row-status"
          data-outcome={outcome}
          className={`${common} border border-error/40 bg-panel text-error`}
          title={`The run reported success, but ${errorCount} span${errorCount === 1 ? '' : 's'} failed`}
        >
          <TriangleAlert aria-hidden size={12} />
          Silent failure
        </span>
      );
    case 'ok':
      return (
        <span data-testid="trace-row-status" data-outcome={outcome} className={`${common} text-ok`}>
          <Check aria-hidden size={12} />
          OK
        </span>
      );
    case 'unset':
      return (
        <span
          data-testid="trace-row-status"
          data-outcome={outcome}
          className={`${common} font-normal text-faint`}
          title="No span failed; the run set no status"
        >
          No errors
        </span>
      );
  }
}
