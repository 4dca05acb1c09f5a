/**
 * What is derived from a trace's spans — its summary row and its cost rollup rows — computed here, in plain code,
 * from the deduplicated spans of the trace. Pure functions: the caller reads the spans (`lib/queries/derived.ts`)
 * and writes the rows. Recomputed from all of a trace's spans every time, never accumulated, so a retried export
 * or a late span produces the same or a more complete row, never a double count.
 */
import { guardrailInterventions } from '../span/guardrail-interventions';
import type { GuardrailIntervention, NodeType, Span, StatusCode, TokenUsage } from '../span/types';

/** The columns of a stored span that summaries and rollups are made of. */
export type SpanFact = Pick<
  Span,
  | 'traceId' | 'spanId' | 'parentSpanId' | 'name' | 'serviceName' | 'startTimeUnixNano' | 'durationNs' | 'statusCode'
  | 'agentName' | 'nodeType' | 'provider' | 'requestModel' | 'responseModel' | keyof TokenUsage
  // Usage that only repeats its descendants' (e.g. an agent span's totals) is never added again.
  | 'usageIsAggregate' | 'costUsd' | 'costSource'
  | 'guardrailVerdict'
>;

/** A `trace_summaries` row, in insert order (`updated_at` is left to the column default). */
export interface TraceSummary {
  trace_id: string;
  root_span_id: string;
  root_name: string;
  service_name: string;
  services: string[];
  start_time: string;
  end_time: string;
  span_count: number;
  error_count: number;
  status_code: StatusCode;
  agents: string[];
  models: string[];
  node_types: NodeType[];
  llm_call_count: number;
  tool_call_count: number;
  input_tokens: number;
  output_tokens: number;
  cache_read_tokens: number;
  cache_write_tokens: number;
  reasoning_tokens: number;
  cost_usd: number;
  unpriced_count: number;
  guardrail_interventions: GuardrailIntervention[];
}

/** The dimensions of a `cost_rollups` row; `hour` is the start of the UTC hour in epoch seconds. */
export interface RollupKey {
  hour: number;
  service_name: string;
  agent: string;
  provider: string;
  model: string;
  trace_id: string;
}

export interface RollupRow extends RollupKey {
  cost_usd: number;
  priced_calls: number;
  unpriced_calls: number;
  llm_calls: number;
  embedding_calls: number;
  other_calls: number;
  uncached_input_tokens: number;
  cache_read_tokens: number;
  cache_write_tokens: number;
  output_tokens: number;
  reasoning_tokens: number;
  unpriced_input_tokens: number;
  unpriced_output_tokens: number;
  is_deleted: 0 | 1;
}

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const sortedUnique = <T extends string>(values: Iterable<T>): T[] => [...new Set(values)].sort(byText);
const isModelType = (type: NodeType) => type === 'llm' || type === 'embedding';
const modelOf = (span: SpanFact) => (span.responseModel !== '' ? span.responseModel : span.requestModel);

/** Earliest first; ties broken by span id so the choice does not depend on read order. */
function earlier(a: SpanFact, b: SpanFact): boolean {
  return a.startTimeUnixNano < b.startTimeUnixNano || (a.startTimeUnixNano === b.startTimeUnixNano && a.spanId < b.spanId);
}

/**
 * The summary of one trace. The root is the earliest span without a parent; while the root has not arrived, the
 * earliest span stands in for its name and service so the trace is still listed, and the status stays `unset`.
 */
export function summarizeTrace(spans: readonly SpanFact[]): TraceSummary {
  const first = spans[0];
  if (!first) throw new Error('summarizeTrace needs at least one span');
  let root: SpanFact | null = null;
  let earliest = first;
  let start = first.startTimeUnixNano;
  let end = first.startTimeUnixNano + first.durationNs;
  const totals = { input: 0, output: 0, cacheRead: 0, cacheWrite: 0, reasoning: 0, cost: 0 };
  let errors = 0;
  let llmCalls = 0;
  let toolCalls = 0;
  let unpriced = 0;
  const models: string[] = [];
  for (const span of spans) {
    if (span.parentSpanId === '' && (root === null || earlier(span, root))) root = span;
    if (earlier(span, earliest)) earliest = span;
    if (span.startTimeUnixNano < start) start = span.startTimeUnixNano;
    const spanEnd = span.startTimeUnixNano + span.durationNs;
    if (spanEnd > end) end = spanEnd;
    if (span.statusCode === 'error') errors++;
    if (span.nodeType === 'llm') llmCalls++;
    if (span.nodeType === 'tool') toolCalls++;
    if (span.costSource === 'unpriced') unpriced++;
    if (isModelType(span.nodeType) && modelOf(span) !== '') models.push(modelOf(span));
    if (!span.usageIsAggregate) {
      totals.input += span.inputTokens;
      totals.output += span.outputTokens;
      totals.cacheRead += span.cacheReadTokens;
      totals.cacheWrite += span.cacheWriteTokens;
      totals.reasoning += span.reasoningTokens;
      totals.cost += span.costUsd ?? 0;
    }
  }
  const head = root ?? earliest;
  return {
    trace_id: first.traceId,
    root_span_id: head.spanId,
    root_name: head.name,
    service_name: head.serviceName,
    services: sortedUnique(spans.map((s) => s.serviceName)),
    start_time: start.toString(),
    end_time: end.toString(),
    span_count: spans.length,
    error_count: errors,
    status_code: root ? root.statusCode : 'unset',
    agents: sortedUnique(spans.map((s) => s.agentName).filter((name) => name !== '')),
    models: sortedUnique(models),
    node_types: sortedUnique(spans.map((s) => s.nodeType)),
    llm_call_count: llmCalls,
    tool_call_count: toolCalls,
    input_tokens: totals.input,
    output_tokens: totals.output,
    cache_read_tokens: totals.cacheRead,
    cache_write_tokens: totals.cacheWrite,
    reasoning_tokens: totals.reasoning,
    cost_usd: totals.cost,
    unpriced_count: unpriced,
    guardrail_interventions: guardrailInterventions(spans.map((s) => s.guardrailVerdict)),
  };
}

/**
 * A call the cost rollups count: usage of its own, a cost, or an LLM/embedding span (wider than the detectors'
 * `isModelCall`, which looks at the span type only). Usage that repeats its descendants' is never a call.
 */
export function isCostedCall(span: SpanFact): boolean {
  return !span.usageIsAggregate && (span.costSource !== 'none' || isModelType(span.nodeType));
}

const NS_PER_HOUR = 3_600_000_000_000n;

/** The start of the span's UTC hour, in epoch seconds (what a `DateTime('UTC')` column takes). */
export function hourOf(startNs: bigint): number {
  return Number(startNs / NS_PER_HOUR) * 3600;
}

/**
 * The agent a span works for: its own `agent_name`, else its nearest ancestor's. Model calls rarely carry the agent
 * themselves (the `invoke_agent` span above them does), so this walk is what makes "spend by agent" possible. A
 * parent that has not arrived ends the walk ("no agent" until it does); a cycle of parent ids ends it too.
 */
export function agentOf(span: SpanFact, byId: ReadonlyMap<string, SpanFact>): string {
  let current: SpanFact | undefined = span;
  for (let steps = 0; current && steps <= byId.size; steps++) {
    if (current.agentName !== '') return current.agentName;
    current = current.parentSpanId === '' ? undefined : byId.get(current.parentSpanId);
  }
  return '';
}

export function rollupKeyId(key: RollupKey): string {
  return `${key.hour}\u0000${key.service_name}\u0000${key.agent}\u0000${key.provider}\u0000${key.model}\u0000${key.trace_id}`;
}

/** The cost rollup rows of one trace: its model calls grouped by hour, service, agent, provider and model. */
export function rollupTrace(spans: readonly SpanFact[]): RollupRow[] {
  // Parents are looked up only for calls without an agent of their own.
  let byId: Map<string, SpanFact> | null = null;
  const rows = new Map<string, RollupRow>();
  for (const span of spans) {
    if (!isCostedCall(span)) continue;
    const agent = span.agentName !== '' ? span.agentName : agentOf(span, (byId ??= new Map(spans.map((s) => [s.spanId, s]))));
    const key: RollupKey = {
      hour: hourOf(span.startTimeUnixNano),
      service_name: span.serviceName,
      agent,
      provider: span.provider,
      model: modelOf(span),
      trace_id: span.traceId,
    };
    const id = rollupKeyId(key);
    let row = rows.get(id);
    if (!row) rows.set(id, (row = emptyRollupRow(key, 0)));
    const unpriced = span.costSource === 'unpriced';
    row.cost_usd += span.costUsd ?? 0;
    if (span.costSource === 'reported' || span.costSource === 'override' || span.costSource === 'catalog') row.priced_calls++;
    if (unpriced) row.unpriced_calls++;
    if (span.nodeType === 'llm') row.llm_calls++;
    else if (span.nodeType === 'embedding') row.embedding_calls++;
    else row.other_calls++;
    row.uncached_input_tokens += Math.max(span.inputTokens - span.cacheReadTokens - span.cacheWriteTokens, 0);
    row.cache_read_tokens += span.cacheReadTokens;
    row.cache_write_tokens += span.cacheWriteTokens;
    row.output_tokens += span.outputTokens;
    row.reasoning_tokens += span.reasoningTokens;
    if (unpriced) {
      row.unpriced_input_tokens += span.inputTokens;
      row.unpriced_output_tokens += span.outputTokens;
    }
  }
  return [...rows.values()];
}

/**
 * A rollup row with nothing counted yet. One object literal, not spreads of the key and the zeroes: spread copies
 * made slow objects, and the counters are updated once per call.
 */
function emptyRollupRow(key: RollupKey, isDeleted: 0 | 1): RollupRow {
  return {
    hour: key.hour,
    service_name: key.service_name,
    agent: key.agent,
    provider: key.provider,
    model: key.model,
    trace_id: key.trace_id,
    cost_usd: 0,
    priced_calls: 0,
    unpriced_calls: 0,
    llm_calls: 0,
    embedding_calls: 0,
    other_calls: 0,
    uncached_input_tokens: 0,
    cache_read_tokens: 0,
    cache_write_tokens: 0,
    output_tokens: 0,
    reasoning_tokens: 0,
    unpriced_input_tokens: 0,
    unpriced_output_tokens: 0,
    is_deleted: isDeleted,
  };
}

/** Tombstones for the keys a trace had and no longer has (an agent span arrived and took its calls over). */
export function vanishedKeys(previous: readonly RollupKey[], current: readonly RollupRow[]): RollupRow[] {
  const kept = new Set(current.map(rollupKeyId));
  const gone = new Map<string, RollupRow>();
  for (const key of previous) {
    const id = rollupKeyId(key);
    if (!kept.has(id)) gone.set(id, emptyRollupRow(key, 1));
  }
  return [...gone.values()];
}

/** Groups spans by trace id, keeping the read order within each trace. */
export function groupByTrace(spans: readonly SpanFact[]): Map<string, SpanFact[]> {
  const traces = new Map<string, SpanFact[]>();
  for (const span of spans) {
    const list = traces.get(span.traceId);
    if (list) list.push(span);
    else traces.set(span.traceId, [span]);
  }
  return traces;
}
