import { memo } from 'react';
import { formatChange } from '@/lib/costs/chart';
import { formatCount, formatTokens, formatUsd } from '@/lib/ui/format';

interface Props {
  label: string;
  costUsd: number;
  previousCostUsd: number;
  deltaUsd: number;
  ratio: number | null;
  share: number;
  calls: number;
  unpricedCalls: number;
  tokens: number;
}

/** One value of a breakdown: cost with its share, change vs previous period, calls and tokens. */
export const BreakdownRow = memo(function BreakdownRow(p: Props) {
  // Spend with nothing before it ("new") is not by itself alarming; a rise against real spend is.
  const tone = p.ratio === null ? 'text-muted' : p.deltaUsd > 0 ? 'text-error' : p.deltaUsd < 0 ? 'text-ok' : 'text-muted';
  return (
    <tr data-testid="cost-breakdown-row" data-key={p.label} className="border-t border-line">
      <td className="max-w-0 truncate py-1 pr-2" title={p.label}>
        {p.label}
      </td>
      <td className="py-1 pr-2 text-right font-medium">{formatUsd(p.costUsd)}</td>
      <td className="py-1 pr-2 text-xs text-muted">
        <span className="flex items-center justify-end gap-1">
          <span aria-hidden className="h-1.5 w-8 rounded bg-line">
            <span className="block h-1.5 rounded bg-accent/60" style={{ width: `${p.share * 100}%` }} />
          </span>
          <span className="w-7 text-right">{Math.round(p.share * 100)}%</span>
        </span>
      </td>
      <td className={`py-1 pr-2 text-right text-xs ${tone}`} title={`previous ${formatUsd(p.previousCostUsd)}`}>
        {formatChange(p.ratio, p.costUsd)}
      </td>
      <td className="py-1 pr-2 text-right text-xs">
        {formatCount(p.calls)}
        {p.unpricedCalls > 0 && <span className="text-warn" title="unpriced calls"> ({formatCount(p.unpricedCalls)}?)</span>}
      </td>
      <td className="py-1 text-right text-xs">{formatTokens(p.tokens)}</td>
    </tr>
  );
});
