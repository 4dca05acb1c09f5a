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
import { nsToIso, spanToApiSpan } from '@/lib/queries/span-rows';
import type { ApiSpan, ApiTraceSummary } from '@/lib/span/api-types';
import { guardrailInterventions } from '@/lib/span/guardrail-interventions';
import type { NodeType } from '@/lib/span/types';
import { buildTree } from '@/lib/trace-tree';
import type { DetectorTrace } from '../types';

export interface OtlpBody {
  contentType: string;
  body: Uint8Array;
}

const INGEST_CONTEXT = { headerProject: null, defaultProject: 'default', overrides: [] } as const;


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
    startTime: nsToIso(totals.startNs.toString()),
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
    guardrailInterventions: guardrailInterventions(distinct.map((s) => s.guardrailVerdict)),
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
    toCanonicalSpans(decodeExportRequest(body, formatOf(contentType)), INGEST_CONTEXT).map((span) => spanToApiSpan(span)),
  );
}

/** SDK spans, serialised as an OTLP/protobuf exporter would send them → API spans. */
export function readableSpansToApiSpans(spans: ReadableSpan[]): ApiSpan[] {
  const body = ProtobufTraceSerializer.serializeRequest(spans);
  if (!body) throw new Error(`the OTLP serializer produced no body for ${spans.length} spans`);
  return otlpBodiesToApiSpans([{ contentType: 'application/x-protobuf', body }]);
}
