import { dimensionLabel } from '@/lib/costs/chart';
import type { ApiCostBreakdown, CostDimension } from '@/lib/costs/types';
import { BreakdownRow } from './BreakdownRow';
import { ExportCsvLink } from './ExportCsvLink';

const TITLES: Record<CostDimension, string> = {
  model: 'By model',
  agent: 'By agent',
  service: 'By service',
  project: 'By project (all projects)',
};

/** Spend per value of one dimension with the change against the previous period, and its CSV export. */
export function BreakdownTable({
  dimension,
  breakdown,
  exportHref,
  maxRows = 10,
}: {
  dimension: CostDimension;
  breakdown: ApiCostBreakdown | undefined;
  exportHref: string;
  maxRows?: number;
}) {
  const rows = breakdown?.rows ?? [];
  return (
    <section aria-label={TITLES[dimension]} className="rounded-md border border-line bg-panel p-3">
      <div className="mb-1 flex items-center justify-between">
        <h2 className="text-sm font-semibold">{TITLES[dimension]}</h2>
        <ExportCsvLink href={exportHref} table={dimension} />
      </div>
      <table data-testid="cost-breakdown-table" data-dimension={dimension} className="w-full table-fixed text-sm" aria-busy={!breakdown}>
        <thead>
          <tr className="text-left text-xs text-muted">
            <th className="w-[34%] pb-1 font-normal">{dimension}</th>
            <th className="pb-1 text-right font-normal">cost</th>
            <th className="w-20 pb-1 text-right font-normal">share</th>
            <th className="w-14 pb-1 text-right font-normal">vs prev</th>
            <th className="w-16 pb-1 text-right font-normal">calls</th>
            <th className="w-14 pb-1 text-right font-normal">tokens</th>
          </tr>
        </thead>
        <tbody>
          {rows.slice(0, maxRows).map((r) => (
            <BreakdownRow
              key={r.key}
              label={dimensionLabel(r.key, dimension)}
              costUsd={r.costUsd}
              previousCostUsd={r.previousCostUsd}
              deltaUsd={r.change.deltaUsd}
              ratio={r.change.ratio}
              share={r.share}
              calls={r.calls}
              unpricedCalls={r.unpricedCalls}
              tokens={r.inputTokens + r.outputTokens}
            />
          ))}
          {breakdown && rows.length === 0 && (
            <tr>
              <td colSpan={6} className="py-3 text-center text-xs text-muted">No model calls in this range</td>
            </tr>
          )}
        </tbody>
      </table>
      {rows.length > maxRows && <p className="mt-1 text-xs text-muted">{rows.length - maxRows} more in the CSV export</p>}
    </section>
  );
}
