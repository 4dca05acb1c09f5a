/**
 * Flattens the tree into the rows the page renders: pre-order, each row with its depth. A collapsed span's
 * descendants are never visited, and each node's children are looked at once, so the cost is linear in the
 * rows produced plus the children of expanded nodes. Iterative (explicit stack), like everything in this folder.
 *
 * Repeated siblings (see sibling-groups) appear as one group row at the place of their first member; expanding
 * the group lists the members, one level deeper, right after it.
 */
import { groupRepeatedSiblings } from './sibling-groups';
import type { Row, SiblingGroup, SiblingGroups, TraceNode, TraceTree } from './types';

export interface FlattenOptions {
  /** Span ids whose descendants are hidden. */
  collapsed?: ReadonlySet<string>;
  /** Group ids whose members are listed. */
  expandedGroups?: ReadonlySet<string>;
  /** Span ids to show (from filterTree's `visible`); absent means all. */
  filter?: ReadonlySet<string>;
  /** Precomputed groups; null turns grouping off; absent groups with the default threshold. */
  groups?: SiblingGroups | null;
}

type Item = { kind: 'span'; node: TraceNode; depth: number; groupId: string | null } | {
  kind: 'group';
  group: SiblingGroup;
  members: TraceNode[];
  depth: number;
};

export function flattenTree(tree: TraceTree, options: FlattenOptions = {}): Row[] {
  const collapsed = options.collapsed ?? new Set<string>();
  const expandedGroups = options.expandedGroups ?? new Set<string>();
  const filter = options.filter;
  const groups = options.groups === undefined ? groupRepeatedSiblings(tree) : options.groups;
  const shown = (node: TraceNode): boolean => filter === undefined || filter.has(node.id);

  /** The items for one list of siblings, in order, with grouped members replaced by their group. */
  const itemsOf = (siblings: readonly TraceNode[], depth: number): Item[] => {
    const items: Item[] = [];
    const placed = new Set<string>();
    for (const node of siblings) {
      if (!shown(node)) continue;
      const group = groups?.byMember.get(node.id);
      if (!group) {
        items.push({ kind: 'span', node, depth, groupId: null });
      } else if (!placed.has(group.id)) {
        placed.add(group.id);
        items.push({ kind: 'group', group, members: group.members.filter(shown), depth });
      }
    }
    return items;
  };
  const pushReversed = (stack: Item[], items: readonly Item[]): void => {
    for (let i = items.length - 1; i >= 0; i--) stack.push(items[i]!);
  };

  const rows: Row[] = [];
  const stack: Item[] = [];
  pushReversed(stack, itemsOf(tree.roots, 0));
  for (let item = stack.pop(); item; item = stack.pop()) {
    if (item.kind === 'group') {
      const expanded = expandedGroups.has(item.group.id);
      rows.push({ kind: 'group', id: item.group.id, group: item.group, depth: item.depth, expanded });
      if (expanded) {
        const members = item.members.map((node): Item => ({
          kind: 'span',
          node,
          depth: item.depth + 1,
          groupId: item.group.id,
        }));
        pushReversed(stack, members);
      }
      continue;
    }
    const { node, depth } = item;
    const isCollapsed = collapsed.has(node.id);
    const hasChildren = filter === undefined ? node.children.length > 0 : node.children.some(shown);
    rows.push({ kind: 'span', id: node.id, node, depth, hasChildren, collapsed: isCollapsed, groupId: item.groupId });
    if (!isCollapsed && hasChildren) pushReversed(stack, itemsOf(node.children, depth + 1));
  }
  return rows;
}

