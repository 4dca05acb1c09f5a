/**
 * Keyboard navigation over flattened rows (arrow keys in the trace tree). Each helper takes the current row
 * index and returns the index to move to, or the same index when there is nowhere to go; -1 for no rows.
 * A stale index (the rows changed under the selection) is clamped rather than trusted.
 */
import type { Row } from './types';

function clamp(rows: readonly Row[], index: number): number {
  if (rows.length === 0) return -1;
  if (!Number.isFinite(index) || index < 0) return 0;
  return Math.min(Math.floor(index), rows.length - 1);
}

export function nextRow(rows: readonly Row[], index: number): number {
  const at = clamp(rows, index);
  return at < 0 ? -1 : Math.min(at + (index >= 0 ? 1 : 0), rows.length - 1);
}

export function prevRow(rows: readonly Row[], index: number): number {
  const at = clamp(rows, index);
  return at < 0 ? -1 : Math.max(at - 1, 0);
}

/** The nearest row above with a smaller depth (a span's parent, or a member's group row). */
export function parentRow(rows: readonly Row[], index: number): number {
  const at = clamp(rows, index);
  if (at < 0) return -1;
  const depth = rows[at]!.depth;
  for (let i = at - 1; i >= 0; i--) if (rows[i]!.depth < depth) return i;
  return at;
}

/** The row right below when it is one level deeper (the first visible child), else the same row. */
export function firstChildRow(rows: readonly Row[], index: number): number {
  const at = clamp(rows, index);
  if (at < 0) return -1;
  const below = rows[at + 1];
  return below !== undefined && below.depth > rows[at]!.depth ? at + 1 : at;
}

/** Index of the row showing `id` (span or group), or -1. */
export function rowIndexOf(rows: readonly Row[], id: string): number {
  return rows.findIndex((row) => row.id === id);
}
