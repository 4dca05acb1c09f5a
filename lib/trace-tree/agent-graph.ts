/**
 * The agent graph of one trace: which agent handed control to which, how often, and what the receiving agent's
 * work cost. Control passes in two ways:
 * - delegation: a span with agent B sits below agent A's work (an agent boundary in the tree): A → B;
 * - succession: agents that run one after another with no agent above them (a workflow or handoff runner at
 *   the root) pass control from each to the next in start order: A, then B, gives A → B.
 * The work of a hand-off is the usage of the receiving span and of everything below it that still works for
 * the receiving agent (a further hand-off starts its own). One pre-order pass plus a sort of the hand-offs:
 * O(n log n).
 *
 * Cycles (A → B → A: agents passing control back and forth) are reported as the shortest cycle through each
 * agent, deduplicated. Listing every elementary cycle can grow exponentially; one BFS per agent is
 * O(agents × edges), and agent names are few.
 */
import type { TokenUsage } from '@/lib/span/types';
import { compareNodes } from './build-tree';
import { addTokens, nanoToUsd, usdToNano, zeroTokens } from './rollup';
import type { TraceNode, TraceTree } from './types';

export interface AgentWork {
  spanCount: number;
  tokens: TokenUsage;
  costUsd: number;
  unpricedCount: number;
}

export interface AgentGraphNode extends AgentWork {
  agent: string;
}

export interface AgentGraphEdge {
  from: string;
  to: string;
  count: number;
  /** The receiving agent's work over all hand-offs on this edge. */
  tokens: TokenUsage;
  costUsd: number;
  unpricedCount: number;
  /** The spans where control arrived, in start order: evidence to jump to. */
  spanIds: string[];
}

export interface AgentHandoff {
  from: string;
  to: string;
  spanId: string;
  startNs: bigint;
}

export interface AgentGraph {
  /** In order of the agents' first appearance in the tree (pre-order). */
  nodes: AgentGraphNode[];
  /** In order of their first hand-off. */
  edges: AgentGraphEdge[];
  /** Every hand-off in start order. */
  handoffs: AgentHandoff[];
  /** Closed cycles, e.g. ['planner', 'coder', 'planner']. */
  cycles: string[][];
}

interface Tally {
  spanCount: number;
  tokens: TokenUsage;
  costNano: number;
  unpricedCount: number;
}

function newTally(): Tally {
  return { spanCount: 0, tokens: zeroTokens(), costNano: 0, unpricedCount: 0 };
}

/** Adds a span's own counted work (aggregate usage only repeats its descendants and is skipped). */
function tallySpan(tally: Tally, node: TraceNode): void {
  tally.spanCount++;
  if (node.span.usageIsAggregate) return;
  addTokens(tally.tokens, node.ownTokens);
  if (node.ownCostUsd !== null) tally.costNano += usdToNano(node.ownCostUsd);
  else if (node.span.costSource === 'unpriced') tally.unpricedCount++;
}

function addTally(into: Tally, from: Tally): void {
  into.spanCount += from.spanCount;
  addTokens(into.tokens, from.tokens);
  into.costNano += from.costNano;
  into.unpricedCount += from.unpricedCount;
}

function toWork(tally: Tally): AgentWork {
  return {
    spanCount: tally.spanCount,
    tokens: tally.tokens,
    costUsd: nanoToUsd(tally.costNano),
    unpricedCount: tally.unpricedCount,
  };
}

/** Shortest cycle from `start` back to itself, closed, or null. */
function shortestCycle(start: string, successors: ReadonlyMap<string, string[]>): string[] | null {
  const previous = new Map<string, string>();
  const queue: string[] = [];
  for (const next of successors.get(start) ?? []) {
    if (next === start) return [start, start];
    if (!previous.has(next)) {
      previous.set(next, start);
      queue.push(next);
    }
  }
  for (let head = 0; head < queue.length; head++) {
    const at = queue[head]!;
    for (const next of successors.get(at) ?? []) {
      if (next === start) {
        const path = [start];
        for (let step: string | undefined = at; step !== undefined && step !== start; step = previous.get(step)) {
          path.push(step);
        }
        return [start, ...path.slice(1).reverse(), start];
      }
      if (!previous.has(next)) {
        previous.set(next, at);
        queue.push(next);
      }
    }
  }
  return null;
}

function findCycles(agents: readonly string[], edges: readonly AgentGraphEdge[]): string[][] {
  const successors = new Map<string, string[]>();
  for (const edge of edges) {
    const list = successors.get(edge.from);
    if (list) list.push(edge.to);
    else successors.set(edge.from, [edge.to]);
  }
  const rank = new Map(agents.map((agent, i) => [agent, i]));
  const seen = new Set<string>();
  const cycles: string[][] = [];
  for (const agent of agents) {
    const cycle = shortestCycle(agent, successors);
    if (!cycle) continue;
    // Rotate to start at the agent seen first, so A→B→A and B→A→B are reported once.
    const open = cycle.slice(0, -1);
    let first = 0;
    for (let i = 1; i < open.length; i++) if (rank.get(open[i]!)! < rank.get(open[first]!)!) first = i;
    const rotated = [...open.slice(first), ...open.slice(0, first)];
    const key = rotated.join('\u0000');
    if (seen.has(key)) continue;
    seen.add(key);
    cycles.push([...rotated, rotated[0]!]);
  }
  return cycles;
}

export function agentGraph(tree: TraceTree): AgentGraph {
  const segmentOf = new Map<string, TraceNode>();
  const segmentWork = new Map<TraceNode, Tally>();
  const agentWork = new Map<string, Tally>();
  const heads: TraceNode[] = [];

  for (const node of tree.preorder) {
    const parent = node.parentId === null ? undefined : tree.byId.get(node.parentId);
    const own = node.span.agentName;
    const startsSegment = own !== '' && (parent === undefined || parent.agent !== own);
    const segment = startsSegment ? node : parent ? segmentOf.get(parent.id) : undefined;
    if (startsSegment) {
      heads.push(node);
      segmentWork.set(node, newTally());
    }
    if (segment) {
      segmentOf.set(node.id, segment);
      tallySpan(segmentWork.get(segment)!, node);
    }
    if (node.agent !== '') {
      let tally = agentWork.get(node.agent);
      if (!tally) agentWork.set(node.agent, (tally = newTally()));
      tallySpan(tally, node);
    }
  }

  heads.sort(compareNodes);
  const handoffs: AgentHandoff[] = [];
  let previousTopLevel = '';
  for (const head of heads) {
    const parent = head.parentId === null ? undefined : tree.byId.get(head.parentId);
    const from = parent && parent.agent !== '' ? parent.agent : previousTopLevel;
    if (!parent || parent.agent === '') previousTopLevel = head.span.agentName;
    if (from !== '' && from !== head.span.agentName) {
      handoffs.push({ from, to: head.span.agentName, spanId: head.id, startNs: head.startNs });
    }
  }

  const edgeTallies = new Map<string, { edge: AgentGraphEdge; tally: Tally }>();
  for (const handoff of handoffs) {
    const key = `${handoff.from}\u0000${handoff.to}`;
    let entry = edgeTallies.get(key);
    if (!entry) {
      const edge: AgentGraphEdge = { from: handoff.from, to: handoff.to, count: 0, tokens: zeroTokens(), costUsd: 0, unpricedCount: 0, spanIds: [] };
      edgeTallies.set(key, (entry = { edge, tally: newTally() }));
    }
    entry.edge.count++;
    entry.edge.spanIds.push(handoff.spanId);
    addTally(entry.tally, segmentWork.get(tree.byId.get(handoff.spanId)!)!);
  }
  const edges = [...edgeTallies.values()].map(({ edge, tally }) => {
    const work = toWork(tally);
    return { ...edge, tokens: work.tokens, costUsd: work.costUsd, unpricedCount: work.unpricedCount };
  });

  const nodes = [...agentWork].map(([agent, tally]) => ({ agent, ...toWork(tally) }));
  return { nodes, edges, handoffs, cycles: findCycles(nodes.map((n) => n.agent), edges) };
}
