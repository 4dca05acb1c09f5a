/**
 * What every per-trace rule needs, computed once per trace: the tree (built by the trace-tree library, so the
 * detectors and the trace page agree on parents, agents, errors and totals) and the run's root. Plus the small
 * helpers the rules share: which calls failed, what a set of spans cost, evidence limits and severity.
 */
import type { ApiSpan, ApiTraceSummary } from '@/lib/span/api-types';
import {
  buildTree,
  compareNodes,
  HTTP_STATUS_KEYS,
  isErrorSpan,
  nanoToUsd,
  TOOL_ARGUMENT_KEYS,
  usdToNano,
  type TraceNode,
  type TraceTree,
} from '@/lib/trace-tree';
import type { DetectorTrace, Finding, RuleId, Severity } from './types';

export interface PreparedTrace {
  traceId: string;
  summary: ApiTraceSummary;
  tree: TraceTree;
  /** The summary's root when it arrived, else the earliest root of the tree; null for an empty trace. */
  root: TraceNode | null;
}

export function prepareTrace(input: DetectorTrace): PreparedTrace {
  const tree = buildTree(input.spans);
  const root = tree.byId.get(input.trace.rootSpanId) ?? tree.roots[0] ?? null;
  const traceId = input.trace.traceId !== '' ? input.trace.traceId : (input.spans[0]?.traceId ?? '');
  return { traceId, summary: input.trace, tree, root };
}

/**
 * A long run can hold thousands of matching spans; a finding lists at most this many (the first ones, plus the
 * root where the rule says so) so that an alert row and a webhook body stay small. The count is in the summary.
 */
export const MAX_EVIDENCE = 50;

export function evidence(ids: readonly string[]): string[] {
  return ids.length <= MAX_EVIDENCE ? [...ids] : ids.slice(0, MAX_EVIDENCE);
}

/** Count and cost rules page as critical from this multiple of their threshold on. */
export const CRITICAL_MULTIPLE = 3;

export function severityFor(value: number, threshold: number): Severity {
  return value >= threshold * CRITICAL_MULTIPLE ? 'critical' : 'warning';
}

export function makeFinding(
  run: PreparedTrace,
  fields: Omit<Finding, 'traceId' | 'evidenceSpanIds'> & { evidence: readonly string[] },
): Finding {
  const { evidence: ids, ...rest } = fields;
  return { ...rest, traceId: run.traceId, evidenceSpanIds: evidence(ids) };
}

export type PerTraceRule = Exclude<RuleId, 'cost_rate_anomaly'>;

const MODEL_CALL_TYPES = new Set(['llm', 'embedding']);
/**
 * The only span attributes the per-trace rules (and the tree code they use) read. The alert runner reads just these
 * of each span, and no resource attributes, events or links: about half the bytes of a full read. A rule that starts
 * reading another attribute must add it here, with a case in `attribute-keys.test.ts` that finds the problem only
 * through that attribute (that test and `scenarios.test.ts` compare findings on full and reduced spans).
 */
export const DETECTOR_ATTRIBUTE_KEYS: readonly string[] = [...HTTP_STATUS_KEYS, 'error.type', ...TOOL_ARGUMENT_KEYS];

export function isModelCall(span: ApiSpan): boolean {
  return MODEL_CALL_TYPES.has(span.nodeType);
}

function httpFailure(span: ApiSpan): boolean {
  return HTTP_STATUS_KEYS.some((key) => Number(span.attributes[key] ?? '') >= 400);
}

/**
 * A tool or model call that failed. The tree's `isErrorSpan` covers status `error` and tools that only record
 * an HTTP status or `error.type`; model calls can fail the same quiet way (a 429 from the provider recorded by an
 * HTTP-level instrumentation), which that rule does not look for on non-tool spans.
 */
export function callFailed(span: ApiSpan): boolean {
  if (isErrorSpan(span)) return true;
  if (!isModelCall(span)) return false;
  return span.errorType !== '' || (span.attributes['error.type'] ?? '') !== '' || httpFailure(span);
}

/** Why a call failed, in a word: its error type, else its HTTP status, else "error". */
export function failureReason(span: ApiSpan): string {
  if (span.errorType !== '') return span.errorType;
  const attributeType = span.attributes['error.type'];
  if (attributeType) return attributeType;
  for (const key of HTTP_STATUS_KEYS) {
    const status = span.attributes[key];
    if (status !== undefined && Number(status) >= 400) return `HTTP ${status}`;
  }
  return span.statusMessage !== '' ? span.statusMessage.slice(0, 60) : 'error';
}

export interface Spend {
  costUsd: number;
  unpricedCount: number;
  inputTokens: number;
  outputTokens: number;
}

/** Known own cost and tokens of the given spans; aggregate usage (a repeat of the children's) is skipped. */
export function spendOf(nodes: Iterable<TraceNode>): Spend {
  let costNano = 0;
  const spend: Spend = { costUsd: 0, unpricedCount: 0, inputTokens: 0, outputTokens: 0 };
  for (const node of nodes) {
    if (node.span.usageIsAggregate) continue;
    spend.inputTokens += node.ownTokens.inputTokens;
    spend.outputTokens += node.ownTokens.outputTokens;
    if (node.ownCostUsd !== null) costNano += usdToNano(node.ownCostUsd);
    else if (node.span.costSource === 'unpriced') spend.unpricedCount++;
  }
  spend.costUsd = nanoToUsd(costNano);
  return spend;
}

/** Every span in the given subtrees, each once even when one subtree contains another (pre-order index ranges). */
export function subtreeNodes(tree: TraceTree, heads: readonly TraceNode[]): TraceNode[] {
  const ranges = heads.map((head) => [head.index, head.index + head.subtree.spanCount] as const).sort((a, b) => a[0] - b[0]);
  const out: TraceNode[] = [];
  let covered = 0;
  for (const [from, to] of ranges) {
    for (let i = Math.max(from, covered); i < to; i++) out.push(tree.preorder[i]!);
    covered = Math.max(covered, to);
  }
  return out;
}

export function byStart(nodes: readonly TraceNode[]): TraceNode[] {
  return [...nodes].sort(compareNodes);
}

/** Wall time from the first start to the last end among the nodes, in milliseconds. */
export function spanWindowMs(nodes: readonly TraceNode[]): number {
  if (nodes.length === 0) return 0;
  let start = nodes[0]!.startNs;
  let end = nodes[0]!.endNs;
  for (const node of nodes) {
    if (node.startNs < start) start = node.startNs;
    if (node.endNs > end) end = node.endNs;
  }
  return Number(end - start) / 1e6;
}

/** "12:01:02 UTC" for a span start, for summaries that say when something happened. */
export function clockTime(node: TraceNode): string {
  return `${new Date(Number(node.startNs / 1_000_000n)).toISOString().slice(11, 19)} UTC`;
}
