/**
 * The rows the tree shows, from the full trace and the page's state: focus (a subtree as its own tree), then the
 * filter (matches plus their ancestors), then collapse and group expansion, then the window when there are more
 * rows than the page renders at once. Each step is one of the linear passes in `lib/trace-tree`.
 */
import {
  filterTree,
  flattenTree,
  focusSubtree,
  groupRepeatedSiblings,
  windowRows,
  type Row,
  type RowWindow,
  type SiblingGroups,
  type TraceTree,
} from '@/lib/trace-tree';
import { formatCount } from '@/lib/ui/format';
import { toTreeFilter, type TraceViewFilter } from './url-state';

/** More rows than this (after expansion) are shown as a window around the selection. */
export const MAX_RENDERED_ROWS = 5000;

export interface ViewTree {
  /** The focused subtree, or the whole trace. */
  tree: TraceTree;
  groups: SiblingGroups;
  /** True when `focusId` named a span of the trace. */
  focused: boolean;
}

export function viewTree(full: TraceTree, focusId: string | null): ViewTree {
  const focused = focusId === null ? null : focusSubtree(full, focusId);
  const tree = focused ?? full;
  return { tree, groups: groupRepeatedSiblings(tree), focused: focused !== null };
}

export interface ViewRows {
  rows: Row[];
  /** Spans that satisfy the filter; null when nothing filters. */
  matches: ReadonlySet<string> | null;
}

export function viewRows(
  view: ViewTree,
  filter: TraceViewFilter,
  collapsed: ReadonlySet<string>,
  expandedGroups: ReadonlySet<string>,
): ViewRows {
  const treeFilter = toTreeFilter(filter);
  const result = treeFilter ? filterTree(view.tree, treeFilter) : null;
  const rows = flattenTree(view.tree, {
    collapsed,
    expandedGroups,
    groups: view.groups,
    filter: result ? result.visible : undefined,
  });
  return { rows, matches: result ? result.matches : null };
}

/** The window around `anchorIndex`; everything when the rows fit. */
export function rowWindow(rows: readonly Row[], anchorIndex: number, maxRows = MAX_RENDERED_ROWS): RowWindow {
  return windowRows(rows, anchorIndex, maxRows);
}

/** "Showing rows 2,001–7,000 of 12,345; 2,000 before, 5,345 after", or null when every row is shown. */
export function windowNotice(window: RowWindow, totalRows: number): string | null {
  if (window.hiddenBefore === 0 && window.hiddenAfter === 0) return null;
  const from = window.start + 1;
  const to = window.start + window.rows.length;
  return (
    `Showing rows ${formatCount(from)}–${formatCount(to)} of ${formatCount(totalRows)}; ` +
    `${formatCount(window.hiddenBefore)} before, ${formatCount(window.hiddenAfter)} after`
  );
}

/** Span ids with children: collapsing all of them leaves only the roots. */
export function collapsibleIds(tree: TraceTree): Set<string> {
  const ids = new Set<string>();
  for (const node of tree.preorder) if (node.children.length > 0) ids.add(node.id);
  return ids;
}

/**
 * Makes a span visible: its ancestors are un-collapsed, and any group holding it or one of its ancestors is
 * expanded. Returns new sets (or the same ones when nothing had to change, so React state does not churn).
 */
export function revealSpan(
  tree: TraceTree,
  groups: SiblingGroups,
  spanId: string,
  collapsed: ReadonlySet<string>,
  expandedGroups: ReadonlySet<string>,
): { collapsed: ReadonlySet<string>; expandedGroups: ReadonlySet<string> } {
  const node = tree.byId.get(spanId);
  if (!node) return { collapsed, expandedGroups };
  let nextCollapsed: Set<string> | null = null;
  let nextGroups: Set<string> | null = null;
  for (let at = node; ; ) {
    if (at !== node && collapsed.has(at.id)) (nextCollapsed ??= new Set(collapsed)).delete(at.id);
    const group = groups.byMember.get(at.id);
    if (group && !expandedGroups.has(group.id)) (nextGroups ??= new Set(expandedGroups)).add(group.id);
    const parent = at.parentId === null ? undefined : tree.byId.get(at.parentId);
    if (!parent) break;
    at = parent;
  }
  return { collapsed: nextCollapsed ?? collapsed, expandedGroups: nextGroups ?? expandedGroups };
}

/** A copy of `set` with `id` added or removed. */
export function toggled(set: ReadonlySet<string>, id: string, on: boolean): ReadonlySet<string> {
  if (set.has(id) === on) return set;
  const next = new Set(set);
  if (on) next.add(id);
  else next.delete(id);
  return next;
}
