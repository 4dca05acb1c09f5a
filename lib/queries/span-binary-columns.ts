/**
 * The `spans` and `span_contents` columns as the collector writes them, in RowBinary: each column's name, its type
 * as the table declares it, and how its value is taken from the canonical span (or the content row). A test reads
 * the tables' columns back and checks both lists against them.
 */
import { column, types as t, type Encode, type RowBinaryColumn } from '../clickhouse/row-binary';
import type { Evaluation, Span, SpanEvent, SpanLink } from '../span/types';
import type { contentToRow } from './span-rows';

const evaluation: Encode<Evaluation> = (out, e) => {
  t.String(out, e.name);
  t.Nullable(t.Float64)(out, e.score);
  t.String(out, e.label);
  t.String(out, e.explanation);
};
const event: Encode<SpanEvent> = (out, e) => {
  t.DateTime64Nanos(out, e.timeUnixNano);
  t.String(out, e.name);
  t.StringMap(out, e.attributes);
};
const link: Encode<SpanLink> = (out, l) => {
  t.String(out, l.traceId);
  t.String(out, l.spanId);
  t.StringMap(out, l.attributes);
};
const nullableFloat = t.Nullable(t.Float64);
const stringArray = t.Array(t.String);

/**
 * The `spans` columns the collector writes, in RowBinary, straight from the canonical span: the same values as
 * `spanToRow` without building the row object. `ingested_at` is left to its default.
 */
export const SPAN_BINARY_COLUMNS: readonly RowBinaryColumn<Span>[] = [
  column('project_id', 'LowCardinality(String)', t.String, (s) => s.projectId),
  column('trace_id', 'String', t.String, (s) => s.traceId),
  column('span_id', 'String', t.String, (s) => s.spanId),
  column('parent_span_id', 'String', t.String, (s) => s.parentSpanId),
  column('parent_is_remote', 'Bool', t.Bool, (s) => s.parentIsRemote),
  column('name', 'String', t.String, (s) => s.name),
  column('kind', 'String', t.String, (s) => s.kind),
  column('start_time', 'DateTime64(9)', t.DateTime64Nanos, (s) => s.startTimeUnixNano),
  column('duration_ns', 'UInt64', t.BigUInt64, (s) => s.durationNs),
  column('service_name', 'String', t.String, (s) => s.serviceName),
  column('scope_name', 'String', t.String, (s) => s.scopeName),
  column('scope_version', 'String', t.String, (s) => s.scopeVersion),
  column('status_code', 'String', t.String, (s) => s.statusCode),
  column('status_message', 'String', t.String, (s) => s.statusMessage),
  column('error_type', 'String', t.String, (s) => s.errorType),
  column('node_type', 'String', t.String, (s) => s.nodeType),
  column('operation', 'String', t.String, (s) => s.operation),
  column('provider', 'String', t.String, (s) => s.provider),
  column('request_model', 'String', t.String, (s) => s.requestModel),
  column('response_model', 'String', t.String, (s) => s.responseModel),
  column('agent_name', 'String', t.String, (s) => s.agentName),
  column('agent_id', 'String', t.String, (s) => s.agentId),
  column('conversation_id', 'String', t.String, (s) => s.conversationId),
  column('tool_name', 'String', t.String, (s) => s.toolName),
  column('tool_call_id', 'String', t.String, (s) => s.toolCallId),
  column('tool_arguments_preview', 'String', t.String, (s) => s.toolArgumentsPreview),
  column('finish_reasons', 'Array(LowCardinality(String))', stringArray, (s) => s.finishReasons),
  column('input_tokens', 'UInt64', t.UInt64, (s) => s.inputTokens),
  column('output_tokens', 'UInt64', t.UInt64, (s) => s.outputTokens),
  column('cache_read_tokens', 'UInt64', t.UInt64, (s) => s.cacheReadTokens),
  column('cache_write_tokens', 'UInt64', t.UInt64, (s) => s.cacheWriteTokens),
  column('reasoning_tokens', 'UInt64', t.UInt64, (s) => s.reasoningTokens),
  column('usage_is_aggregate', 'Bool', t.Bool, (s) => s.usageIsAggregate),
  column('reported_cost_usd', 'Nullable(Float64)', nullableFloat, (s) => s.reportedCostUsd),
  column('cost_usd', 'Nullable(Float64)', nullableFloat, (s) => s.costUsd),
  column('cost_source', 'String', t.String, (s) => s.costSource),
  column('retrieval_doc_count', 'Nullable(UInt32)', t.Nullable(t.UInt32), (s) => s.retrievalDocCount),
  column('retrieval_top_score', 'Nullable(Float64)', nullableFloat, (s) => s.retrievalTopScore),
  column('retrieval_scores', 'Array(Float64)', t.Array(t.Float64), (s) => s.retrievalScores),
  column('guardrail_name', 'String', t.String, (s) => s.guardrailName),
  column('guardrail_verdict', 'String', t.String, (s) => s.guardrailVerdict),
  column('guardrail_reason', 'String', t.String, (s) => s.guardrailReason),
  column(
    'evaluations',
    'Array(Tuple(name String, score Nullable(Float64), label String, explanation String))',
    t.Array(evaluation),
    (s) => s.evaluations,
  ),
  column('attributes', 'Map(String, String)', t.StringMap, (s) => s.attributes),
  column('resource_attributes', 'Map(String, String)', t.StringMap, (s) => s.resourceAttributes),
  column(
    'events',
    'Array(Tuple(time DateTime64(9), name String, attributes Map(String, String)))',
    t.Array(event),
    (s) => s.events,
  ),
  column(
    'links',
    'Array(Tuple(trace_id String, span_id String, attributes Map(String, String)))',
    t.Array(link),
    (s) => s.links,
  ),
];

export type ContentInsertRow = NonNullable<ReturnType<typeof contentToRow>>;

/** The `span_contents` columns in RowBinary, from the row `contentToRow` makes. */
export const CONTENT_BINARY_COLUMNS: readonly RowBinaryColumn<ContentInsertRow>[] = [
  column('project_id', 'LowCardinality(String)', t.String, (r) => r.project_id),
  column('trace_id', 'String', t.String, (r) => r.trace_id),
  column('span_id', 'String', t.String, (r) => r.span_id),
  column('start_time', 'DateTime64(9)', t.DateTime64Nanos, (r) => BigInt(r.start_time)),
  column('system_instructions', 'String', t.String, (r) => r.system_instructions),
  column('input_messages', 'String', t.String, (r) => r.input_messages),
  column('output_messages', 'String', t.String, (r) => r.output_messages),
  column('tool_arguments', 'String', t.String, (r) => r.tool_arguments),
  column('tool_result', 'String', t.String, (r) => r.tool_result),
  column('retrieval_query', 'String', t.String, (r) => r.retrieval_query),
  column('retrieval_documents', 'String', t.String, (r) => r.retrieval_documents),
];
