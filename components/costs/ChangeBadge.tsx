import { formatChange } from '@/lib/costs/chart';
import type { CostChange } from '@/lib/costs/types';
import { formatUsd } from '@/lib/ui/format';

/** Change against the previous period: spending more is the thing to notice, so a rise is coloured, a fall calm. */
export function ChangeBadge({ change, current }: { change: CostChange; current: number }) {
  const text = formatChange(change.ratio, current);
  const rising = change.deltaUsd > 0;
  const tone = change.ratio === null ? 'text-muted' : rising ? 'text-error' : change.deltaUsd < 0 ? 'text-ok' : 'text-muted';
  return (
    <span className={`whitespace-nowrap text-xs ${tone}`} title={`${rising ? '+' : ''}${formatUsd(change.deltaUsd)} vs previous period`}>
      {text}
    </span>
  );
}
