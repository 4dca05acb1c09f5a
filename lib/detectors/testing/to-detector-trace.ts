/**
 * From what exporters send to what the detectors see, for tests and benchmarks: OTLP bodies (or SDK spans,
 * serialised with the official protobuf serializer) → `decodeExportRequest` → `toCanonicalSpans` (normalised and
 * priced as the collector does) → API spans → one `DetectorTrace` per trace id. The summary is computed from the
 * deduplicated spans with the same rules as the stored trace summary, so a retried export counts once.
 */
import { ProtobufTraceSerializer } from '@opentelemetry/otlp-transformer';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { toCanonicalSpans } from '@/collector/ingest';
import { decodeExportRequest, type OtlpFormat } from '@/lib/otlp';
import type { ApiSpan, ApiTraceSummary } from '@/lib/span/api-types';
import type { NodeType, Span } from '@/lib/span/types';
import { buildTree } from '@/lib/trace-tree';
import type { DetectorTrace } from '../types';

export interface OtlpBody {
  contentType: string;
  body: Uint8Array;
}

const INGEST_CONTEXT = { headerProject: null, defaultProject: 'default', overrides: [] } as const;

const nsToIso = (ns: bigint): string => new Date(Number(ns / 1_000_000n)).toISOString();

/** The canonical span as API v1 serves it (the same fields `rowToApiSpan` reads back from ClickHouse). */
export function canonicalToApiSpan(span: Span): ApiSpan {
  return {
    traceId: span.traceId,
    spanId: span.spanId,
    parentSpanId: span.parentSpanId,
    parentIsRemote: span.parentIsRemote,
    name: span.name,
    kind: span.kind,
    nodeType: span.nodeType,
    serviceName: span.serviceName,
    scopeName: span.scopeName,
    startTime: nsToIso(span.startTimeUnixNano),
    startTimeUnixNano: span.startTimeUnixNano.toString(),
    durationMs: Number(span.durationNs) / 1e6,
    statusCode: span.statusCode,
    statusMessage: span.statusMessage,
    errorType: span.errorType,
    operation: span.operation,
    provider: span.provider,
    requestModel: span.requestModel,
    responseModel: span.responseModel,
    agentName: span.agentName,
    agentId: span.agentId,
    conversationId: span.conversationId,
    toolName: span.toolName,
    toolCallId: span.toolCallId,
    toolArgumentsPreview: span.toolArgumentsPreview,
    finishReasons: span.finishReasons,
    inputTokens: span.inputTokens,
    outputTokens: span.outputTokens,
    cacheReadTokens: span.cacheReadTokens,
    cacheWriteTokens: span.cacheWriteTokens,
    reasoningTokens: span.reasoningTokens,
    usageIsAggregate: span.usageIsAggregate,
    costUsd: span.costUsd,
    costSource: span.costSource,
    retrievalDocCount: span.retrievalDocCount,
    retrievalTopScore: span.retrievalTopScore,
    retrievalScores: span.retrievalScores,
    guardrailName: span.guardrailName,
    guardrailVerdict: span.guardrailVerdict,
    guardrailReason: span.guardrailReason,
    evaluations: span.evaluations,
    attributes: span.attributes,
    resourceAttributes: span.resourceAttributes,
    events: span.events.map((e) => ({ time: nsToIso(e.timeUnixNano), timeUnixNano: e.timeUnixNano.toString(), name: e.name, attributes: e.attributes })),
    links: span.links.map((l) => ({ traceId: l.traceId, spanId: l.spanId, attributes: l.attributes })),
  };
}

const sortedUnique = (values: Iterable<string>): string[] => [...new Set(values)].filter((v) => v !== '').sort();

/** The trace summary of one trace's spans, following the stored summary's rules (root = earliest parentless span). */
export function summariseTrace(spans: readonly ApiSpan[]): ApiTraceSummary {
  const tree = buildTree(spans);
  const distinct = tree.preorder.map((node) => node.span);
  const parentless = tree.preorder.filter((node) => node.span.parentSpanId === '');
  const byStart = (list: typeof tree.preorder) => [...list].sort((a, b) => (a.startNs < b.startNs ? -1 : a.startNs > b.startNs ? 1 : 0))[0];
  const root = byStart(parentless) ?? byStart(tree.preorder);
  const totals = tree.totals;
  const models = distinct
    .filter((s) => s.nodeType === 'llm' || s.nodeType === 'embedding')
    .map((s) => s.responseModel || s.requestModel);
  return {
    traceId: root?.span.traceId ?? '',
    rootSpanId: root?.id ?? '',
    rootName: root?.span.name ?? '',
    serviceName: root?.span.serviceName ?? '',
    services: sortedUnique(distinct.map((s) => s.serviceName)),
    startTime: nsToIso(totals.startNs),
    startTimeUnixNano: totals.startNs.toString(),
    durationMs: Number(totals.endNs - totals.startNs) / 1e6,
    spanCount: distinct.length,
    errorCount: distinct.filter((s) => s.statusCode === 'error').length,
    statusCode: parentless.length > 0 && root ? root.span.statusCode : 'unset',
    agents: sortedUnique(distinct.map((s) => s.agentName)),
    models: sortedUnique(models),
    nodeTypes: [...new Set(distinct.map((s) => s.nodeType))].sort() as NodeType[],
    llmCallCount: totals.llmCallCount,
    toolCallCount: totals.toolCallCount,
    inputTokens: totals.tokens.inputTokens,
    outputTokens: totals.tokens.outputTokens,
    cacheReadTokens: totals.tokens.cacheReadTokens,
    cacheWriteTokens: totals.tokens.cacheWriteTokens,
    reasoningTokens: totals.tokens.reasoningTokens,
    costUsd: totals.costUsd,
    unpricedCount: totals.unpricedCount,
  };
}

/** Groups API spans by trace id (in order of first appearance) and summarises each trace. */
export function toDetectorTraces(spans: readonly ApiSpan[]): DetectorTrace[] {
  const byTrace = new Map<string, ApiSpan[]>();
  for (const span of spans) {
    const list = byTrace.get(span.traceId);
    if (list) list.push(span);
    else byTrace.set(span.traceId, [span]);
  }
  return [...byTrace.values()].map((traceSpans) => ({ trace: summariseTrace(traceSpans), spans: traceSpans }));
}

export function formatOf(contentType: string): OtlpFormat {
  return contentType.includes('json') ? 'json' : 'protobuf';
}

/** OTLP/HTTP request bodies as a receiver got them (retried exports included) → API spans. */
export function otlpBodiesToApiSpans(bodies: readonly OtlpBody[]): ApiSpan[] {
  return bodies.flatMap(({ contentType, body }) =>
    toCanonicalSpans(decodeExportRequest(body, formatOf(contentType)), INGEST_CONTEXT).map(canonicalToApiSpan),
  );
}

/** SDK spans, serialised as an OTLP/protobuf exporter would send them → API spans. */
export function readableSpansToApiSpans(spans: ReadableSpan[]): ApiSpan[] {
  const body = ProtobufTraceSerializer.serializeRequest(spans);
  if (!body) throw new Error(`the OTLP serializer produced no body for ${spans.length} spans`);
  return otlpBodiesToApiSpans([{ contentType: 'application/x-protobuf', body }]);
}
