import type { AxisTick } from '@/lib/trace-view/trace-facts';
import { ROW_GRID } from '@/lib/trace-view/tree-layout';

/** Column titles over the tree, and the time axis over the waterfall column. */
export function TreeColumnsHeader({ ticks }: { ticks: AxisTick[] }) {
  return (
    <div className={`${ROW_GRID} h-7 border-b border-line-strong bg-page text-[11px] font-medium uppercase tracking-wide text-faint`}>
      <div className="pl-3">Span</div>
      <div className="pr-2 text-right">Duration</div>
      <div className="pr-2 text-right" title="Own tokens, then Σ the subtree's (aggregates that repeat their children are struck through)">
        Tokens
      </div>
      <div className="pr-2 text-right" title="Own cost, then Σ the subtree's">Cost</div>
      <div className="relative h-full border-l border-line" data-testid="time-axis">
        {ticks.map((tick) => (
          <span
            key={tick.pct}
            className="absolute top-0 flex h-full items-center whitespace-nowrap border-l border-line-strong pl-1 normal-case tracking-normal"
            style={{ left: `${tick.pct}%` }}
          >
            {tick.label}
          </span>
        ))}
      </div>
    </div>
  );
}
