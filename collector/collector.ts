/**
 * Assembles a running collector: migrations, the batch writer, a ClickHouse health probe, and the HTTP server.
 * `startCollector` is what the process entry point and the tests both call.
 */
import type { AddressInfo } from 'node:net';
import { createClickHouse, type ClickHouseConfig } from '../lib/clickhouse/client';
import { migrate } from '../lib/clickhouse/migrate';
import { BatchWriter } from './batch-writer';
import { createMetrics } from './metrics';
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
  maxQueuedSpans?: number;
  healthIntervalMs?: number;
  log?: (message: string) => void;
}

export interface RunningCollector {
  url: string;
  port: number;
  writer: BatchWriter;
  /** Stops accepting requests, commits what is waiting, and closes connections. */
  close(): Promise<void>;
}

export async function startCollector(options: CollectorOptions): Promise<RunningCollector> {
  const log = options.log ?? ((message: string) => console.log(message));
  const admin = createClickHouse(options.clickhouse, { withDatabase: false });
  const report = await migrate(admin, { database: options.clickhouse.database, cluster: options.clickhouse.cluster });
  await admin.close();
  if (report.applied.length > 0) log(`collector: applied migrations ${report.applied.join(', ')}`);

  const client = createClickHouse(options.clickhouse);
  const metrics = createMetrics({ defaultMetrics: true });
  const writer = new BatchWriter({
    client,
    database: options.clickhouse.database,
    metrics,
    maxBatchSpans: options.maxBatchSpans,
    maxWaitMs: options.maxWaitMs,
    maxQueuedSpans: options.maxQueuedSpans ?? options.maxBatchSpans * 20,
  });

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
    priceOverrides: () => [],
    log,
  });
  // OTLP exporters keep connections open; a short keep-alive lets shutdown finish promptly.
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;

  return {
    url: `http://${options.host}:${port}`,
    port,
    writer,
    async close() {
      clearInterval(probe);
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      await writer.close();
      await closed;
      await client.close();
    },
  };
}
