/**
 * Shapes of the trace tree. Nodes hold their children but no parent pointer (only `parentId`, resolved through
 * `TraceTree.byId`), so the tree has no reference cycles and can be cloned or logged without special care.
 * Times are nanoseconds since the epoch as bigint: a Number cannot hold them exactly (they exceed 2^53).
 */
import type { ApiSpan } from '@/lib/span/api-types';
import type { TokenUsage } from '@/lib/span/types';

/** Totals over a node and all its descendants (or over a whole tree). */
export interface Rollup {
  /** Integer sums; usage marked `usageIsAggregate` is never included. */
  tokens: TokenUsage;
  /** The known part of the cost in nano-USD: an integer sum, so it is exact and independent of order. */
  costNanoUsd: number;
  /** `costNanoUsd` in USD, for display. */
  costUsd: number;
  /** Model calls whose cost is unknown (`unpriced`): the real cost is `costUsd` plus something. */
  unpricedCount: number;
  errorCount: number;
  spanCount: number;
  llmCallCount: number;
  toolCallCount: number;
  /** The earliest start and the latest end in the subtree. */
  startNs: bigint;
  endNs: bigint;
}

export interface TraceNode {
  id: string;
  span: ApiSpan;
  /** The tree parent; null for roots (including orphans, whose missing parent id is still in `span.parentSpanId`). */
  parentId: string | null;
  /** Sorted by start time, ties by span id. */
  children: TraceNode[];
  depth: number;
  /** Position in `TraceTree.preorder`; the subtree occupies `index .. index + subtree.spanCount - 1`. */
  index: number;
  startNs: bigint;
  /** Null when the span reported no usable duration (not ended, or a negative or non-finite value). */
  durationNs: number | null;
  /** `startNs + durationNs` (or `startNs` when the duration is unknown). */
  endNs: bigint;
  /** The parent id points at a span that never arrived (or the parent link formed a cycle). */
  orphan: boolean;
  /** Parent links among several spans formed a cycle; this one was cut loose to make the tree a tree. */
  parentCycle: boolean;

  /** The span's own usage as reported, shown on the node even when it only repeats its descendants. */
  ownTokens: TokenUsage;
  /** The span's own cost as reported; null when unknown or absent. */
  ownCostUsd: number | null;
  subtree: Rollup;

  /** Status `error`, or a tool whose HTTP status is >= 400 or that reports an `error.type`. */
  isError: boolean;
  /** The first failing span of the trace: the earliest-ending error with no erroring descendant. */
  errorOrigin: boolean;
  /** On the path from the error origin up to its root (both included). */
  onErrorPath: boolean;
  /** Reports OK or unset while something below it failed: a silent failure. */
  hidesChildError: boolean;

  /** The agent this span works for: its own agentName, or the nearest ancestor's. '' outside any agent. */
  agent: string;
  /** Control passes to another agent here. */
  agentBoundary: boolean;
  /** Control passes to another service (or process, when the parent is remote) here. */
  serviceBoundary: boolean;

  /** Key under which repeated siblings (the same tool call, the same model call) are grouped; null if never. */
  signature: string | null;
}

export interface TraceTree {
  /** Ordered by start time, ties by span id. */
  roots: TraceNode[];
  byId: ReadonlyMap<string, TraceNode>;
  /** Every node in pre-order (depth-first, children in order). */
  preorder: TraceNode[];
  /** Rollup over all roots: the trace's totals. */
  totals: Rollup;
  /** Copies of an already-seen span id that were dropped (retried exports). */
  duplicatesRemoved: number;
  orphanCount: number;
  errorOriginId: string | null;
}

/** Repeated siblings shown as one row: "get_weather ×12, $0.84". */
export interface SiblingGroup {
  /** Stable across renders and reloads: parent id plus a hash of the signature. */
  id: string;
  parentId: string | null;
  kind: 'tool' | 'llm';
  /** Tool name or model name. */
  label: string;
  signature: string;
  /** In start order. */
  members: TraceNode[];
  count: number;
  /** Sum of the members' known durations. */
  durationNs: number;
  /** Sums over the members' subtrees. */
  tokens: TokenUsage;
  costUsd: number;
  unpricedCount: number;
  errorCount: number;
  firstStartNs: bigint;
  lastStartNs: bigint;
}

export interface SiblingGroups {
  /** Keyed by parent span id; roots are under ROOT_PARENT_KEY. */
  byParent: ReadonlyMap<string, SiblingGroup[]>;
  byMember: ReadonlyMap<string, SiblingGroup>;
  byId: ReadonlyMap<string, SiblingGroup>;
}

export interface SpanRow {
  kind: 'span';
  id: string;
  node: TraceNode;
  depth: number;
  /** Has children that the current filter lets through. */
  hasChildren: boolean;
  collapsed: boolean;
  /** Set when the row is shown as a member of an expanded group. */
  groupId: string | null;
}

export interface GroupRow {
  kind: 'group';
  id: string;
  group: SiblingGroup;
  depth: number;
  expanded: boolean;
}

export type Row = SpanRow | GroupRow;
