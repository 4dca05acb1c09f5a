/**
 * Rows to render when a trace has more than the page can draw: a window of at most `maxRows` centred on the
 * selected row, with the number hidden on each side so the page can say "1,204 more rows above" instead of
 * freezing or silently dropping the tail. O(maxRows).
 */
import type { Row } from './types';

export interface RowWindow {
  rows: Row[];
  /** Index in the full list of the first row shown. */
  start: number;
  hiddenBefore: number;
  hiddenAfter: number;
}

export function windowRows(rows: readonly Row[], selectedIndex: number, maxRows: number): RowWindow {
  const limit = Number.isFinite(maxRows) ? Math.max(0, Math.floor(maxRows)) : rows.length;
  if (rows.length <= limit) return { rows: [...rows], start: 0, hiddenBefore: 0, hiddenAfter: 0 };
  // No selection (or a stale one) shows the top of the trace.
  const selected = Number.isFinite(selectedIndex) ? Math.min(Math.max(Math.floor(selectedIndex), 0), rows.length - 1) : 0;
  const maxStart = rows.length - limit;
  const start = Math.min(Math.max(selected - Math.floor(limit / 2), 0), maxStart);
  return {
    rows: rows.slice(start, start + limit),
    start,
    hiddenBefore: start,
    hiddenAfter: rows.length - start - limit,
  };
}
