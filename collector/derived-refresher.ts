/**
 * Keeps what is derived from spans — summaries, cost rollups, the alert rules' schedule (`rebuild`) — up to date,
 * off the acknowledgement path. A batch's spans are acknowledged as soon as they are committed; the traces it touched are
 * marked dirty here and rebuilt together at most every `intervalMs`, so under load one rebuild covers many batches
 * instead of each batch paying for its own. While traces keep being marked, the wait also stretches to a multiple of
 * the last rebuild's duration (`busyFactor`, 2 unless told): a rebuild costs mostly per statement, not per trace
 * (2,000 traces cost about twice what 250 do), so under heavy ingest the rebuilds grow larger and rarer, take at
 * most about a third of the engine's time (with 2), and inserts keep the rest. Once nothing new has been marked for
 * `intervalMs` (the ingest paused or ended), waiting longer would gather nothing, and the rebuild runs.
 *
 * Nothing is lost when a rebuild fails (ClickHouse away): its traces stay dirty and are tried again. A collector
 * killed between committing spans and rebuilding their traces is covered at start by `recoverRecent`, which marks
 * the traces of recently ingested spans dirty again; a rebuild is a recomputation, so doing one twice is harmless.
 */
import type { ClickHouseClient } from '@clickhouse/client';
import { z } from 'zod';
import { table } from '../lib/clickhouse/migrations/ddl';
import { selectRows } from '../lib/clickhouse/query';

export type TracesByProject = Map<string, Set<string>>;
/**
 * Rebuilds what is derived for these traces (or other ids, such as hours) of one project; must be idempotent.
 * `lastMarkedAt` (`performance.now()`) is the last time any ids were marked dirty before this rebuild began, so
 * none of the ids given was marked after it.
 */
export type Rebuild = (projectId: string, traceIds: string[], lastMarkedAt: number) => Promise<void>;

/** Trace ids per statement: keeps the IN list and the rows read by one rebuild bounded. */
const CHUNK = 2_000;

export class DerivedRefresher {
  private dirty: TracesByProject = new Map();
  private running: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private closed = false;
  private lastRebuildMs = 0;
  private rebuilding = 0;
  /** When the stretched wait of the pending rebuild ends. */
  private dueAt = 0;
  /** When traces were last marked dirty (`performance.now()`). */
  private lastMarkAt = 0;

  constructor(
    private readonly options: {
      rebuild: Rebuild;
      intervalMs: number;
      /**
       * While traces keep being marked, the wait is at least this many times the last rebuild's duration (2 by
       * default: rebuilds take at most about a third of the engine's time).
       */
      busyFactor?: number;
      log: (message: string) => void;
      /** What the ids are, for the log ("trace(s)" by default). */
      what?: string;
    },
  ) {}

  get dirtyTraceCount(): number {
    return this.dirtyTraceCountOf(this.dirty);
  }

  /** Traces waiting for a rebuild or being rebuilt now (the `loupe_derived_backlog_traces` gauge). */
  get backlogTraceCount(): number {
    return this.dirtyTraceCount + this.rebuilding;
  }

  markDirty(traces: TracesByProject): void {
    for (const [projectId, ids] of traces) {
      if (ids.size === 0) continue;
      let set = this.dirty.get(projectId);
      if (!set) this.dirty.set(projectId, (set = new Set()));
      for (const id of ids) set.add(id);
      this.lastMarkAt = performance.now();
    }
    this.schedule();
  }

  /** Arms the timer of the next rebuild, if something is dirty and none is armed. */
  private schedule(): void {
    if (this.timer || this.closed || this.dirty.size === 0) return;
    const now = performance.now();
    this.dueAt = now + Math.max(this.options.intervalMs, (this.options.busyFactor ?? 2) * this.lastRebuildMs);
    this.armTimer(now);
  }

  /** Wakes at the end of the stretched wait, or when nothing will have been marked for `intervalMs`, if sooner. */
  private armTimer(now: number): void {
    const at = Math.min(this.dueAt, this.lastMarkAt + this.options.intervalMs);
    this.timer = setTimeout(() => {
      this.timer = null;
      const woken = performance.now();
      if (woken >= this.dueAt || woken - this.lastMarkAt >= this.options.intervalMs) void this.runOnce();
      else this.armTimer(woken);
    }, Math.max(1, at - now));
  }

  /** Rebuilds everything dirty now; resolves when nothing dirty is left (or a rebuild failed). */
  async flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    if (this.running) await this.running;
    if (this.dirty.size > 0) await this.runOnce();
  }

  async close(): Promise<void> {
    await this.flush();
    this.closed = true;
  }

  private runOnce(): Promise<void> {
    if (this.running) return this.running;
    const work = this.dirty;
    this.dirty = new Map();
    this.rebuilding = this.dirtyTraceCountOf(work);
    const started = performance.now();
    this.running = this.rebuild(work, this.lastMarkAt).finally(() => {
      this.lastRebuildMs = performance.now() - started;
      this.running = null;
      this.rebuilding = 0;
      this.schedule();
    });
    return this.running;
  }

  private dirtyTraceCountOf(work: TracesByProject): number {
    let count = 0;
    for (const traces of work.values()) count += traces.size;
    return count;
  }

  private async rebuild(work: TracesByProject, lastMarkedAt: number): Promise<void> {
    for (const [projectId, ids] of work) {
      const traceIds = [...ids];
      for (let i = 0; i < traceIds.length; i += CHUNK) {
        const chunk = traceIds.slice(i, i + CHUNK);
        try {
          await this.options.rebuild(projectId, chunk, lastMarkedAt);
        } catch (error) {
          const what = this.options.what ?? 'trace(s)';
          this.options.log(`collector: rebuilding ${chunk.length} ${what} failed, will retry: ${String(error)}`);
          this.markDirty(new Map([[projectId, new Set(traceIds.slice(i))]]));
          return;
        }
      }
    }
  }
}

/**
 * The traces of spans ingested in the last `minutes`, to rebuild after a restart. Reads one column of the
 * recent partitions; run once at start.
 */
export async function recentlyIngestedTraces(
  client: ClickHouseClient,
  database: string,
  minutes: number,
): Promise<TracesByProject> {
  const rows = await selectRows({
    client,
    tag: 'collector.recover',
    sql: `SELECT DISTINCT project_id, trace_id FROM ${table({ database }, 'spans')}
      WHERE ingested_at >= now64(3) - toIntervalMinute({minutes:UInt32})
        AND start_time >= now64(9) - toIntervalDay(31)`,
    params: { minutes },
    row: z.object({ project_id: z.string(), trace_id: z.string() }),
  });
  const traces: TracesByProject = new Map();
  for (const row of rows) {
    let set = traces.get(row.project_id);
    if (!set) traces.set(row.project_id, (set = new Set()));
    set.add(row.trace_id);
  }
  return traces;
}
