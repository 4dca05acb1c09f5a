/**
 * The facts the trace header states and the choices the toolbar offers, computed from the built tree so that
 * totals are exact (integer sums, aggregate usage never counted twice) and agree with every row below.
 */
import type { ApiTraceSummary } from '@/lib/span/api-types';
import { guardrailInterventions } from '@/lib/span/guardrail-interventions';
import type { GuardrailIntervention, NodeType, TokenUsage } from '@/lib/span/types';
import { modelLabel, toolLabel, type TraceNode, type TraceTree } from '@/lib/trace-tree';
import { formatDurationMs, formatUsd } from '@/lib/ui/format';

export interface SilentFailure {
  /** The span to open: the first thing that broke under the root that reported success. */
  spanId: string;
  spanName: string;
  message: string;
  rootName: string;
  errorCount: number;
}

export interface TraceFacts {
  rootName: string;
  services: string[];
  startTime: string;
  durationLabel: string;
  spanCount: number;
  agents: string[];
  models: string[];
  tokens: TokenUsage;
  costLabel: string;
  errorCount: number;
  rootStatus: string;
  duplicatesRemoved: number;
  orphanCount: number;
  silentFailure: SilentFailure | null;
  /** The verdicts by which guardrails acted on the run, each once, in `GUARDRAIL_INTERVENTIONS` order. */
  guardrailInterventions: GuardrailIntervention[];
}

function uniqueInOrder(values: Iterable<string>): string[] {
  const seen = new Set<string>();
  for (const value of values) if (value !== '') seen.add(value);
  return [...seen];
}

/** The first failing span below `root` (the trace's error origin when it lies there, else the earliest error). */
function firstFailureUnder(tree: TraceTree, root: TraceNode): TraceNode | null {
  const slice = tree.preorder.slice(root.index + 1, root.index + root.subtree.spanCount);
  const origin = slice.find((node) => node.errorOrigin);
  if (origin) return origin;
  let first: TraceNode | null = null;
  for (const node of slice) if (node.isError && (first === null || node.endNs < first.endNs)) first = node;
  return first;
}

export function silentFailureOf(tree: TraceTree): SilentFailure | null {
  for (const root of tree.roots) {
    if (!root.hidesChildError) continue;
    const failing = firstFailureUnder(tree, root);
    if (!failing) continue;
    return {
      spanId: failing.id,
      spanName: failing.span.name,
      message: failing.span.statusMessage || failing.span.errorType,
      rootName: root.span.name,
      errorCount: root.subtree.errorCount,
    };
  }
  return null;
}

export function traceFacts(summary: ApiTraceSummary, tree: TraceTree): TraceFacts {
  const totals = tree.totals;
  const firstRoot = tree.roots[0];
  const durationNs = tree.preorder.length > 0 ? Number(totals.endNs - totals.startNs) : summary.durationMs * 1e6;
  return {
    rootName: summary.rootName || firstRoot?.span.name || '(no root span)',
    services: uniqueInOrder([summary.serviceName, ...summary.services, ...tree.preorder.map((n) => n.span.serviceName)]),
    startTime: summary.startTime,
    durationLabel: formatDurationMs(durationNs / 1e6),
    spanCount: tree.preorder.length,
    agents: uniqueInOrder(tree.preorder.map((node) => node.span.agentName)),
    models: uniqueInOrder(tree.preorder.filter((n) => n.span.nodeType === 'llm').map((n) => modelLabel(n.span))),
    tokens: totals.tokens,
    costLabel: formatUsd(totals.costUsd, { unpriced: totals.unpricedCount }),
    errorCount: totals.errorCount,
    rootStatus: firstRoot ? firstRoot.span.statusCode : summary.statusCode,
    duplicatesRemoved: tree.duplicatesRemoved,
    orphanCount: tree.orphanCount,
    silentFailure: silentFailureOf(tree),
    guardrailInterventions: guardrailInterventions(tree.preorder.map((node) => node.span.guardrailVerdict)),
  };
}

export interface TreeFacets {
  nodeTypes: NodeType[];
  tools: string[];
  agents: string[];
}

/** What the toolbar can filter on in this trace: only values that occur, sorted. */
export function treeFacets(tree: TraceTree): TreeFacets {
  const types = new Set<NodeType>();
  const tools = new Set<string>();
  const agents = new Set<string>();
  for (const node of tree.preorder) {
    types.add(node.span.nodeType);
    if (node.span.nodeType === 'tool') tools.add(toolLabel(node.span));
    if (node.agent !== '') agents.add(node.agent);
  }
  const sorted = (set: Set<string>) => [...set].sort((a, b) => a.localeCompare(b));
  return { nodeTypes: [...types].sort(), tools: sorted(tools), agents: sorted(agents) };
}

export interface AxisTick {
  pct: number;
  label: string;
}

const STEPS = [1, 2, 5];
const MAX_TICK_PCT = 80;

/** Round-numbered ticks (1, 2 or 5 × a power of ten, in ms) across a trace of `durationMs`, about `target` of them. */
export function timeTicks(durationMs: number, target = 5): AxisTick[] {
  if (!Number.isFinite(durationMs) || durationMs <= 0) return [{ pct: 0, label: '0' }];
  const rough = durationMs / Math.max(target, 1);
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = (STEPS.find((s) => s * power >= rough) ?? 10) * power;
  const ticks: AxisTick[] = [];
  for (let at = 0; at <= durationMs + step * 1e-9; at += step) {
    const pct = Math.min((at / durationMs) * 100, 100);
    // A label this close to the right edge would overflow the axis or collide with its neighbour.
    if (at > 0 && pct > MAX_TICK_PCT) break;
    ticks.push({ pct, label: at === 0 ? '0' : formatDurationMs(at) });
  }
  return ticks;
}
