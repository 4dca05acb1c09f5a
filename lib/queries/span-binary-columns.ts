/**
 * The `spans` and `span_contents` columns as the collector writes them, in RowBinary: each column's name, its type
 * as the table declares it, and how its value is taken from the canonical span (or the content row). A test reads
 * the tables' columns back and checks both lists against them.
 */
import { column, encodedOncePerObject, types as t, type Encode, type RowBinaryColumn } from '../clickhouse/row-binary';
import type { Evaluation, Span, SpanEvent, SpanLink } from '../span/types';
import type { contentToRow } from './span-rows';

// Encoders of composite types, made once: a column function runs for every row.
const nullableFloat = t.Nullable(t.Float64);
const nullableUInt32 = t.Nullable(t.UInt32);
const stringArray = t.Array(t.String);
const floatArray = t.Array(t.Float64);
const evaluation: Encode<Evaluation> = (out, e) => {
  t.String(out, e.name);
  nullableFloat(out, e.score);
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
// The spans of one export's resource share one record (`normalize.ts`).
const resourceAttributes = encodedOncePerObject(t.StringMap);
const evaluations = t.Array(evaluation);
const events = t.Array(event);
const links = t.Array(link);

/**
 * The `spans` columns the collector writes, in RowBinary, straight from the canonical span: the same values as
 * `spanToRow` without building the row object. `ingested_at` is left to its default.
 */
export const SPAN_BINARY_COLUMNS: readonly RowBinaryColumn<Span>[] = [
  column('project_id', 'LowCardinality(String)', (out, s) => t.String(out, s.projectId)),
  column('trace_id', 'String', (out, s) => t.String(out, s.traceId)),
  column('span_id', 'String', (out, s) => t.String(out, s.spanId)),
  column('parent_span_id', 'String', (out, s) => t.String(out, s.parentSpanId)),
  column('parent_is_remote', 'Bool', (out, s) => t.Bool(out, s.parentIsRemote)),
  column('name', 'String', (out, s) => t.String(out, s.name)),
  column('kind', 'String', (out, s) => t.String(out, s.kind)),
  column('start_time', 'DateTime64(9)', (out, s) => t.DateTime64Nanos(out, s.startTimeUnixNano)),
  column('duration_ns', 'UInt64', (out, s) => t.BigUInt64(out, s.durationNs)),
  column('service_name', 'String', (out, s) => t.String(out, s.serviceName)),
  column('scope_name', 'String', (out, s) => t.String(out, s.scopeName)),
  column('scope_version', 'String', (out, s) => t.String(out, s.scopeVersion)),
  column('status_code', 'String', (out, s) => t.String(out, s.statusCode)),
  column('status_message', 'String', (out, s) => t.String(out, s.statusMessage)),
  column('error_type', 'String', (out, s) => t.String(out, s.errorType)),
  column('node_type', 'String', (out, s) => t.String(out, s.nodeType)),
  column('operation', 'String', (out, s) => t.String(out, s.operation)),
  column('provider', 'String', (out, s) => t.String(out, s.provider)),
  column('request_model', 'String', (out, s) => t.String(out, s.requestModel)),
  column('response_model', 'String', (out, s) => t.String(out, s.responseModel)),
  column('agent_name', 'String', (out, s) => t.String(out, s.agentName)),
  column('agent_id', 'String', (out, s) => t.String(out, s.agentId)),
  column('conversation_id', 'String', (out, s) => t.String(out, s.conversationId)),
  column('tool_name', 'String', (out, s) => t.String(out, s.toolName)),
  column('tool_call_id', 'String', (out, s) => t.String(out, s.toolCallId)),
  column('tool_arguments_preview', 'String', (out, s) => t.String(out, s.toolArgumentsPreview)),
  column('finish_reasons', 'Array(LowCardinality(String))', (out, s) => stringArray(out, s.finishReasons)),
  column('input_tokens', 'UInt64', (out, s) => t.UInt64(out, s.inputTokens)),
  column('output_tokens', 'UInt64', (out, s) => t.UInt64(out, s.outputTokens)),
  column('cache_read_tokens', 'UInt64', (out, s) => t.UInt64(out, s.cacheReadTokens)),
  column('cache_write_tokens', 'UInt64', (out, s) => t.UInt64(out, s.cacheWriteTokens)),
  column('reasoning_tokens', 'UInt64', (out, s) => t.UInt64(out, s.reasoningTokens)),
  column('usage_is_aggregate', 'Bool', (out, s) => t.Bool(out, s.usageIsAggregate)),
  column('reported_cost_usd', 'Nullable(Float64)', (out, s) => nullableFloat(out, s.reportedCostUsd)),
  column('cost_usd', 'Nullable(Float64)', (out, s) => nullableFloat(out, s.costUsd)),
  column('cost_source', 'String', (out, s) => t.String(out, s.costSource)),
  column('retrieval_doc_count', 'Nullable(UInt32)', (out, s) => nullableUInt32(out, s.retrievalDocCount)),
  column('retrieval_top_score', 'Nullable(Float64)', (out, s) => nullableFloat(out, s.retrievalTopScore)),
  column('retrieval_scores', 'Array(Float64)', (out, s) => floatArray(out, s.retrievalScores)),
  column('guardrail_name', 'String', (out, s) => t.String(out, s.guardrailName)),
  column('guardrail_verdict', 'String', (out, s) => t.String(out, s.guardrailVerdict)),
  column('guardrail_reason', 'String', (out, s) => t.String(out, s.guardrailReason)),
  column(
    'evaluations',
    'Array(Tuple(name String, score Nullable(Float64), label String, explanation String))',
    (out, s) => evaluations(out, s.evaluations),
  ),
  column('attributes', 'Map(String, String)', (out, s) => t.StringMap(out, s.attributes)),
  column('resource_attributes', 'Map(String, String)', (out, s) => resourceAttributes(out, s.resourceAttributes)),
  column(
    'events',
    'Array(Tuple(time DateTime64(9), name String, attributes Map(String, String)))',
    (out, s) => events(out, s.events),
  ),
  column(
    'links',
    'Array(Tuple(trace_id String, span_id String, attributes Map(String, String)))',
    (out, s) => links(out, s.links),
  ),
];

export type ContentInsertRow = NonNullable<ReturnType<typeof contentToRow>>;

/** The `span_contents` columns in RowBinary, from the row `contentToRow` makes. */
export const CONTENT_BINARY_COLUMNS: readonly RowBinaryColumn<ContentInsertRow>[] = [
  column('project_id', 'LowCardinality(String)', (out, r) => t.String(out, r.project_id)),
  column('trace_id', 'String', (out, r) => t.String(out, r.trace_id)),
  column('span_id', 'String', (out, r) => t.String(out, r.span_id)),
  column('start_time', 'DateTime64(9)', (out, r) => t.DateTime64Nanos(out, BigInt(r.start_time))),
  column('system_instructions', 'String', (out, r) => t.String(out, r.system_instructions)),
  column('input_messages', 'String', (out, r) => t.String(out, r.input_messages)),
  column('output_messages', 'String', (out, r) => t.String(out, r.output_messages)),
  column('tool_arguments', 'String', (out, r) => t.String(out, r.tool_arguments)),
  column('tool_result', 'String', (out, r) => t.String(out, r.tool_result)),
  column('retrieval_query', 'String', (out, r) => t.String(out, r.retrieval_query)),
  column('retrieval_documents', 'String', (out, r) => t.String(out, r.retrieval_documents)),
];
