/**
 * Rollups: one bottom-up pass over the pre-order array, read back to front so that every child is finished
 * before its parent (no recursion, O(n)). Each node starts from its own contribution, then adds itself into its
 * parent.
 *
 * Exactness: token counts are sanitised to non-negative integers and summed as integers (exact below 2^53).
 * Costs are converted once per span to integer nano-USD and summed as integers, so a trace total is the same
 * whatever order the spans arrived in and never drifts the way 10,000 float additions of $0.0000015 would.
 * A Number holds integer nano-USD exactly up to about $9 million per trace; rounding each span to a nano-dollar
 * loses nothing a price list can express (the cheapest per-token prices are tens of nano-dollars).
 *
 * Aggregate usage (`usageIsAggregate`: an agent span repeating its model calls' tokens) contributes nothing:
 * counting it would double the trace's tokens and cost.
 */
import type { ApiSpan } from '@/lib/span/api-types';
import type { TokenUsage } from '@/lib/span/types';
import { maxBigint, minBigint } from './time';
import type { Rollup, TraceNode } from './types';

const NANO_PER_USD = 1e9;

export function zeroTokens(): TokenUsage {
  return { inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0, reasoningTokens: 0 };
}

export function emptyRollup(startNs = 0n, endNs = 0n): Rollup {
  return {
    tokens: zeroTokens(),
    costNanoUsd: 0,
    costUsd: 0,
    unpricedCount: 0,
    errorCount: 0,
    spanCount: 0,
    llmCallCount: 0,
    toolCallCount: 0,
    startNs,
    endNs,
  };
}

/** A count as a non-negative integer; garbage (NaN, negative, fractional) must not poison an exact sum. */
function count(value: number): number {
  return Number.isFinite(value) && value > 0 ? Math.round(value) : 0;
}

export function spanTokens(span: ApiSpan): TokenUsage {
  return {
    inputTokens: count(span.inputTokens),
    outputTokens: count(span.outputTokens),
    cacheReadTokens: count(span.cacheReadTokens),
    cacheWriteTokens: count(span.cacheWriteTokens),
    reasoningTokens: count(span.reasoningTokens),
  };
}

export function spanCostUsd(span: ApiSpan): number | null {
  return span.costUsd !== null && Number.isFinite(span.costUsd) ? span.costUsd : null;
}

export function usdToNano(usd: number): number {
  return Math.round(usd * NANO_PER_USD);
}

export function nanoToUsd(nano: number): number {
  return nano / NANO_PER_USD;
}

export function addTokens(into: TokenUsage, from: TokenUsage): void {
  into.inputTokens += from.inputTokens;
  into.outputTokens += from.outputTokens;
  into.cacheReadTokens += from.cacheReadTokens;
  into.cacheWriteTokens += from.cacheWriteTokens;
  into.reasoningTokens += from.reasoningTokens;
}

/** Adds `from` into `into`, widening the time window. */
export function addRollup(into: Rollup, from: Rollup): void {
  const wasEmpty = into.spanCount === 0;
  addTokens(into.tokens, from.tokens);
  into.costNanoUsd += from.costNanoUsd;
  into.costUsd = nanoToUsd(into.costNanoUsd);
  into.unpricedCount += from.unpricedCount;
  into.errorCount += from.errorCount;
  into.spanCount += from.spanCount;
  into.llmCallCount += from.llmCallCount;
  into.toolCallCount += from.toolCallCount;
  into.startNs = wasEmpty ? from.startNs : minBigint(into.startNs, from.startNs);
  into.endNs = wasEmpty ? from.endNs : maxBigint(into.endNs, from.endNs);
}

/** What one span adds to every total it is part of. */
function ownContribution(node: TraceNode): Rollup {
  const own = emptyRollup(node.startNs, node.endNs);
  const span = node.span;
  own.spanCount = 1;
  own.errorCount = node.isError ? 1 : 0;
  own.llmCallCount = span.nodeType === 'llm' ? 1 : 0;
  own.toolCallCount = span.nodeType === 'tool' ? 1 : 0;
  if (span.usageIsAggregate) return own;
  addTokens(own.tokens, node.ownTokens);
  if (node.ownCostUsd !== null) {
    own.costNanoUsd = usdToNano(node.ownCostUsd);
    own.costUsd = nanoToUsd(own.costNanoUsd);
  } else if (span.costSource === 'unpriced') {
    own.unpricedCount = 1;
  }
  return own;
}

/** Fills `subtree` on every node; returns the totals over all roots. `preorder` must be in pre-order. */
export function computeRollups(preorder: readonly TraceNode[], byId: ReadonlyMap<string, TraceNode>): Rollup {
  for (const node of preorder) node.subtree = ownContribution(node);
  const totals = emptyRollup();
  for (let i = preorder.length - 1; i >= 0; i--) {
    const node = preorder[i]!;
    const parent = node.parentId === null ? undefined : byId.get(node.parentId);
    addRollup(parent ? parent.subtree : totals, node.subtree);
  }
  return totals;
}
