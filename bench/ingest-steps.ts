/**
 * bench/ingest-steps: the collector's CPU work per span, step by step, in one process and without ClickHouse —
 * decode, normalise and price, encode the rows, keep the span for the rebuild, derive summaries and rollups, run the
 * alert rules — and the bytes the trace memory keeps per span. What bench/ingest measures end to end, split so that a
 * change to one step can be measured on its own.
 *
 *   node --expose-gc --import tsx bench/ingest-steps.ts [--spans 100000] [--rounds 5]
 *
 * Input: the same GenAI spans as bench/ingest (OpenTelemetry SDK, official protobuf serializer, 1,000 per request).
 * Each step's wall time per 1,000 spans includes the garbage collections it triggers; the minimum over the rounds is
 * printed, the machine being shared.
 */
import { parseArgs } from 'node:util';
import { ProtobufTraceSerializer } from '@opentelemetry/otlp-transformer';
import { toCanonicalSpans } from '../collector/ingest';
import { deriveFromMemory, TraceMemory, type RememberedSpan } from '../collector/trace-memory';
import { RowBinaryRows } from '../lib/clickhouse/row-binary';
import { DETECTOR_ATTRIBUTE_KEYS, detectTrace } from '../lib/detectors';
import { decodeExportRequest } from '../lib/otlp';
import { toApiSummary } from '../lib/queries/derived';
import { CONTENT_BINARY_COLUMNS, SPAN_BINARY_COLUMNS } from '../lib/queries/span-binary-columns';
import { contentToRow } from '../lib/queries/span-rows';
import type { ApiTraceDetail } from '../lib/span/api-types';
import { recordGenAiSpans } from './genai-spans';

const { values: args } = parseArgs({
  options: { spans: { type: 'string', default: '100000' }, rounds: { type: 'string', default: '5' } },
});
const totalSpans = Number(args.spans);
const rounds = Number(args.rounds);
const context = { headerProject: null, defaultProject: 'default', overrides: [] };
const STEPS = [
  'decode',
  'normalise + price',
  'encode rows',
  'keep for rebuild',
  'summaries + rollups',
  'alert rules',
] as const;
type Step = (typeof STEPS)[number];

async function main() {
  const requests = recordGenAiSpans(totalSpans, 1000).map(
    (batch) => new Uint8Array(ProtobufTraceSerializer.serializeRequest(batch) ?? []),
  );
  console.log(`${requests.length} requests of 1,000 spans; ${rounds} rounds; wall ms per 1,000 spans, best round`);
  const best = new Map<Step | 'total', number>();
  for (let round = 0; round < rounds; round++) {
    const times = await runRound(requests);
    let total = 0;
    for (const [step, ms] of times) {
      total += ms;
      best.set(step, Math.min(best.get(step) ?? Infinity, ms));
    }
    best.set('total', Math.min(best.get('total') ?? Infinity, total));
  }
  for (const [step, ms] of best) console.log(`${step.padEnd(20)} ${((ms / totalSpans) * 1000).toFixed(2)} ms`);
  const kept = rememberedBytesPerSpan(requests);
  console.log(`trace memory: ${kept.toFixed(0)} bytes kept per span (heap after full collections)`);
}

async function runRound(requests: Uint8Array[]): Promise<Map<Step, number>> {
  const times = new Map<Step, number>(STEPS.map((step) => [step, 0]));
  const memory = new TraceMemory({ maxSpans: 100_000, attributeKeys: DETECTOR_ATTRIBUTE_KEYS });
  /** Wall time of `work`, synchronous or not (the collector makes derived rows in slices). */
  const timed = async <T>(step: Step, work: () => T | Promise<T>): Promise<T> => {
    const started = performance.now();
    const result = await work();
    times.set(step, (times.get(step) ?? 0) + performance.now() - started);
    return result;
  };
  for (const body of requests) {
    const decoded = await timed('decode', () => decodeExportRequest(body, 'protobuf'));
    const spans = await timed('normalise + price', () => toCanonicalSpans(decoded, context));
    await timed('encode rows', () => {
      const spanRows = new RowBinaryRows(SPAN_BINARY_COLUMNS, 1 << 20);
      const contentRows = new RowBinaryRows(CONTENT_BINARY_COLUMNS, 1 << 20);
      for (const span of spans) {
        const content = contentToRow(span);
        if (content !== null) contentRows.add(content);
        spanRows.add(span);
      }
      return [spanRows.body(), contentRows.body()];
    });
    const kept = await timed('keep for rebuild', () => {
      const slim = spans.map((span) => memory.slim(span));
      memory.remember(slim);
      return slim;
    });
    const traces = new Map<string, RememberedSpan[]>();
    for (const span of kept) {
      const list = traces.get(span.api.traceId);
      if (list) list.push(span);
      else traces.set(span.api.traceId, [span]);
    }
    const details = await timed('summaries + rollups', async () => {
      const { summaries } = await deriveFromMemory(traces);
      return summaries.map((summary): ApiTraceDetail => ({
        trace: toApiSummary(summary),
        spans: (traces.get(summary.trace_id) ?? []).map((s) => s.api),
        incomingLinks: [],
      }));
    });
    await timed('alert rules', () => details.map((detail) => detectTrace(detail)));
  }
  return times;
}

/** Heap kept by a trace memory holding 20,000 spans, per span, measured between full collections when available. */
function rememberedBytesPerSpan(requests: Uint8Array[]): number {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) {
    console.log('(run with node --expose-gc --import tsx for the trace memory figure)');
    return NaN;
  }
  const sample = requests.slice(0, 20);
  const memory = new TraceMemory({ maxSpans: 100_000, attributeKeys: DETECTOR_ATTRIBUTE_KEYS });
  gc();
  const before = process.memoryUsage().heapUsed;
  for (const body of sample) {
    const spans = toCanonicalSpans(decodeExportRequest(body, 'protobuf'), context);
    memory.remember(spans.map((span) => memory.slim(span)));
  }
  gc();
  return (process.memoryUsage().heapUsed - before) / memory.keptSpans;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
