/**
 * The spans of traces this collector wrote recently, kept as the slim API spans the alert rules read (with the
 * exact times the summary and cost rollups need) so that rebuilding a trace does not read its spans back
 * from ClickHouse. That read was the largest share of ClickHouse's time per span in bench/ingest (16 ms of CPU per
 * 1,000 spans, more than inserting them), and parsing its rows the largest share of the collector's rebuild time.
 *
 * Memory is trusted only when storage agrees with it. Each rebuild reads the stored summaries of the traces it
 * would derive from memory (a narrow row per trace) and compares each with the summary this collector last wrote
 * for it; a trace it has not summarised yet must have no summary. Any difference means the trace's spans also
 * arrived some other way — another collector, a process before a restart, a cost recompute — and the trace is
 * rebuilt from storage as before and forgotten here, so its next spans are compared again. Traces the collector
 * found at start (`mustRead`) are always rebuilt from storage once. When the memory is full the least recently
 * touched traces are forgotten; one forgotten before its first rebuild is rebuilt from storage. A trace rebuilt from
 * memory also keeps the cost rollup keys it was written with, so the tombstones of keys that vanished are made
 * without reading the stored keys back.
 */
import type { ClickHouseClient } from '@clickhouse/client';
import { z } from 'zod';
import type { RollupKey, RollupRow, SpanFact, TraceSummary } from '../lib/derived/derive';
import { table } from '../lib/clickhouse/migrations/ddl';
import { selectRows } from '../lib/clickhouse/query';
import {
  addTraceRows,
  emptyDerivedRows,
  refreshDerived,
  toApiSummary,
  writeDerivedRows,
  type DerivedRows,
  type DerivedWriteOptions,
} from '../lib/queries/derived';
import { spanToApiSpan } from '../lib/queries/span-rows';
import type { ApiSpan, ApiTraceDetail } from '../lib/span/api-types';
import type { Span } from '../lib/span/types';
import { TimeSlices } from './event-loop';

/**
 * A committed span as the memory keeps it: the API span the alert rules read, plus the exact times the summary and
 * rollups need (the API span has them as text and fractional milliseconds). The rebuild makes the span's facts from
 * these when it needs them; keeping them as well made every remembered span about 14 % larger.
 */
export interface RememberedSpan {
  projectId: string;
  startNs: bigint;
  durationNs: bigint;
  api: ApiSpan;
}

/** The facts of a remembered span, made for one rebuild. */
function factOfRemembered({ api, startNs, durationNs }: RememberedSpan): SpanFact {
  return {
    traceId: api.traceId,
    spanId: api.spanId,
    parentSpanId: api.parentSpanId,
    name: api.name,
    serviceName: api.serviceName,
    startTimeUnixNano: startNs,
    durationNs,
    statusCode: api.statusCode,
    agentName: api.agentName,
    nodeType: api.nodeType,
    provider: api.provider,
    requestModel: api.requestModel,
    responseModel: api.responseModel,
    inputTokens: api.inputTokens,
    outputTokens: api.outputTokens,
    cacheReadTokens: api.cacheReadTokens,
    cacheWriteTokens: api.cacheWriteTokens,
    reasoningTokens: api.reasoningTokens,
    usageIsAggregate: api.usageIsAggregate,
    costUsd: api.costUsd,
    costSource: api.costSource,
    guardrailVerdict: api.guardrailVerdict,
  };
}

/**
 * A rebuild's own work (rows derived, the spans of each trace ordered for the alert rules) runs in slices of this
 * long: a rebuild of 2,000 traces held the event loop up to ~60 ms in one piece, and inserts, acknowledgements
 * and /healthz waited for it.
 */
const REBUILD_SLICE_MS = 10;

/**
 * The rows to write for traces taken from memory, in slices. A trace's facts exist only while its rows are made,
 * so that they die young instead of being promoted.
 */
export async function deriveFromMemory(
  traces: ReadonlyMap<string, readonly RememberedSpan[]>,
  slices = new TimeSlices(REBUILD_SLICE_MS),
): Promise<DerivedRows> {
  const rows = emptyDerivedRows();
  for (const spans of traces.values()) {
    addTraceRows(rows, spans.map(factOfRemembered));
    if (slices.due) await slices.next();
  }
  return rows;
}

interface RememberedTrace {
  spans: Map<string, RememberedSpan>;
  /** The summary this collector last wrote for the trace from these spans; null before the first. */
  written: TraceSummary | null;
  /**
   * The cost rollup keys written with that summary. A rebuild from memory tombstones the ones that vanished without
   * reading them back: that read scans the hour's rollups (~0.5 s of CPU for 2,000 traces in an hour of 10 million).
   */
  rollupKeys: RollupKey[];
}

export interface TraceMemoryOptions {
  /** Spans kept at most, over all traces. */
  maxSpans: number;
  /** The attributes the alert rules read (the rest is not kept). */
  attributeKeys: readonly string[];
  /** Told how many traces each rebuild took from memory and how many it read from storage. */
  onRebuilt?: (counts: { memory: number; storage: number }) => void;
}

const key = (projectId: string, traceId: string) => `${projectId}\u0000${traceId}`;

export class TraceMemory {
  private readonly traces = new Map<string, RememberedTrace>();
  private readonly distrusted = new Set<string>();
  private readonly attributeKeys: ReadonlySet<string>;
  private spanCount = 0;

  constructor(private readonly options: TraceMemoryOptions) {
    this.attributeKeys = new Set(options.attributeKeys);
  }

  get enabled(): boolean {
    return this.options.maxSpans > 0;
  }

  get keptSpans(): number {
    return this.spanCount;
  }

  /** The form a committed span is kept in; made when the span is written, so the batch holds no full span. */
  slim(span: Span): RememberedSpan {
    return {
      projectId: span.projectId,
      startNs: span.startTimeUnixNano,
      durationNs: span.durationNs,
      api: spanToApiSpan(span, this.attributeKeys),
    };
  }

  /** Spans just committed. A span id seen again replaces the earlier span, as the deduplicating reads do. */
  remember(spans: readonly RememberedSpan[]): void {
    if (!this.enabled) return;
    let trace: RememberedTrace | undefined;
    let previous: RememberedSpan | undefined;
    for (const span of spans) {
      // A trace's spans mostly come together: the trace is looked up (and moved) once per run of them.
      if (!trace || previous?.api.traceId !== span.api.traceId || previous.projectId !== span.projectId) {
        const id = key(span.projectId, span.api.traceId);
        trace = this.traces.get(id);
        if (trace) {
          // Most recently touched last: the map's order is the eviction order.
          this.traces.delete(id);
          this.traces.set(id, trace);
        } else {
          trace = { spans: new Map(), written: null, rollupKeys: [] };
          this.traces.set(id, trace);
        }
      }
      previous = span;
      if (!trace.spans.has(span.api.spanId)) this.spanCount++;
      trace.spans.set(span.api.spanId, span);
      if (this.spanCount > this.options.maxSpans) {
        this.evictOldest();
        trace = undefined; // it may have been forgotten with the others
      }
    }
  }

  /** These traces are rebuilt from storage next time, whatever the memory holds (spans found at start). */
  mustRead(projectId: string, traceIds: Iterable<string>): void {
    for (const traceId of traceIds) this.distrusted.add(key(projectId, traceId));
  }

  /**
   * Rebuilds the derived rows of the traces — from memory where storage agrees with it, from storage otherwise —
   * and returns each trace in the form the alert rules read (see `refreshDerived`).
   */
  async rebuild(
    client: ClickHouseClient,
    database: string,
    projectId: string,
    traceIds: readonly string[],
    write: DerivedWriteOptions = {},
  ): Promise<Map<string, ApiTraceDetail>> {
    const candidates = new Map<string, RememberedTrace>();
    for (const traceId of traceIds) {
      const id = key(projectId, traceId);
      const trace = this.traces.get(id);
      if (trace && !this.distrusted.has(id)) candidates.set(traceId, trace);
    }
    const stored = candidates.size > 0 ? await storedSummaries(client, database, projectId, [...candidates.keys()]) : new Map();
    const fromMemory = new Map<string, RememberedSpan[]>();
    const fromStorage: string[] = [];
    for (const traceId of traceIds) {
      const trace = candidates.get(traceId);
      // A snapshot: spans committed while this rebuild writes are rebuilt by the next one.
      if (trace && agrees(trace.written, stored.get(traceId))) fromMemory.set(traceId, [...trace.spans.values()]);
      else fromStorage.push(traceId);
    }

    const details = new Map<string, ApiTraceDetail>();
    // Storage agrees with what this collector wrote, so the keys it wrote are the stored ones (none before the first).
    const previousKeys: RollupKey[] = [];
    for (const traceId of fromMemory.keys()) for (const k of candidates.get(traceId)?.rollupKeys ?? []) previousKeys.push(k);
    const slices = new TimeSlices(REBUILD_SLICE_MS);
    const derived = await deriveFromMemory(fromMemory, slices);
    const keysByTrace = rollupKeysByTrace(derived.rollups);
    for (const summary of await writeDerivedRows(client, database, projectId, derived, write, previousKeys)) {
      const trace = candidates.get(summary.trace_id);
      if (trace) {
        trace.written = summary;
        trace.rollupKeys = keysByTrace.get(summary.trace_id) ?? [];
      }
      const spans = [...(fromMemory.get(summary.trace_id) ?? [])].sort(byStart).map((s) => s.api);
      details.set(summary.trace_id, { trace: toApiSummary(summary), spans, incomingLinks: [] });
      if (slices.due) await slices.next();
    }
    if (fromStorage.length > 0) {
      const read = await refreshDerived(client, database, projectId, fromStorage, { ...write, spanAttributes: this.options.attributeKeys });
      for (const [traceId, detail] of read) details.set(traceId, detail);
      for (const traceId of fromStorage) this.forget(key(projectId, traceId));
    }
    this.options.onRebuilt?.({ memory: fromMemory.size, storage: fromStorage.length });
    return details;
  }

  private forget(id: string): void {
    this.distrusted.delete(id);
    const trace = this.traces.get(id);
    if (!trace) return;
    this.spanCount -= trace.spans.size;
    this.traces.delete(id);
  }

  private evictOldest(): void {
    // Room for at least a tenth of the budget at once, so a full memory does not evict on every span.
    const target = this.options.maxSpans * 0.9;
    for (const [id, trace] of this.traces) {
      if (this.spanCount <= target) break;
      this.forget(id);
      // Not summarised yet: storage has no summary to tell its later spans from a whole trace.
      if (!trace.written) this.distrusted.add(id);
    }
  }
}

/** The keys of rollup rows, by trace: what the memory keeps of them (not the sums). */
function rollupKeysByTrace(rows: readonly RollupRow[]): Map<string, RollupKey[]> {
  const byTrace = new Map<string, RollupKey[]>();
  for (const row of rows) {
    const { hour, service_name, agent, provider, model, trace_id } = row;
    const key: RollupKey = { hour, service_name, agent, provider, model, trace_id };
    const keys = byTrace.get(trace_id);
    if (keys) keys.push(key);
    else byTrace.set(trace_id, [key]);
  }
  return byTrace;
}

/** Ordered as `readSpansOfTraces` orders a trace's spans: by start, then span id. */
function byStart(a: RememberedSpan, b: RememberedSpan): number {
  const start = a.startNs - b.startNs;
  if (start !== 0n) return start < 0n ? -1 : 1;
  return a.api.spanId < b.api.spanId ? -1 : a.api.spanId > b.api.spanId ? 1 : 0;
}

const fingerprintRow = z.object({
  trace_id: z.string(),
  start_ns: z.string(),
  end_ns: z.string(),
  span_count: z.coerce.number(),
  error_count: z.coerce.number(),
  input_tokens: z.coerce.number(),
  output_tokens: z.coerce.number(),
  cost_usd: z.coerce.number(),
  unpriced_count: z.coerce.number(),
});
type Fingerprint = z.infer<typeof fingerprintRow>;

async function storedSummaries(
  client: ClickHouseClient,
  database: string,
  projectId: string,
  traceIds: readonly string[],
): Promise<Map<string, Fingerprint>> {
  const rows = await selectRows({
    client,
    tag: 'derived.memory_check',
    sql: `SELECT trace_id, toString(toUnixTimestamp64Nano(start_time)) AS start_ns,
        toString(toUnixTimestamp64Nano(end_time)) AS end_ns, span_count, error_count, input_tokens, output_tokens,
        cost_usd, unpriced_count
      FROM ${table({ database }, 'trace_summaries')} FINAL
      WHERE project_id = {projectId:String} AND trace_id IN {traceIds:Array(String)}`,
    params: { projectId, traceIds },
    row: fingerprintRow,
  });
  return new Map(rows.map((row) => [row.trace_id, row]));
}

/** Whether the stored summary is the one this collector last wrote (none, when it has written none). */
function agrees(written: TraceSummary | null, stored: Fingerprint | undefined): boolean {
  if (!written || !stored) return !written && !stored;
  return (
    stored.start_ns === written.start_time &&
    stored.end_ns === written.end_time &&
    stored.span_count === written.span_count &&
    stored.error_count === written.error_count &&
    stored.input_tokens === written.input_tokens &&
    stored.output_tokens === written.output_tokens &&
    stored.cost_usd === written.cost_usd &&
    stored.unpriced_count === written.unpriced_count
  );
}
