'use client';

import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useMemo, useRef, type KeyboardEvent } from 'react';
import type { Row } from '@/lib/trace-tree';
import { treeKeyAction } from '@/lib/trace-view/keyboard';
import { groupHoldsAny, groupRowView, spanRowView, type TimeWindow } from '@/lib/trace-view/row-view';
import type { AxisTick } from '@/lib/trace-view/trace-facts';
import { ROW_HEIGHT_PX } from '@/lib/trace-view/tree-layout';
import { GroupTreeRow } from './GroupTreeRow';
import { SpanTreeRow } from './SpanTreeRow';
import { TreeColumnsHeader } from './TreeColumnsHeader';

export interface TraceTreeProps {
  rows: Row[];
  selectedId: string | null;
  /** Spans matching the filter; null when nothing filters (every row counts as matched). */
  matches: ReadonlySet<string> | null;
  timeWindow: TimeWindow;
  /** Spans where control passes to another agent (from the agent graph). */
  handoffs: ReadonlySet<string>;
  /** Spans an alert named as evidence (from `?highlight=`); a folded group holding one is marked too. */
  highlighted: ReadonlySet<string>;
  ticks: AxisTick[];
  onSelect: (id: string) => void;
  onToggle: (id: string, collapse: boolean) => void;
  onToggleGroup: (id: string, expand: boolean) => void;
  onOpen: (id: string) => void;
}

/**
 * The typed tree and its waterfall, one virtualised list keyed by row id: only the rows in view (plus a few) are
 * in the DOM, so a 10,000-span trace scrolls like a 10-span one. The list itself takes keyboard focus and maps
 * keys to actions through `treeKeyAction`.
 */
export function TraceTree(props: TraceTreeProps) {
  const { rows, selectedId, matches, timeWindow, handoffs, highlighted, onSelect, onToggle, onToggleGroup, onOpen } = props;
  const scrollRef = useRef<HTMLDivElement>(null);
  const selectedIndex = useMemo(() => (selectedId === null ? -1 : rows.findIndex((row) => row.id === selectedId)), [rows, selectedId]);

  // Stable option functions: a new getItemKey on every render makes the virtualiser re-measure every row.
  const getItemKey = useCallback((index: number) => rows[index]?.id ?? index, [rows]);
  const getScrollElement = useCallback(() => scrollRef.current, []);
  const estimateSize = useCallback(() => ROW_HEIGHT_PX, []);
  const virtualizer = useVirtualizer({ count: rows.length, getScrollElement, estimateSize, overscan: 12, getItemKey });

  // Keep the selection in view; the first time (a deep link) centre it so its context shows above and below.
  const scrolledOnce = useRef(false);
  useEffect(() => {
    if (selectedIndex < 0) return;
    virtualizer.scrollToIndex(selectedIndex, { align: scrolledOnce.current ? 'auto' : 'center' });
    scrolledOnce.current = true;
  }, [selectedIndex, virtualizer]);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const action = treeKeyAction(rows, selectedIndex, event.key);
    if (!action) return;
    event.preventDefault();
    if (action.kind === 'select') {
      const row = rows[action.index];
      if (row) onSelect(row.id);
    } else if (action.kind === 'open') onOpen(action.id);
    else if (action.group) onToggleGroup(action.id, action.kind === 'expand');
    else onToggle(action.id, action.kind === 'collapse');
  };

  // Stable callbacks: the rows are memoised and must not re-render because a handler was re-created.
  const selectRow = useCallback(
    (id: string) => {
      onSelect(id);
      scrollRef.current?.focus({ preventScroll: true });
    },
    [onSelect],
  );
  const openRow = useCallback(
    (id: string) => {
      selectRow(id);
      onOpen(id);
    },
    [selectRow, onOpen],
  );

  return (
    <div className="flex min-h-0 flex-1 flex-col">
      <TreeColumnsHeader ticks={props.ticks} />
      <div
        ref={scrollRef}
        role="tree"
        aria-label="Spans of this trace"
        tabIndex={0}
        onKeyDown={onKeyDown}
        className="min-h-0 flex-1 overflow-auto outline-none focus-visible:ring-2 focus-visible:ring-accent/40"
        data-testid="trace-tree"
      >
        <div className="relative w-full" style={{ height: virtualizer.getTotalSize() }}>
          {virtualizer.getVirtualItems().map((item) => {
            const row = rows[item.index];
            if (!row) return null;
            const selected = row.id === selectedId;
            if (row.kind === 'group') {
              return (
                <GroupTreeRow
                  key={item.key}
                  {...groupRowView(row, timeWindow)}
                  index={item.index}
                  top={item.start}
                  selected={selected}
                  highlighted={groupHoldsAny(row.group, highlighted)}
                  onSelect={selectRow}
                  onToggleGroup={onToggleGroup}
                />
              );
            }
            return (
              <SpanTreeRow
                key={item.key}
                {...spanRowView(row, timeWindow, handoffs)}
                index={item.index}
                top={item.start}
                selected={selected}
                highlighted={highlighted.has(row.id)}
                matched={matches === null || matches.has(row.id)}
                onSelect={openRow}
                onToggle={onToggle}
              />
            );
          })}
        </div>
      </div>
    </div>
  );
}
