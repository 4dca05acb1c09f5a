/**
 * Filtering and search inside one trace. Every criterion given must hold (AND); no criterion matches every span.
 * Matches keep their ancestors visible so each stays in context: walking up stops at the first ancestor already
 * marked, so the whole pass is O(n + size of the searched text).
 */
import type { NodeType } from '@/lib/span/types';
import { toolLabel } from './signature';
import type { TraceNode, TraceTree } from './types';

export interface TreeFilter {
  nodeTypes?: readonly NodeType[];
  errorsOnly?: boolean;
  /** Exact tool name, case-insensitive. */
  toolName?: string;
  /** The agent the span works for (its own or the nearest ancestor's), case-insensitive. */
  agentName?: string;
  /** The span's own known cost is at least this much. */
  minCostUsd?: number;
  /** Case-insensitive substring of name, model, tool, agent, status message or any attribute value. */
  text?: string;
}

export interface FilterResult {
  /** The spans that satisfy the filter. */
  matches: Set<string>;
  /** Matches plus their ancestors: what flattenTree should show. */
  visible: Set<string>;
}

function textOf(node: TraceNode): string[] {
  const span = node.span;
  return [
    span.name,
    span.requestModel,
    span.responseModel,
    span.toolName,
    span.agentName,
    node.agent,
    span.statusMessage,
    span.errorType,
    ...Object.values(span.attributes),
  ];
}

function matcher(filter: TreeFilter): (node: TraceNode) => boolean {
  const types = filter.nodeTypes && filter.nodeTypes.length > 0 ? new Set(filter.nodeTypes) : null;
  const tool = filter.toolName?.trim().toLowerCase() ?? '';
  const agent = filter.agentName?.trim().toLowerCase() ?? '';
  const text = filter.text?.trim().toLowerCase() ?? '';
  const minCost = filter.minCostUsd;
  return (node) => {
    const span = node.span;
    if (types && !types.has(span.nodeType)) return false;
    if (filter.errorsOnly && !node.isError) return false;
    if (tool !== '' && (span.nodeType !== 'tool' || toolLabel(span).toLowerCase() !== tool)) return false;
    if (agent !== '' && node.agent.toLowerCase() !== agent) return false;
    if (minCost !== undefined && Number.isFinite(minCost) && (node.ownCostUsd ?? -Infinity) < minCost) return false;
    if (text !== '' && !textOf(node).some((value) => value.toLowerCase().includes(text))) return false;
    return true;
  };
}

export function filterTree(tree: TraceTree, filter: TreeFilter): FilterResult {
  const matches = new Set<string>();
  const visible = new Set<string>();
  const test = matcher(filter);
  for (const node of tree.preorder) {
    if (!test(node)) continue;
    matches.add(node.id);
    for (let at: TraceNode | undefined = node; at && !visible.has(at.id); ) {
      visible.add(at.id);
      at = at.parentId === null ? undefined : tree.byId.get(at.parentId);
    }
  }
  return { matches, visible };
}

/**
 * The subtree under one span as a tree of its own (for "focus on this agent"). Nodes are shared with the full
 * tree, not copied; the subtree is a contiguous slice of the pre-order array, so this is O(size of the subtree).
 * Depths, boundaries and error flags stay those of the full trace. Null when the span is not in the tree.
 */
export function focusSubtree(tree: TraceTree, spanId: string): TraceTree | null {
  const node = tree.byId.get(spanId);
  if (!node) return null;
  const preorder = tree.preorder.slice(node.index, node.index + node.subtree.spanCount);
  const byId = new Map(preorder.map((n) => [n.id, n]));
  const origin = preorder.find((n) => n.errorOrigin);
  return {
    roots: [node],
    byId,
    preorder,
    totals: { ...node.subtree, tokens: { ...node.subtree.tokens } },
    duplicatesRemoved: 0,
    orphanCount: 0,
    errorOriginId: origin ? origin.id : null,
  };
}
