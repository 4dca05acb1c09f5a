/**
 * What a key does in the trace tree, decided from the rows alone so the tree component only dispatches:
 * ↑/↓ move, → expands a collapsed row or steps to its first child, ← collapses an expanded row or steps to its
 * parent, Enter opens the span panel (or toggles a group), Home/End jump to the ends.
 */
import { firstChildRow, nextRow, parentRow, prevRow, type Row } from '@/lib/trace-tree';

export type TreeKeyAction =
  | { kind: 'select'; index: number }
  | { kind: 'collapse'; id: string; group: boolean }
  | { kind: 'expand'; id: string; group: boolean }
  | { kind: 'open'; id: string };

function isExpandable(row: Row): boolean {
  return row.kind === 'group' ? !row.expanded : row.hasChildren && row.collapsed;
}

function isCollapsible(row: Row): boolean {
  return row.kind === 'group' ? row.expanded : row.hasChildren && !row.collapsed;
}

function select(index: number, current: number): TreeKeyAction | null {
  return index >= 0 && index !== current ? { kind: 'select', index } : null;
}

/** The action for `key` with the row at `index` selected (-1: none), or null when the key does nothing. */
export function treeKeyAction(rows: readonly Row[], index: number, key: string): TreeKeyAction | null {
  if (rows.length === 0) return null;
  const row = index >= 0 ? rows[index] : undefined;
  // With nothing selected, any navigation key starts at the top.
  if (!row) return ['ArrowDown', 'ArrowUp', 'ArrowLeft', 'ArrowRight', 'Home', 'Enter'].includes(key) ? { kind: 'select', index: 0 } : null;
  const group = row.kind === 'group';
  switch (key) {
    case 'ArrowDown':
      return select(nextRow(rows, index), index);
    case 'ArrowUp':
      return select(prevRow(rows, index), index);
    case 'ArrowRight':
      return isExpandable(row) ? { kind: 'expand', id: row.id, group } : select(firstChildRow(rows, index), index);
    case 'ArrowLeft':
      return isCollapsible(row) ? { kind: 'collapse', id: row.id, group } : select(parentRow(rows, index), index);
    case 'Enter':
      if (row.kind === 'span') return { kind: 'open', id: row.id };
      return row.expanded ? { kind: 'collapse', id: row.id, group } : { kind: 'expand', id: row.id, group };
    case 'Home':
      return select(0, index);
    case 'End':
      return select(rows.length - 1, index);
    default:
      return null;
  }
}
