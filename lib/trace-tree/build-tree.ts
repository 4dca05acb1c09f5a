/**
 * Builds the trace tree from API spans without recursion, so a 10,000-deep chain cannot overflow the stack.
 *
 * 1. Dedupe by span id (a retried export delivers the same span twice; the first copy is kept) — O(n).
 * 2. Link each span to its parent through a map; a span whose parent never arrived becomes a root flagged
 *    `orphan` — O(n).
 * 3. Parent links that form a cycle (malformed input) would leave spans unreachable from any root and silently
 *    missing from the page; each such cycle is cut at its earliest span, which becomes an orphan root — O(n log n).
 * 4. Sort children and roots by start time, ties by span id, so the order is stable across reloads — O(n log n).
 * 5. Walk once with an explicit stack for pre-order, depth and index; then agents and services top-down,
 *    rollups bottom-up, errors, and repeat signatures — each O(n).
 */
import type { ApiSpan } from '@/lib/span/api-types';
import { markBoundaries } from './boundaries';
import { isErrorSpan, markErrors } from './errors';
import { computeRollups, emptyRollup, spanCostUsd, spanTokens } from './rollup';
import { repeatSignature } from './signature';
import { compareBigint, spanDurationNs, spanStartNs } from './time';
import type { TraceNode, TraceTree } from './types';

/** All-zero ids are what some encoders send for "no parent". */
const NO_PARENT = /^0*$/;

function createNode(span: ApiSpan): TraceNode {
  const startNs = spanStartNs(span);
  const durationNs = spanDurationNs(span.durationMs);
  const endNs = startNs + BigInt(durationNs ?? 0);
  return {
    id: span.spanId,
    span,
    parentId: null,
    children: [],
    depth: 0,
    index: -1,
    startNs,
    durationNs,
    endNs,
    orphan: false,
    parentCycle: false,
    ownTokens: spanTokens(span),
    ownCostUsd: spanCostUsd(span),
    subtree: emptyRollup(startNs, endNs),
    isError: isErrorSpan(span),
    errorOrigin: false,
    onErrorPath: false,
    hidesChildError: false,
    agent: '',
    agentBoundary: false,
    serviceBoundary: false,
    signature: null,
  };
}

export function compareNodes(a: TraceNode, b: TraceNode): number {
  const byStart = compareBigint(a.startNs, b.startNs);
  if (byStart !== 0) return byStart;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** Marks everything reachable from `from` (iteratively). */
function markReachable(from: readonly TraceNode[], seen: Set<TraceNode>): void {
  const stack = [...from];
  for (let node = stack.pop(); node; node = stack.pop()) {
    if (seen.has(node)) continue;
    seen.add(node);
    for (const child of node.children) stack.push(child);
  }
}

/** Cuts parent-link cycles so every span is reachable from a root. */
function breakCycles(nodes: readonly TraceNode[], roots: TraceNode[], byId: Map<string, TraceNode>): void {
  const seen = new Set<TraceNode>();
  markReachable(roots, seen);
  if (seen.size === nodes.length) return;
  const stranded = nodes.filter((node) => !seen.has(node)).sort(compareNodes);
  for (const node of stranded) {
    if (seen.has(node)) continue;
    const parent = node.parentId === null ? undefined : byId.get(node.parentId);
    if (parent) parent.children.splice(parent.children.indexOf(node), 1);
    node.parentId = null;
    node.orphan = true;
    node.parentCycle = true;
    roots.push(node);
    markReachable([node], seen);
  }
}

/** Pre-order with depth and index, children pushed in reverse so they pop in order. */
function preorderOf(roots: readonly TraceNode[]): TraceNode[] {
  const order: TraceNode[] = [];
  const stack: TraceNode[] = [];
  for (let i = roots.length - 1; i >= 0; i--) stack.push(roots[i]!);
  for (let node = stack.pop(); node; node = stack.pop()) {
    node.index = order.length;
    order.push(node);
    for (let i = node.children.length - 1; i >= 0; i--) {
      const child = node.children[i]!;
      child.depth = node.depth + 1;
      stack.push(child);
    }
  }
  return order;
}

export function buildTree(spans: readonly ApiSpan[]): TraceTree {
  const byId = new Map<string, TraceNode>();
  let duplicatesRemoved = 0;
  for (const span of spans) {
    if (byId.has(span.spanId)) duplicatesRemoved++;
    else byId.set(span.spanId, createNode(span));
  }

  const nodes = [...byId.values()];
  const roots: TraceNode[] = [];
  for (const node of nodes) {
    const parentSpanId = node.span.parentSpanId;
    const hasParentId = !NO_PARENT.test(parentSpanId);
    const parent = hasParentId && parentSpanId !== node.id ? byId.get(parentSpanId) : undefined;
    if (parent) {
      node.parentId = parent.id;
      parent.children.push(node);
    } else {
      node.orphan = hasParentId;
      roots.push(node);
    }
  }
  breakCycles(nodes, roots, byId);

  for (const node of nodes) node.children.sort(compareNodes);
  roots.sort(compareNodes);
  for (const root of roots) root.depth = 0;
  const preorder = preorderOf(roots);

  markBoundaries(preorder, byId);
  const totals = computeRollups(preorder, byId);
  const errorOriginId = markErrors(preorder, byId);
  for (const node of preorder) node.signature = repeatSignature(node);

  return {
    roots,
    byId,
    preorder,
    totals,
    duplicatesRemoved,
    orphanCount: roots.filter((root) => root.orphan).length,
    errorOriginId,
  };
}
