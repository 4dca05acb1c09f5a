/**
 * Assembles a running collector: migrations, the batch writer, a ClickHouse health probe, and the HTTP server.
 * `startCollector` is what the process entry point and the tests both call.
 */
import type { AddressInfo } from 'node:net';
import { createClickHouse, type ClickHouseConfig } from '../lib/clickhouse/client';
import { migrate } from '../lib/clickhouse/migrate';
import { DETECTOR_ATTRIBUTE_KEYS } from '../lib/detectors';
import { backfillCostRollupsIfEmpty } from '../lib/queries/cost-rollups';
import { refreshCostHourly } from '../lib/queries/derived';
import type { Span } from '../lib/span/types';
import { alertOptionsFromEnv, createAlerting, type AlertOptions, type Alerting } from './alerts';
import { BatchWriter } from './batch-writer';
import { DerivedRefresher, recentlyIngestedTraces } from './derived-refresher';
import { TraceMemory } from './trace-memory';
import { createMetrics, registerBacklogGauges } from './metrics';
import { startPriceOverrideLoader } from './price-overrides';
import { createCollectorServer } from './server';

export interface CollectorOptions {
  clickhouse: ClickHouseConfig;
  host: string;
  /** 0 picks a free port. */
  port: number;
  defaultProject: string;
  maxBodyBytes: number;
  maxBatchSpans: number;
  maxWaitMs: number;
  /** How fast the batch writer forgets a peak of spans in flight (default 500 ms; see batch-writer.ts). */
  inFlightHalfLifeMs?: number;
  maxQueuedSpans?: number;
  healthIntervalMs?: number;
  /**
   * Spans of recently written traces kept in memory, so their summaries, rollups and alert rules need not read them
   * back (default 100,000; see trace-memory.ts). 0 keeps none: every rebuild reads from storage.
   */
  rememberedSpans?: number;
  /** How often trace summaries (and other derived tables) are rebuilt for the traces that received spans. */
  refreshIntervalMs?: number;
  /** How often the hourly costs of hours whose rollups were rebuilt are recomputed (default 5 s). */
  hourlyCostIntervalMs?: number;
  log?: (message: string) => void;
  /** Alert runner and webhook delivery settings; from the environment when not given. */
  alerts?: AlertOptions;
}

export interface RunningCollector {
  url: string;
  port: number;
  writer: BatchWriter;
  alerting: Alerting;
  /**
   * Rebuilds the derived tables of every trace that received spans, and their hours' costs, now (tests use it to
   * avoid waiting).
   */
  flushDerived(): Promise<void>;
  /** Stops accepting requests, commits what is waiting, and closes connections. */
  close(): Promise<void>;
}

export async function startCollector(options: CollectorOptions): Promise<RunningCollector> {
  const log = options.log ?? ((message: string) => console.log(message));
  const admin = createClickHouse(options.clickhouse, { withDatabase: false });
  const report = await migrate(admin, { database: options.clickhouse.database, cluster: options.clickhouse.cluster });
  await admin.close();
  if (report.applied.length > 0) log(`collector: applied migrations ${report.applied.join(', ')}`);
  for (const { version, missingSettings } of report.skipped) {
    log(`collector: skipped migration ${version}: this ClickHouse does not know the setting ${missingSettings.join(', ')}`);
  }

  const client = createClickHouse(options.clickhouse);
  const database = options.clickhouse.database;
  const metrics = createMetrics({ defaultMetrics: true });
  const memory = new TraceMemory({
    maxSpans: options.rememberedSpans ?? 100_000,
    attributeKeys: DETECTOR_ATTRIBUTE_KEYS,
    onRebuilt: ({ memory: fromMemory, storage }) => {
      metrics.derivedTraces.inc({ source: 'memory' }, fromMemory);
      metrics.derivedTraces.inc({ source: 'storage' }, storage);
    },
  });
  const alerting = createAlerting({ client, database, options: options.alerts ?? alertOptionsFromEnv(), log, metrics });
  // The hourly costs of the hours rebuilt rollups fall in, recomputed every few seconds rather than per rebuild:
  // a recompute reads the hour's rollups, so its cost grows with the hour's traffic, not with what changed (10
  // million rollups, an hour at ~20,000 spans/s, took 2.7 s and 5.4 s of CPU in bench/busy-hour). Waiting twenty
  // times its duration keeps it under 5 % of the engine's time; the cost pages then lag such an hour by ~1 minute.
  const hourlyCosts = new DerivedRefresher({
    rebuild: (projectId, hours) => refreshCostHourly(client, database, projectId, hours.map(Number)),
    intervalMs: options.hourlyCostIntervalMs ?? 5_000,
    busyFactor: 20,
    log,
    what: 'hour(s) of costs',
  });
  const deferHourly = (projectId: string, hours: readonly number[]) =>
    hourlyCosts.markDirty(new Map([[projectId, new Set(hours.map(String))]]));
  const refresher = new DerivedRefresher({
    // Summaries and cost rollups, rebuilt from the traces' deduplicated spans (as this collector wrote them, or read
    // back), so retries never double-count; then the traces' alert rules are scheduled, with those spans.
    rebuild: async (projectId, traceIds, lastMarkedAt) => {
      const rebuilt = await memory.rebuild(client, database, projectId, traceIds, { deferHourly });
      // Their quiet period began no later than the last mark: a rebuild that waited (up to a few seconds under
      // load) does not delay their alerts by as much.
      alerting.runner.noteCommitted(projectId, traceIds, rebuilt, performance.now() - lastMarkedAt);
    },
    intervalMs: options.refreshIntervalMs ?? 500,
    // Under heavy ingest a rebuild waits four times its last duration, so rebuilds take at most a fifth of the
    // engine's time. With two (the default), bench/ingest made 20 rebuilds per 200,000 spans whose statements took
    // 1.8–2.2 s of ClickHouse's CPU, a sixth of it; with four it makes 10, which take 1.2–1.4 s. There a
    // rebuild takes 0.2–0.5 s, so the trace list lags by up to about 2.5 s while the load lasts, and catches up 500 ms
    // after it stops; at a demo's pace the wait stays 500 ms.
    busyFactor: 4,
    log,
  });
  registerBacklogGauges(metrics, {
    derivedTraces: () => refresher.backlogTraceCount,
    alertTraces: () => alerting.runner.backlogTraceCount,
    rememberedSpans: () => memory.keptSpans,
  });
  // A collector that died after committing spans but before rebuilding their traces left them stale.
  const recovered = await recentlyIngestedTraces(client, database, 15);
  for (const [projectId, traceIds] of recovered) memory.mustRead(projectId, traceIds);
  refresher.markDirty(recovered);
  const writer = new BatchWriter({
    client,
    database,
    metrics,
    maxBatchSpans: options.maxBatchSpans,
    maxWaitMs: options.maxWaitMs,
    ...(options.inFlightHalfLifeMs !== undefined ? { inFlightHalfLifeMs: options.inFlightHalfLifeMs } : {}),
    maxQueuedSpans: options.maxQueuedSpans ?? options.maxBatchSpans * 20,
    ...(memory.enabled ? { remember: (span: Span) => memory.slim(span) } : {}),
    onCommitted: (traces, spans) => {
      memory.remember(spans);
      refresher.markDirty(traces);
    },
  });

  // Costs: spans are priced with the projects' current overrides, reloaded every 10 s.
  const prices = await startPriceOverrideLoader({ client, database, log });
  // Costs: rollups of spans stored before they existed are built once, beside ingest.
  void backfillCostRollupsIfEmpty(client, database)
    .then((ran) => ran && log('collector: built cost rollups of the spans already stored'))
    .catch((error: unknown) => log(`collector: building cost rollups of stored spans failed: ${String(error)}`));

  let storageReady = true;
  const probe = setInterval(() => {
    client
      .ping()
      .then((result) => {
        if (result.success !== storageReady) log(`collector: ClickHouse ${result.success ? 'reachable again' : 'unreachable'}`);
        storageReady = result.success;
      })
      .catch(() => {
        storageReady = false;
      });
  }, options.healthIntervalMs ?? 2_000);
  probe.unref();

  const server = createCollectorServer({
    writer,
    metrics,
    maxBodyBytes: options.maxBodyBytes,
    defaultProject: options.defaultProject,
    storageReady: () => storageReady,
    priceOverrides: () => prices.current(),
    log,
  });
  // OTLP exporters keep connections open; a short keep-alive lets shutdown finish promptly.
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  await alerting.start();

  return {
    url: `http://${options.host}:${port}`,
    port,
    writer,
    alerting,
    flushDerived: async () => {
      await refresher.flush();
      await hourlyCosts.flush();
    },
    async close() {
      clearInterval(probe);
      prices.stop();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      await writer.close();
      await refresher.close();
      await hourlyCosts.close();
      await alerting.stop();
      await closed;
      await client.close();
    },
  };
}
