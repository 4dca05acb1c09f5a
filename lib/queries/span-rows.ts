/**
 * The `spans` and `span_contents` rows: the insert shape written by the collector, the zod schema of a row as
 * ClickHouse returns it, and the converter to the API span. One file, so that a column added to the table is
 * added to both directions at once.
 */
import { z } from 'zod';
import type { ApiSpan, ApiSpanEvent, ApiSpanLink } from '../span/api-types';
import { nanosToIso } from './iso-time';
import {
  COST_SOURCES,
  GUARDRAIL_VERDICTS,
  NODE_TYPES,
  SPAN_KINDS,
  STATUS_CODES,
  type Span,
  type SpanContent,
  type TokenUsage,
} from '../span/types';

/** Nanoseconds since the epoch as ClickHouse DateTime64(9) accepts them in JSON: a decimal string. */
const ns = (value: bigint) => value.toString();

export type SpanInsertRow = ReturnType<typeof spanToRow>;

export function spanToRow(span: Span) {
  return {
    project_id: span.projectId,
    trace_id: span.traceId,
    span_id: span.spanId,
    parent_span_id: span.parentSpanId,
    parent_is_remote: span.parentIsRemote,
    name: span.name,
    kind: span.kind,
    start_time: ns(span.startTimeUnixNano),
    duration_ns: ns(span.durationNs),
    service_name: span.serviceName,
    scope_name: span.scopeName,
    scope_version: span.scopeVersion,
    status_code: span.statusCode,
    status_message: span.statusMessage,
    error_type: span.errorType,
    node_type: span.nodeType,
    operation: span.operation,
    provider: span.provider,
    request_model: span.requestModel,
    response_model: span.responseModel,
    agent_name: span.agentName,
    agent_id: span.agentId,
    conversation_id: span.conversationId,
    tool_name: span.toolName,
    tool_call_id: span.toolCallId,
    tool_arguments_preview: span.toolArgumentsPreview,
    finish_reasons: span.finishReasons,
    input_tokens: span.inputTokens,
    output_tokens: span.outputTokens,
    cache_read_tokens: span.cacheReadTokens,
    cache_write_tokens: span.cacheWriteTokens,
    reasoning_tokens: span.reasoningTokens,
    usage_is_aggregate: span.usageIsAggregate,
    reported_cost_usd: span.reportedCostUsd,
    cost_usd: span.costUsd,
    cost_source: span.costSource,
    retrieval_doc_count: span.retrievalDocCount,
    retrieval_top_score: span.retrievalTopScore,
    retrieval_scores: span.retrievalScores,
    guardrail_name: span.guardrailName,
    guardrail_verdict: span.guardrailVerdict,
    guardrail_reason: span.guardrailReason,
    evaluations: span.evaluations,
    attributes: span.attributes,
    resource_attributes: span.resourceAttributes,
    events: span.events.map((e) => ({ time: ns(e.timeUnixNano), name: e.name, attributes: e.attributes })),
    links: span.links.map((l) => ({ trace_id: l.traceId, span_id: l.spanId, attributes: l.attributes })),
  };
}

const json = (value: unknown) => (value === null || value === undefined ? '' : JSON.stringify(value));

/** The content row, or null when the span carried no content (most spans), so nothing empty is written. */
export function contentToRow(span: Span) {
  const c = span.content;
  const row = {
    project_id: span.projectId,
    trace_id: span.traceId,
    span_id: span.spanId,
    start_time: ns(span.startTimeUnixNano),
    system_instructions: json(c.systemInstructions),
    input_messages: json(c.inputMessages),
    output_messages: json(c.outputMessages),
    tool_arguments: json(c.toolArguments),
    tool_result: json(c.toolResult),
    retrieval_query: c.retrievalQuery ?? '',
    retrieval_documents: json(c.retrievalDocuments),
  };
  const empty =
    !row.system_instructions &&
    !row.input_messages &&
    !row.output_messages &&
    !row.tool_arguments &&
    !row.tool_result &&
    !row.retrieval_query &&
    !row.retrieval_documents;
  return empty ? null : row;
}

// ---- reading ----

/** The token columns of a stored row, as the span's usage. */
export function usageFromRow(r: {
  input_tokens: number;
  output_tokens: number;
  cache_read_tokens: number;
  cache_write_tokens: number;
  reasoning_tokens: number;
}): TokenUsage {
  return {
    inputTokens: r.input_tokens,
    outputTokens: r.output_tokens,
    cacheReadTokens: r.cache_read_tokens,
    cacheWriteTokens: r.cache_write_tokens,
    reasoningTokens: r.reasoning_tokens,
  };
}

const int = z.coerce.number().int();
const bool = z.union([z.boolean(), z.number().transform((n) => n !== 0)]);
const nullableNumber = z.union([z.null(), z.coerce.number()]);
const stringMap = z.record(z.string(), z.string());

/** ClickHouse prints DateTime64(9) as 'YYYY-MM-DD hh:mm:ss.nnnnnnnnn' (UTC); we select it as nanoseconds. */
export const SPAN_COLUMNS = `project_id, trace_id, span_id, parent_span_id, parent_is_remote, name, kind,
  toString(toUnixTimestamp64Nano(start_time)) AS start_ns, duration_ns, service_name, scope_name, status_code,
  status_message, error_type, node_type, operation, provider, request_model, response_model, agent_name, agent_id,
  conversation_id, tool_name, tool_call_id, tool_arguments_preview, finish_reasons, input_tokens, output_tokens, cache_read_tokens,
  cache_write_tokens, reasoning_tokens, usage_is_aggregate, cost_usd, cost_source, retrieval_doc_count,
  retrieval_top_score, retrieval_scores, guardrail_name, guardrail_verdict, guardrail_reason, evaluations,
  attributes, resource_attributes,
  arrayMap(e -> (toString(toUnixTimestamp64Nano(e.time)), e.name, e.attributes), events) AS event_list,
  arrayMap(l -> (l.trace_id, l.span_id, l.attributes), links) AS link_list`;

/**
 * SPAN_COLUMNS with only the attributes named by the bound parameter `{attributeKeys:Array(String)}`, and no
 * resource attributes, events or links: for readers that look at a few attributes of many spans (the detectors).
 */
export const SLIM_SPAN_COLUMNS = SPAN_COLUMNS.slice(0, SPAN_COLUMNS.indexOf('attributes, resource_attributes,')) +
  `mapFilter((k, v) -> has({attributeKeys:Array(String)}, k), attributes) AS attributes,
  map() AS resource_attributes, [] AS event_list, [] AS link_list`;

export const spanRow = z.object({
  trace_id: z.string(),
  span_id: z.string(),
  parent_span_id: z.string(),
  parent_is_remote: bool,
  name: z.string(),
  kind: z.enum(SPAN_KINDS),
  start_ns: z.string().regex(/^\d+$/),
  duration_ns: z.coerce.string(),
  service_name: z.string(),
  scope_name: z.string(),
  status_code: z.enum(STATUS_CODES),
  status_message: z.string(),
  error_type: z.string(),
  node_type: z.enum(NODE_TYPES),
  operation: z.string(),
  provider: z.string(),
  request_model: z.string(),
  response_model: z.string(),
  agent_name: z.string(),
  agent_id: z.string(),
  conversation_id: z.string(),
  tool_name: z.string(),
  tool_call_id: z.string(),
  tool_arguments_preview: z.string(),
  finish_reasons: z.array(z.string()),
  input_tokens: int,
  output_tokens: int,
  cache_read_tokens: int,
  cache_write_tokens: int,
  reasoning_tokens: int,
  usage_is_aggregate: bool,
  cost_usd: nullableNumber,
  cost_source: z.enum(COST_SOURCES),
  retrieval_doc_count: z.union([z.null(), int]),
  retrieval_top_score: nullableNumber,
  retrieval_scores: z.array(z.coerce.number()),
  guardrail_name: z.string(),
  guardrail_verdict: z.union([z.enum(GUARDRAIL_VERDICTS), z.literal('')]),
  guardrail_reason: z.string(),
  evaluations: z.array(
    z.object({ name: z.string(), score: nullableNumber, label: z.string(), explanation: z.string() }),
  ),
  attributes: stringMap,
  resource_attributes: stringMap,
  event_list: z.array(z.tuple([z.string(), z.string(), stringMap])),
  link_list: z.array(z.tuple([z.string(), z.string(), stringMap])),
});
export type SpanRow = z.infer<typeof spanRow>;

export function nsToIso(nanos: string): string {
  return nanosToIso(BigInt(nanos));
}

export function nsToMs(nanos: string): number {
  return Number(BigInt(nanos)) / 1e6;
}

export function rowToApiSpan(r: SpanRow): ApiSpan {
  return {
    traceId: r.trace_id,
    spanId: r.span_id,
    parentSpanId: r.parent_span_id,
    parentIsRemote: r.parent_is_remote,
    name: r.name,
    kind: r.kind,
    nodeType: r.node_type,
    serviceName: r.service_name,
    scopeName: r.scope_name,
    startTime: nsToIso(r.start_ns),
    startTimeUnixNano: r.start_ns,
    durationMs: nsToMs(r.duration_ns),
    statusCode: r.status_code,
    statusMessage: r.status_message,
    errorType: r.error_type,
    operation: r.operation,
    provider: r.provider,
    requestModel: r.request_model,
    responseModel: r.response_model,
    agentName: r.agent_name,
    agentId: r.agent_id,
    conversationId: r.conversation_id,
    toolName: r.tool_name,
    toolCallId: r.tool_call_id,
    toolArgumentsPreview: r.tool_arguments_preview,
    finishReasons: r.finish_reasons,
    ...usageFromRow(r),
    usageIsAggregate: r.usage_is_aggregate,
    costUsd: r.cost_usd,
    costSource: r.cost_source,
    retrievalDocCount: r.retrieval_doc_count,
    retrievalTopScore: r.retrieval_top_score,
    retrievalScores: r.retrieval_scores,
    guardrailName: r.guardrail_name,
    guardrailVerdict: r.guardrail_verdict,
    guardrailReason: r.guardrail_reason,
    evaluations: r.evaluations,
    attributes: r.attributes,
    resourceAttributes: r.resource_attributes,
    events: r.event_list.map(([time, name, attributes]) => ({ time: nsToIso(time), timeUnixNano: time, name, attributes })),
    links: r.link_list.map(([traceId, spanId, attributes]) => ({ traceId, spanId, attributes })),
  };
}

// Slim spans share these: nothing adds to a span's attributes, events or links once it is made.
const NO_ATTRIBUTES: Record<string, string> = Object.freeze({});
const NO_EVENTS = Object.freeze([]) as unknown as ApiSpanEvent[];
const NO_LINKS = Object.freeze([]) as unknown as ApiSpanLink[];

/**
 * The API span of a canonical span as `rowToApiSpan` makes it from the stored row. With `attributeKeys`, as read
 * with `SLIM_SPAN_COLUMNS`: only those attributes, no resource attributes, events or links — for work that judges
 * spans it has just written (the collector's rebuild) without reading them back.
 */
export function spanToApiSpan(s: Span, attributeKeys?: ReadonlySet<string>): ApiSpan {
  let attributes = s.attributes;
  if (attributeKeys) {
    // Most spans have none of the few kept attributes.
    attributes = NO_ATTRIBUTES;
    for (const key in s.attributes) {
      if (!attributeKeys.has(key)) continue;
      if (attributes === NO_ATTRIBUTES) attributes = {};
      attributes[key] = s.attributes[key] as string;
    }
  }
  const startNs = s.startTimeUnixNano.toString();
  return {
    traceId: s.traceId,
    spanId: s.spanId,
    parentSpanId: s.parentSpanId,
    parentIsRemote: s.parentIsRemote,
    name: s.name,
    kind: s.kind,
    nodeType: s.nodeType,
    serviceName: s.serviceName,
    scopeName: s.scopeName,
    startTime: nanosToIso(s.startTimeUnixNano),
    startTimeUnixNano: startNs,
    durationMs: Number(s.durationNs) / 1e6,
    statusCode: s.statusCode,
    statusMessage: s.statusMessage,
    errorType: s.errorType,
    operation: s.operation,
    provider: s.provider,
    requestModel: s.requestModel,
    responseModel: s.responseModel,
    agentName: s.agentName,
    agentId: s.agentId,
    conversationId: s.conversationId,
    toolName: s.toolName,
    toolCallId: s.toolCallId,
    toolArgumentsPreview: s.toolArgumentsPreview,
    finishReasons: s.finishReasons,
    inputTokens: s.inputTokens,
    outputTokens: s.outputTokens,
    cacheReadTokens: s.cacheReadTokens,
    cacheWriteTokens: s.cacheWriteTokens,
    reasoningTokens: s.reasoningTokens,
    usageIsAggregate: s.usageIsAggregate,
    costUsd: s.costUsd,
    costSource: s.costSource,
    retrievalDocCount: s.retrievalDocCount,
    retrievalTopScore: s.retrievalTopScore,
    retrievalScores: s.retrievalScores,
    guardrailName: s.guardrailName,
    guardrailVerdict: s.guardrailVerdict,
    guardrailReason: s.guardrailReason,
    evaluations: s.evaluations,
    attributes,
    resourceAttributes: attributeKeys ? NO_ATTRIBUTES : s.resourceAttributes,
    events: attributeKeys
      ? NO_EVENTS
      : s.events.map((e) => {
          const time = e.timeUnixNano.toString();
          return { time: nsToIso(time), timeUnixNano: time, name: e.name, attributes: e.attributes };
        }),
    links: attributeKeys ? NO_LINKS : s.links.map((l) => ({ traceId: l.traceId, spanId: l.spanId, attributes: l.attributes })),
  };
}

export const contentRow = z.object({
  system_instructions: z.string(),
  input_messages: z.string(),
  output_messages: z.string(),
  tool_arguments: z.string(),
  tool_result: z.string(),
  retrieval_query: z.string(),
  retrieval_documents: z.string(),
});

const parseOrNull = (text: string): unknown => {
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
};

export function rowToContent(r: z.infer<typeof contentRow>): SpanContent {
  return {
    systemInstructions: parseOrNull(r.system_instructions) as SpanContent['systemInstructions'],
    inputMessages: parseOrNull(r.input_messages) as SpanContent['inputMessages'],
    outputMessages: parseOrNull(r.output_messages) as SpanContent['outputMessages'],
    toolArguments: parseOrNull(r.tool_arguments),
    toolResult: parseOrNull(r.tool_result),
    retrievalQuery: r.retrieval_query || null,
    retrievalDocuments: parseOrNull(r.retrieval_documents) as SpanContent['retrievalDocuments'],
  };
}
