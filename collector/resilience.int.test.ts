/**
 * The collector under failure: killed with SIGKILL mid-stream, ClickHouse going away and coming back, and a
 * graceful shutdown with spans still waiting. The promise under test: an acknowledged span is never lost.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { selectRows } from '../lib/clickhouse/query';
import { migrate } from '../lib/clickhouse/migrate';
import { spawnEmbeddedClickHouse } from '../lib/clickhouse/embedded/spawn';
import { createTestDatabase, type TestDatabase } from '../lib/testing/clickhouse';
import { startTestCollector } from '../lib/testing/collector';
import { makeSpan } from '../lib/testing/span-factory';
import { spanToRow } from '../lib/queries/span-rows';

const root = resolve(import.meta.dirname, '..');
let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db?.drop();
});

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  await new Promise<void>((done) => server.close(() => done()));
  if (!address || typeof address === 'string') throw new Error('no port');
  return address.port;
}

function exportBody(traceId: string, spans: number): string {
  const start = BigInt(Date.now()) * 1_000_000n;
  return JSON.stringify({
    resourceSpans: [
      {
        resource: { attributes: [{ key: 'service.name', value: { stringValue: 'resilience' } }] },
        scopeSpans: [
          {
            spans: Array.from({ length: spans }, (_, i) => ({
              traceId,
              spanId: (i + 1).toString(16).padStart(16, '0'),
              name: `step ${i}`,
              startTimeUnixNano: String(start + BigInt(i)),
              endTimeUnixNano: String(start + BigInt(i) + 1000n),
              attributes: [{ key: 'gen_ai.usage.input_tokens', value: { intValue: '10' } }],
            })),
          },
        ],
      },
    ],
  });
}

async function storedSpans(traceIds: string[]): Promise<Map<string, number>> {
  const rows = await selectRows({
    client: db.client,
    tag: 'test.stored',
    sql: `SELECT trace_id, uniqExact(span_id) AS n FROM ${db.database}.spans WHERE trace_id IN {ids:Array(String)} GROUP BY trace_id`,
    params: { ids: traceIds },
    row: z.object({ trace_id: z.string(), n: z.coerce.number() }),
  });
  return new Map(rows.map((r) => [r.trace_id, r.n]));
}

async function summarisedTraces(traceIds: string[]): Promise<number> {
  const rows = await selectRows({
    client: db.client,
    tag: 'test.summarised',
    sql: `SELECT uniqExact(trace_id) AS n FROM ${db.database}.trace_summaries WHERE trace_id IN {ids:Array(String)} AND span_count = 20`,
    params: { ids: traceIds },
    row: z.object({ n: z.coerce.number() }),
  });
  return rows[0]?.n ?? 0;
}

function startCollectorProcess(port: number) {
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'collector/main.ts')], {
    cwd: root,
    env: {
      ...process.env,
      CLICKHOUSE_URL: db.url,
      CLICKHOUSE_DATABASE: db.database,
      LOUPE_OTLP_PORT: String(port),
      LOUPE_BATCH_MAX_WAIT_MS: '30',
    },
    stdio: 'ignore',
  });
  return child;
}

async function waitReady(url: string) {
  for (let i = 0; i < 200; i++) {
    try {
      if ((await fetch(`${url}/readyz`)).status === 200) return;
    } catch {
      // starting
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url} never became ready`);
}

describe('a collector killed with SIGKILL mid-stream', () => {
  it('loses no span it had acknowledged, and serves again after a restart', async () => {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    let child = startCollectorProcess(port);
    await waitReady(url);

    const acknowledged: string[] = [];
    let sent = 0;
    let stop = false;
    const sender = async (worker: number) => {
      for (let n = 0; !stop && n < 500; n++) {
        const traceId = `${worker.toString(16).padStart(2, '0')}${n.toString(16).padStart(6, '0')}`.padEnd(32, 'e');
        sent++;
        try {
          const response = await fetch(`${url}/v1/traces`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: exportBody(traceId, 20) });
          if (response.status === 200) acknowledged.push(traceId);
        } catch {
          return; // the collector is gone
        }
      }
    };
    const senders = [1, 2, 3, 4].map(sender);
    while (acknowledged.length < 20) await new Promise((r) => setTimeout(r, 20));
    child.kill('SIGKILL');
    await Promise.all(senders);
    stop = true;
    expect(sent).toBeGreaterThan(acknowledged.length);

    child = startCollectorProcess(port);
    try {
      await waitReady(url);
      const stored = await storedSpans(acknowledged);
      const missing = acknowledged.filter((id) => stored.get(id) !== 20);
      expect(missing).toEqual([]);
      // Summaries are rebuilt after the acknowledgement; a restart rebuilds those the killed process had not.
      let summarised = 0;
      for (let i = 0; i < 100 && summarised < acknowledged.length; i++) {
        await new Promise((r) => setTimeout(r, 100));
        summarised = await summarisedTraces(acknowledged);
      }
      expect(summarised).toBe(acknowledged.length);
      const again = await fetch(`${url}/v1/traces`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: exportBody('f'.repeat(32), 3) });
      expect(again.status).toBe(200);
    } finally {
      child.kill('SIGTERM');
    }
  });
});

describe('ClickHouse going away', () => {
  it('is answered with 503 and Retry-After, and ingest resumes when it is back', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'loupe-outage-'));
    const port = await freePort();
    let clickhouse = await spawnEmbeddedClickHouse({ dataDir, port, host: '127.0.0.1' });
    const collector = await startTestCollector({ ...db, url: clickhouse.url, database: 'outage' }, { healthIntervalMs: 100 });
    const post = (traceId: string) =>
      fetch(`${collector.url}/v1/traces`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: exportBody(traceId, 2) });
    try {
      expect((await post('1'.repeat(32))).status).toBe(200);
      await clickhouse.stop();
      let answer = await post('2'.repeat(32));
      for (let i = 0; i < 50 && answer.status === 200; i++) answer = await post('2'.repeat(32));
      expect(answer.status).toBe(503);
      expect(Number(answer.headers.get('retry-after'))).toBeGreaterThan(0);
      // Readiness follows the health probe (every 100 ms here), which may notice the outage after the export did.
      let ready = 200;
      for (let i = 0; i < 50 && ready !== 503; i++) {
        ready = (await fetch(`${collector.url}/readyz`)).status;
        if (ready !== 503) await new Promise((r) => setTimeout(r, 50));
      }
      expect(ready).toBe(503);

      clickhouse = await spawnEmbeddedClickHouse({ dataDir, port, host: '127.0.0.1' });
      let status = 0;
      for (let i = 0; i < 100 && status !== 200; i++) {
        await new Promise((r) => setTimeout(r, 100));
        status = (await post('3'.repeat(32))).status;
      }
      expect(status).toBe(200);
    } finally {
      await collector.close();
      await clickhouse.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('graceful shutdown', () => {
  it('commits spans that are still waiting for their batch before it exits', async () => {
    const collector = await startTestCollector(db, { maxWaitMs: 60_000, maxBatchSpans: 1_000_000, inFlightHalfLifeMs: 3_600_000 });
    // A batch waits only while another export is on its way: this one sends its headers and half its body.
    const arriving = connect(collector.port, '127.0.0.1');
    const body = exportBody('6'.repeat(32), 3);
    arriving.write(`POST /v1/traces HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n`);
    arriving.write(body.slice(0, 10));
    // ...and while it holds less than half of the most spans in flight lately: 20 here, so 7 wait.
    const earlier = await fetch(`${collector.url}/v1/traces`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: exportBody('7'.repeat(32), 20) });
    expect(earlier.status).toBe(200);
    const traceId = '4'.repeat(32);
    const pending = fetch(`${collector.url}/v1/traces`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: exportBody(traceId, 7) });
    while (collector.writer.queuedSpans < 7) await new Promise((r) => setTimeout(r, 10));
    await new Promise((r) => setTimeout(r, 200));
    expect(collector.writer.queuedSpans).toBe(7); // still waiting for its batch
    const closing = collector.close();
    expect((await pending).status).toBe(200);
    arriving.destroy();
    await closing;
    expect((await storedSpans([traceId])).get(traceId)).toBe(7);
  });
});

describe('a collector that starts after spans were committed but never summarised', () => {
  it('rebuilds the summaries of recently ingested traces', async () => {
    const traceId = '5'.repeat(32);
    const span = makeSpan({ traceId, parentSpanId: '', name: 'orphaned by a crash' });
    await migrate(db.client, { database: db.database });
    await db.client.insert({ table: `${db.database}.spans`, values: [spanToRow(span)], format: 'JSONEachRow' });
    const collector = await startTestCollector(db);
    try {
      await collector.flushDerived();
      const rows = await selectRows({
        client: db.client,
        tag: 'test.recovered',
        sql: `SELECT root_name, span_count FROM ${db.database}.trace_summaries FINAL WHERE trace_id = {traceId:String}`,
        params: { traceId },
        row: z.object({ root_name: z.string(), span_count: z.coerce.number() }),
      });
      expect(rows).toEqual([{ root_name: 'orphaned by a crash', span_count: 1 }]);
    } finally {
      await collector.close();
    }
  });
});
