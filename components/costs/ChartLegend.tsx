import { dimensionLabel, seriesColour } from '@/lib/costs/chart';
import type { ApiCostSeries } from '@/lib/costs/types';
import { formatUsd } from '@/lib/ui/format';

/** The chart's series with their colours, and the budget line when one is drawn. */
export function ChartLegend({ series, budgetPerBucket }: { series: ApiCostSeries | undefined; budgetPerBucket: number | null }) {
  if (!series) return null;
  return (
    <ul className="mt-2 flex flex-wrap gap-x-3 gap-y-1 text-xs text-muted" aria-label="Chart legend">
      {series.keys.map((key, index) => (
        <li key={key} className="flex max-w-56 items-center gap-1">
          <span aria-hidden className="h-2.5 w-2.5 shrink-0 rounded-sm" style={{ backgroundColor: seriesColour(key, index) }} />
          <span className="truncate" title={key}>{dimensionLabel(key, series.dimension)}</span>
        </li>
      ))}
      {budgetPerBucket !== null && (
        <li data-testid="budget-line" data-value={budgetPerBucket} className="flex items-center gap-1 text-error">
          <span aria-hidden className="w-4 border-t-2 border-dashed border-error" />
          budget {formatUsd(budgetPerBucket)}/{series.bucket}
        </li>
      )}
    </ul>
  );
}
