/**
 * The alert runner. The derived-table refresher reports every rebuilt trace, with the trace as the rebuild read it;
 * the runner remembers when each trace last received spans and evaluates its per-trace rules once it has been quiet
 * for `quietMs` (a run still in progress would otherwise be judged on half its spans). The windowed rule (cost rate
 * over baseline) runs on a timer over the last 8 days of hourly rollups.
 *
 * A quiet trace is judged from what its last rebuild read — that rebuild ran after its latest spans were committed,
 * so it is complete — and read again only when that was not kept (more than MAX_KEPT_SPANS waiting, a trace found
 * at start, a retried evaluation): reading the spans of many random traces touches most granules of the spans
 * table, and reading them once instead of twice was the largest saving in ClickHouse time per span.
 *
 * Evaluations run one at a time, so reading an alert's state and writing its transition never interleave. The
 * traces that fall due together are judged together, per project and up to `BATCH` at a time: one read of their
 * alerts (from the earliest of their starts on, which for runs that just ended is the newest part of the table),
 * one write of the transitions. Nothing is kept only in memory: on start the runner re-evaluates the traces
 * updated within the quiet window plus a margin, and fingerprints make repeating an evaluation a no-op — a restart
 * neither forgets a trace nor pages twice. A failed evaluation (ClickHouse unreachable) is retried after another
 * quiet period.
 */
import type { ClickHouseClient } from '@clickhouse/client';
import { applyFindings } from '../../lib/alerts/state';
import { DETECTOR_ATTRIBUTE_KEYS, detectRateAnomalies, detectTrace } from '../../lib/detectors';
import { getAlertRules } from '../../lib/queries/alert-rules';
import { alertsOfTraces, hourlyAggregates, projectsForWindowedRules, recentlyUpdatedTraces, windowedAlerts } from '../../lib/queries/alerts';
import { nsToMs } from '../../lib/queries/span-rows';
import { getTraceDetails } from '../../lib/queries/traces';
import type { AlertTransition } from '../../lib/alerts/state';
import type { ApiTraceDetail } from '../../lib/span/api-types';
import { TimeSlices } from '../event-loop';
import type { AlertingMetrics } from '../metrics';
import { WINDOW_LOOKBACK_MS, type AlertOptions } from './config';
import { persistTransition } from '../../lib/alerts/persist';

export interface AlertRunnerDeps {
  client: ClickHouseClient;
  database: string;
  options: AlertOptions;
  log: (message: string) => void;
  /** Called after an evaluation enqueued deliveries, so the worker sends them without waiting for its poll. */
  onEnqueued?: () => void;
  /** Evaluations by outcome and announcements by event, counted when given. */
  metrics?: Pick<AlertingMetrics, 'alertEvaluations' | 'alertAnnouncements'>;
  now?: () => number;
}

interface PendingTrace {
  projectId: string;
  traceId: string;
  touchedMs: number;
  /** The trace as its last rebuild read it, when kept: judged from this instead of being read again. */
  detail?: ApiTraceDetail;
  /** Evaluations that found no summary yet; after a few the trace is left to the next batch that touches it. */
  misses?: number;
}

const MAX_MISSES = 3;
/** Spans of rebuilt traces kept for their evaluation (waiting or queued) at most; beyond it, traces are read again. */
const MAX_KEPT_SPANS = 200_000;
/**
 * Traces judged by one evaluation: bounds the statements' id lists. Each evaluation costs a few statements whatever
 * its size, so under load one evaluation per tick and project is what keeps their cost per span small.
 */
const BATCH = 1_000;
/** How long the rules run before the event loop is let go (see `evaluateTraces`). */
const EVALUATION_SLICE_MS = 10;

/** When a trace starts, in ms: its earliest span's start, as the rebuild or the read saw it. */
const startMsOf = (detail: ApiTraceDetail) => Math.floor(nsToMs(detail.trace.startTimeUnixNano));

export class AlertRunner {
  private readonly pending = new Map<string, PendingTrace>();
  private chain: Promise<void> = Promise.resolve();
  private queued = 0;
  private queuedTraces = 0;
  private keptSpans = 0;
  private tickTimer: NodeJS.Timeout | null = null;
  private windowTimer: NodeJS.Timeout | null = null;
  private stopped = false;
  private readonly now: () => number;

  constructor(private readonly deps: AlertRunnerDeps) {
    this.now = deps.now ?? Date.now;
  }

  /**
   * From the derived-table refresher: these traces received committed spans and were just rebuilt; `details` holds
   * them as the rebuild read them (complete up to that rebuild, which ran after their latest spans were committed).
   * `quietForMs`: how long ago their latest spans were committed, at the latest (0 unless told); their quiet period
   * is counted from then, not from the rebuild.
   */
  noteCommitted(projectId: string, traceIds: Iterable<string>, details?: ReadonlyMap<string, ApiTraceDetail>, quietForMs = 0): void {
    if (this.stopped) return;
    const touchedMs = this.now() - Math.max(0, quietForMs);
    for (const traceId of traceIds) {
      const key = `${projectId}\u0000${traceId}`;
      this.forget(this.pending.get(key));
      let detail = details?.get(traceId);
      if (detail && this.keptSpans + detail.spans.length > MAX_KEPT_SPANS) detail = undefined;
      if (detail) this.keptSpans += detail.spans.length;
      this.pending.set(key, { projectId, traceId, touchedMs, ...(detail ? { detail } : {}) });
    }
  }

  private forget(trace: PendingTrace | undefined): void {
    if (trace?.detail) this.keptSpans -= trace.detail.spans.length;
  }

  /** Picks up the traces a previous process may not have evaluated, then starts the timers. */
  async start(): Promise<void> {
    const { options, log } = this.deps;
    try {
      const since = this.now() - options.quietMs - options.resumeMarginMs;
      const recent = await recentlyUpdatedTraces(this.deps.client, this.deps.database, since);
      for (const t of recent) {
        const key = `${t.projectId}\u0000${t.traceId}`;
        if (!this.pending.has(key)) this.pending.set(key, { ...t, touchedMs: t.updatedMs });
      }
      if (recent.length > 0) log(`alerts: re-evaluating ${recent.length} recently updated traces`);
    } catch (error) {
      log(`alerts: could not list recently updated traces: ${String(error)}`);
    }
    // A trace is judged at most a tenth of the quiet period after it fell quiet (500 ms with the default 5 s).
    const tickMs = Math.max(25, Math.min(1_000, Math.floor(options.quietMs / 10)));
    this.tickTimer = setInterval(() => this.tick(), tickMs);
    this.tickTimer.unref();
    this.windowTimer = setInterval(() => this.enqueue(() => this.runWindowed()), options.windowIntervalMs);
    this.windowTimer.unref();
    this.tick();
  }

  /** Stops the timers and waits for the evaluation in progress. Traces still pending are resumed at next start. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.tickTimer) clearInterval(this.tickTimer);
    if (this.windowTimer) clearInterval(this.windowTimer);
    await this.chain;
  }

  /** Traces waiting to be quiet or judged now (the `loupe_alert_backlog_traces` gauge). */
  get backlogTraceCount(): number {
    return this.pending.size + this.queuedTraces;
  }

  /** True when no trace is waiting and no evaluation is queued (for tests and orderly shutdown). */
  get idle(): boolean {
    return this.pending.size === 0 && this.queued === 0;
  }

  /** Evaluates the windowed rules now (also runs on its timer). */
  runWindowedNow(): Promise<void> {
    return this.enqueue(() => this.runWindowed());
  }

  private tick(): void {
    if (this.stopped) return;
    const now = this.now();
    const due = new Map<string, PendingTrace[]>();
    for (const [key, trace] of this.pending) {
      if (now - trace.touchedMs < this.deps.options.quietMs) continue;
      this.pending.delete(key);
      const list = due.get(trace.projectId);
      if (list) list.push(trace);
      else due.set(trace.projectId, [trace]);
    }
    for (const [projectId, traces] of due) {
      for (let i = 0; i < traces.length; i += BATCH) {
        const batch = traces.slice(i, i + BATCH);
        this.queuedTraces += batch.length;
        // Kept spans count against MAX_KEPT_SPANS until judged, so evaluations that fall behind cannot hold more.
        const judged = () => {
          this.queuedTraces -= batch.length;
          for (const trace of batch) this.forget(trace);
        };
        void this.enqueue(() => this.evaluateTraces(projectId, batch).finally(judged));
      }
    }
  }

  private enqueue(work: () => Promise<void>): Promise<void> {
    this.queued++;
    const run = this.chain.then(async () => {
      try {
        if (!this.stopped) await work();
      } finally {
        this.queued--;
      }
    });
    this.chain = run.catch(() => undefined);
    return this.chain;
  }

  private async evaluateTraces(projectId: string, traces: PendingTrace[]): Promise<void> {
    const { client, database, log } = this.deps;
    try {
      const rules = await getAlertRules(client, database, projectId, { log });
      const details = new Map<string, ApiTraceDetail>();
      for (const trace of traces) if (trace.detail) details.set(trace.traceId, trace.detail);
      const unread = traces.filter((t) => !t.detail).map((t) => t.traceId);
      if (unread.length > 0) {
        const read = await getTraceDetails(client, database, projectId, unread, { attributeKeys: DETECTOR_ATTRIBUTE_KEYS });
        for (const [traceId, detail] of read) details.set(traceId, detail);
      }
      const starts = [...details].map(([traceId, detail]) => ({ traceId, startMs: startMsOf(detail) }));
      const stored = await alertsOfTraces(client, database, projectId, starts);
      const now = this.now();
      const merged: AlertTransition = { changed: [], notifications: [] };
      // A thousand traces take the rules 50–150 ms on a 2-core machine: in slices, so ingest is not held up.
      const slices = new TimeSlices(EVALUATION_SLICE_MS);
      for (const trace of traces) {
        if (slices.due) await slices.next();
        const detail = details.get(trace.traceId);
        if (!detail) {
          // The summary is not written yet (it is rebuilt shortly after the spans): look again after another wait.
          const misses = (trace.misses ?? 0) + 1;
          if (misses < MAX_MISSES) this.repend({ ...trace, misses });
          continue;
        }
        const findings = detectTrace(detail, rules.config).filter((f) => f.traceId === trace.traceId);
        const existing = stored.get(trace.traceId) ?? [];
        const transition = applyFindings({ projectId, findings, existing, nowMs: now, traceStartMs: startMsOf(detail) });
        merged.changed.push(...transition.changed);
        merged.notifications.push(...transition.notifications);
      }
      await this.persist(projectId, merged, now);
    } catch (error) {
      this.deps.metrics?.alertEvaluations.inc({ outcome: 'failed' });
      log(`alerts: evaluating ${traces.length} trace(s) of project ${projectId} failed, retrying later: ${String(error)}`);
      for (const trace of traces) this.repend(trace);
    }
  }

  /** Stores an evaluation's transition, counts it, and wakes the delivery worker when it enqueued announcements. */
  private async persist(projectId: string, transition: AlertTransition, nowMs: number): Promise<void> {
    const { enqueued } = await persistTransition(this.deps.client, this.deps.database, projectId, transition, nowMs);
    const { metrics } = this.deps;
    metrics?.alertEvaluations.inc({ outcome: 'ok' });
    for (const { event } of transition.notifications) metrics?.alertAnnouncements.inc({ event });
    if (enqueued > 0) this.deps.onEnqueued?.();
  }

  private repend(trace: PendingTrace): void {
    const key = `${trace.projectId}\u0000${trace.traceId}`;
    if (this.stopped || this.pending.has(key)) return;
    // A retried evaluation reads the trace again: what was kept may be what made it fail.
    const { detail: _dropped, ...rest } = trace;
    this.pending.set(key, { ...rest, touchedMs: this.now() });
  }

  private async runWindowed(): Promise<void> {
    const { client, database, log } = this.deps;
    const now = this.now();
    const from = now - WINDOW_LOOKBACK_MS;
    let projects: string[];
    try {
      projects = await projectsForWindowedRules(client, database, from);
    } catch (error) {
      log(`alerts: windowed rules skipped this round: ${String(error)}`);
      return;
    }
    for (const projectId of projects) {
      try {
        const rules = await getAlertRules(client, database, projectId, { log });
        const points = rules.config.cost_rate_anomaly.enabled ? await hourlyAggregates(client, database, projectId, from) : [];
        const findings = detectRateAnomalies(points, now, rules.config).filter((f) => f.traceId === null);
        const existing = await windowedAlerts(client, database, projectId);
        const transition = applyFindings({ projectId, findings, existing, nowMs: now, traceStartMs: 0 });
        await this.persist(projectId, transition, now);
      } catch (error) {
        this.deps.metrics?.alertEvaluations.inc({ outcome: 'failed' });
        log(`alerts: windowed rules of project ${projectId} failed: ${String(error)}`);
      }
    }
  }
}
