'use client';

import { ChevronDown, ChevronRight, CircleAlert, Repeat } from 'lucide-react';
import { memo } from 'react';
import { NodeTypeIcon } from '@/components/NodeTypeIcon';
import type { GroupRowView } from '@/lib/trace-view/row-view';
import { INDENT_PX, ROW_GRID, ROW_HEIGHT_PX } from '@/lib/trace-view/tree-layout';
import { NODE_TYPE_STYLE } from '@/lib/ui/node-types';

export interface GroupTreeRowProps extends GroupRowView {
  index: number;
  top: number;
  selected: boolean;
  /** Named as evidence by an alert (`?highlight=`). */
  highlighted: boolean;
  onSelect: (id: string, index: number) => void;
  onToggleGroup: (id: string, expand: boolean) => void;
}

/** Repeated siblings folded into one row: "get_weather ×12" with their summed duration, tokens and cost; click to list them. */
function GroupTreeRowImpl(p: GroupTreeRowProps) {
  const color = NODE_TYPE_STYLE[p.nodeType].color;
  return (
    <div
      role="treeitem"
      aria-level={p.depth + 1}
      aria-selected={p.selected}
      aria-expanded={p.expanded}
      data-testid="tree-group-row"
      data-highlighted={p.highlighted}
      data-group-id={p.id}
      data-count={p.count}
      data-node-type={p.nodeType}
      data-selected={p.selected}
      data-index={p.index}
      onClick={() => {
        p.onSelect(p.id, p.index);
        p.onToggleGroup(p.id, !p.expanded);
      }}
      className={`absolute left-0 right-0 cursor-pointer border-b border-line/60 ${ROW_GRID} ${p.selected ? 'bg-accent-soft' : 'bg-warn-soft/40 hover:bg-page'} ${p.highlighted ? 'outline outline-2 -outline-offset-2 outline-warn' : ''}`}
      style={{ top: p.top, height: ROW_HEIGHT_PX }}
    >
      <div className="flex min-w-0 items-center gap-1.5 overflow-hidden pr-2" style={{ paddingLeft: 8 + p.depth * INDENT_PX }}>
        <span className="shrink-0 text-muted" aria-hidden>
          {p.expanded ? <ChevronDown size={14} /> : <ChevronRight size={14} />}
        </span>
        <NodeTypeIcon type={p.nodeType} size={12} />
        <Repeat size={12} className="shrink-0 text-warn" aria-label="repeated" />
        <span className="min-w-0 truncate font-medium" title={`${p.summary} — ${p.count} repeated calls with the same signature`} data-testid="group-label">
          {p.label}
        </span>
        {p.truncatedCount > 0 && (
          <span className="shrink-0 rounded border border-warn/40 bg-warn-soft px-1 text-[11px] text-warn" title="Calls that stopped at their output token limit: their answers are cut off" data-testid="group-truncated">
            ⚠ {p.truncatedCount} hit length
          </span>
        )}
        {p.errorCount > 0 && (
          <span className="flex shrink-0 items-center gap-0.5 rounded border border-error/40 bg-error-soft px-1 text-[11px] text-error">
            <CircleAlert size={10} aria-hidden />
            {p.errorCount} failed
          </span>
        )}
      </div>
      <div className="truncate pr-2 text-right text-xs text-muted" title="Sum of the calls' durations">{p.durationLabel}</div>
      <div className="truncate pr-2 text-right text-xs" data-testid="row-tokens">{p.tokensLabel}</div>
      <div className="truncate pr-2 text-right text-xs font-medium" data-testid="row-cost">{p.costLabel}</div>
      <div className="relative h-full border-l border-line/60" aria-hidden>
        <div
          className="absolute top-1/2 h-2.5 -translate-y-1/2 rounded-sm"
          style={{
            left: `${p.barLeftPct}%`,
            width: `${p.barWidthPct}%`,
            color,
            backgroundImage: p.memberBarsCss,
            boxShadow: `inset 0 -1px 0 ${color}`,
            opacity: 0.85,
          }}
        />
      </div>
    </div>
  );
}

export const GroupTreeRow = memo(GroupTreeRowImpl);
