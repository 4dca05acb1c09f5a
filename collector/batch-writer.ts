/**
 * Batches spans across export requests and commits them to ClickHouse. A request's promise settles only after
 * the batch holding its spans is committed — contents, then spans — so an acknowledged span is never lost. Both
 * tables are ReplacingMergeTree keyed by span, so a batch that fails half-way is simply sent again by the
 * exporter's retry and ends up stored once. What is derived from spans (trace summaries, rollups) is rebuilt
 * afterwards by the listener of committed batches (`onCommitted`), off the acknowledgement path.
 *
 * One flush runs at a time (the embedded engine serialises work anyway); spans that arrive meanwhile gather in
 * the next batch, which makes batches grow with load instead of queueing many small inserts. Under steady load a
 * batch is flushed once it holds half of the spans the exporters keep in flight (see `schedule`).
 */
import type { ClickHouseClient } from '@clickhouse/client';
import { Unavailable } from '../lib/errors';
import { insertRowBinary } from '../lib/clickhouse/insert';
import { RowBinaryValueError, type RowBinaryRows } from '../lib/clickhouse/row-binary';
import { asStorageFailure } from '../lib/clickhouse/query';
import { contentToRow } from '../lib/queries/span-rows';
import type { Span } from '../lib/span/types';
import { yieldToIo } from './event-loop';
import { RecentPeak } from './recent-peak';
import { SpareRows, type Rows } from './spare-rows';
import type { CollectorMetrics } from './metrics';
import type { RememberedSpan } from './trace-memory';

export interface BatchWriterOptions {
  client: ClickHouseClient;
  database: string;
  metrics: CollectorMetrics;
  /** Flush as soon as a batch holds this many spans. */
  maxBatchSpans: number;
  /**
   * How long a batch gathers spans before it is flushed (unless it fills first, or no other export is on its way —
   * see `exportArriving`): from its first span, or, for spans that arrived during the previous flush, from the end
   * of that flush. Waiting again after a flush makes batches under load larger, and larger inserts cost ClickHouse
   * less: flushing them at once measured ~20 % more ClickHouse CPU per span in bench/ingest. A batch that holds half
   * of the spans in flight is flushed without waiting (see `schedule`).
   */
  maxWaitMs: number;
  /**
   * The half-life with which a peak of the spans in flight (see `schedule`) is forgotten, 500 ms unless told: load
   * that has gone stops holding batches back within a second or two.
   */
  inFlightHalfLifeMs?: number;
  /** Beyond this many waiting spans new requests are refused with 503 instead of growing memory without bound. */
  maxQueuedSpans: number;
  /** Called with the traces of each committed batch and its spans as `remember` made them, before its requests are answered. */
  onCommitted?: (traces: Map<string, Set<string>>, spans: readonly RememberedSpan[]) => void;
  /** What the listener keeps of a span, made as it is written so that a waiting batch does not hold whole spans. */
  remember?: (span: Span) => RememberedSpan;
}

interface Batch extends Rows {
  tracesByProject: Map<string, Set<string>>;
  remembered: RememberedSpan[];
  waiters: { resolve: () => void; reject: (error: Error) => void }[];
}

/** How long a batch with no export on its way waits for exports that arrived unseen (see `schedule`). */
const ARRIVAL_GRACE_MS = 3;

/** Spans encoded between two looks at the event loop (see `take`): 5–10 ms of work on a 2-core machine. */
const SPANS_PER_SLICE = 128;
/** Where an export's rows are encoded before they join the batch: a typical export's, grown when needed. */
const STAGED_BYTES = 256 * 1024;

/** Where a batch's rows are gathered: sized for a few exports, grown when needed. */
const BATCH_BYTES = 1 << 20;

export class BatchWriter {
  private readonly stagedRows = new SpareRows(STAGED_BYTES);
  private readonly batchRows = new SpareRows(BATCH_BYTES);
  private current = this.emptyBatch();
  private flushing: Promise<void> | null = null;
  /** Exports being encoded: a flush that must commit everything waits for them. */
  private readonly taking = new Set<Promise<unknown>>();
  private timer: NodeJS.Timeout | null = null;
  private closed = false;
  private queued = 0;
  private arriving = 0;
  private settling: NodeJS.Timeout | null = null;
  /** Spans taken and not yet committed, at their recent peak: what the exporters keep in flight. */
  private readonly inFlight: RecentPeak;

  constructor(private readonly options: BatchWriterOptions) {
    this.inFlight = new RecentPeak(options.inFlightHalfLifeMs ?? 500);
  }

  get queuedSpans(): number {
    return this.queued;
  }

  /**
   * Takes an export's spans — all of them or, when one cannot be encoded or the export cannot be read to the end,
   * none — and resolves once they are in the waiting batch, with the promise of their commit (which rejects with the
   * storage failure). `expected` is how many spans `spans` yields, checked against the queue limit before any is
   * taken. Spans are normalised (by the iterable), encoded and remembered one at a time and not held afterwards;
   * after each slice the event loop is let go, so that a batch being inserted meanwhile is not kept waiting for its
   * answer to be read (its second insert, and the acknowledgements, would wait for the whole export).
   */
  async take(spans: Iterable<Span>, expected: number): Promise<{ committed: Promise<void> }> {
    if (this.closed) throw new Unavailable('The collector is shutting down', 1);
    if (expected === 0) return { committed: Promise.resolve() };
    if (this.queued + expected > this.options.maxQueuedSpans) {
      throw new Unavailable(`The collector has ${this.queued} spans waiting to be stored; retry shortly`, 1);
    }
    // Counted from now, so that exports being encoded side by side cannot pass the limit together.
    this.queued += expected;
    this.inFlight.note(this.queued);
    const taking = this.encode(spans, expected);
    this.taking.add(taking);
    try {
      return await taking;
    } catch (err) {
      this.queued -= expected;
      throw err;
    } finally {
      this.taking.delete(taking);
      this.options.metrics.queueDepth.set(this.queued);
    }
  }

  /** {@link take}, resolved once the spans are committed. */
  async write(spans: Iterable<Span>, expected: number): Promise<void> {
    const { committed } = await this.take(spans, expected);
    return committed;
  }

  private emptyBatch(): Batch {
    return { ...this.batchRows.take(), tracesByProject: new Map(), remembered: [], waiters: [] };
  }

  private async encode(spans: Iterable<Span>, expected: number): Promise<{ committed: Promise<void> }> {
    const staged = this.stagedRows.take();
    try {
      return await this.encodeInto(staged, spans, expected);
    } finally {
      this.stagedRows.give(staged);
    }
  }

  private async encodeInto(
    staged: Rows,
    spans: Iterable<Span>,
    expected: number,
  ): Promise<{ committed: Promise<void> }> {
    const { remember } = this.options;
    const remembered: RememberedSpan[] = [];
    // The traces touched, once per run of spans of one trace (an export usually sends a trace's spans together).
    const traces: { projectId: string; traceId: string }[] = [];
    let last: { projectId: string; traceId: string } | undefined;
    let count = 0;
    for (const span of spans) {
      const content = contentToRow(span);
      if (content !== null) addRow(staged.contentRows, content, span);
      addRow(staged.spanRows, span, span);
      if (remember) remembered.push(remember(span));
      if (last?.traceId !== span.traceId || last.projectId !== span.projectId) {
        traces.push((last = { projectId: span.projectId, traceId: span.traceId }));
      }
      if (++count % SPANS_PER_SLICE === 0) await yieldToIo();
    }
    // From here to the end nothing waits: the staged rows join the batch whole.
    this.queued += count - expected;
    if (count === 0) return { committed: Promise.resolve() };
    const batch = this.current;
    batch.contentRows.append(staged.contentRows);
    batch.spanRows.append(staged.spanRows);
    for (const span of remembered) batch.remembered.push(span);
    for (const { projectId, traceId } of traces) {
      let ids = batch.tracesByProject.get(projectId);
      if (!ids) batch.tracesByProject.set(projectId, (ids = new Set()));
      ids.add(traceId);
    }
    const committed = new Promise<void>((resolve, reject) => batch.waiters.push({ resolve, reject }));
    this.schedule();
    return { committed };
  }

  /** Commits everything written so far. */
  async flush(): Promise<void> {
    for (;;) {
      if (this.taking.size > 0) await Promise.allSettled(this.taking);
      else if (this.flushing) await this.flushing.catch(() => undefined);
      else if (this.current.waiters.length > 0) this.startFlush();
      else return;
    }
  }

  /** Refuses new writes, then commits what is waiting. */
  async close(): Promise<void> {
    this.closed = true;
    await this.flush();
  }

  /**
   * Says that an export has started to arrive (its body is being read); call the returned function once its spans
   * are written or it failed. A batch waits `maxWaitMs` for more spans only while some export is on its way: when
   * none is, waiting would only delay the exporters already in it (each waits for its acknowledgement before sending
   * more), so it is flushed after a few milliseconds.
   */
  exportArriving(): () => void {
    this.arriving++;
    let done = false;
    return () => {
      if (done) return;
      done = true;
      this.arriving--;
      if (this.arriving === 0 && this.current.waiters.length > 0) this.schedule();
    };
  }

  /**
   * Flushes the waiting batch now, or sets the timers that will. A full batch goes at once; so does one that holds
   * half of the spans in flight. The exporters of a batch being inserted wait for it, so the more of them one batch
   * holds, the fewer exports are left to encode meanwhile: with eight exporters of 1,000 spans, waiting `maxWaitMs`
   * after each flush gathered five to eight exports a batch, and the collector's thread sat idle while they were
   * inserted, then ClickHouse while the next ones were encoded (the two CPUs ~25 % idle). Half of them is inserted
   * while the other half is encoded; 4 alternating pairs of bench/ingest runs acknowledged 4–16 % more spans per
   * second, although the smaller inserts cost ClickHouse up to 7.5 ms more CPU per 1,000 spans.
   */
  private schedule(): void {
    if (this.flushing) return; // the running flush starts the next one when it ends
    const gathered = this.current.spanRows.length;
    if (gathered >= this.options.maxBatchSpans || gathered * 2 >= this.inFlight.value()) {
      this.startFlush();
      return;
    }
    if (!this.timer) this.timer = setTimeout(() => this.startFlush(), this.options.maxWaitMs);
    if (this.arriving === 0 && !this.settling) {
      // Exports whose bytes came in while this one was being decoded have not been seen yet: a moment lets the
      // server read them (they count as arriving), so that a batch is not written with the first of them only.
      this.settling = setTimeout(() => {
        this.settling = null;
        if (this.arriving === 0) this.startFlush();
      }, ARRIVAL_GRACE_MS);
    }
  }

  private startFlush(): void {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    if (this.settling) {
      clearTimeout(this.settling);
      this.settling = null;
    }
    if (this.flushing || this.current.waiters.length === 0) return;
    const batch = this.current;
    this.current = this.emptyBatch();
    this.flushing = this.commit(batch).finally(() => {
      this.flushing = null;
      if (this.current.waiters.length > 0) this.schedule();
    });
  }

  private async commit(batch: Batch): Promise<void> {
    const { client, database, metrics } = this.options;
    const stopTimer = metrics.insertSeconds.startTimer();
    const count = batch.spanRows.length;
    try {
      // Contents first: a span row never exists without the content it carried.
      if (batch.contentRows.length > 0) {
        await insertRowBinary(client, `${database}.span_contents`, batch.contentRows);
      }
      await insertRowBinary(client, `${database}.spans`, batch.spanRows);
      stopTimer();
      this.options.onCommitted?.(batch.tracesByProject, batch.remembered);
      metrics.batches.inc({ outcome: 'committed' });
      metrics.spansAccepted.inc(count);
      for (const waiter of batch.waiters) waiter.resolve();
      // Both inserts have been answered: nothing reads the rows' bytes any more. (After a failure the client may
      // not be done with them, so those buffers are left to the garbage collector.)
      this.batchRows.give(batch);
    } catch (error) {
      stopTimer();
      metrics.batches.inc({ outcome: 'failed' });
      metrics.spansRejected.inc({ reason: 'storage' }, count);
      const failure = asStorageFailure(error, 'collector.insert');
      for (const waiter of batch.waiters) waiter.reject(failure);
    } finally {
      this.queued -= count;
      metrics.queueDepth.set(this.queued);
    }
  }
}

/** Adds a span's row; when it cannot be encoded, nothing of it, and the error names the span and the column. */
function addRow<Row>(rows: RowBinaryRows<Row>, row: Row, span: Span): void {
  try {
    rows.add(row);
  } catch (err) {
    if (!(err instanceof RowBinaryValueError)) throw err;
    throw new Error(`span ${span.traceId}/${span.spanId} cannot be stored: ${err.message}`);
  }
}
