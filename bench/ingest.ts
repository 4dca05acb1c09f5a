/**
 * bench/ingest: spans per second through the collector (OTLP/protobuf over HTTP: decode, normalise, price, batch,
 * insert; then summaries, cost rollups and alert rules) against a raw insert of the same rows (spans and their
 * contents, with the collector's insert code) into the same ClickHouse, in one run.
 *
 *   npx tsx bench/ingest.ts [--spans 200000] [--per-request 1000] [--concurrency 8] [--rounds 1] [--collector-flags=--trace-gc]
 *
 * The spans are realistic GenAI spans recorded with the OpenTelemetry SDK (about 20 attributes each, small message
 * content) and serialised by the official OTLP protobuf serializer, so the collector decodes what exporters send.
 * Two collector figures: the rate at which exports are acknowledged (spans committed), and the rate counting until
 * the collector's own work has caught up too — every trace's summary and rollups rebuilt and its alert rules run,
 * read from the backlog gauges on /metrics, less the alert rules' quiet period (a wait, not work).
 *
 * On a shared machine the speed drifts from minute to minute; with `--rounds N` the raw insert and the collector
 * alternate N times (each round into databases of its own), every round's ratio is printed, and the medians.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { cpus, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ProtobufTraceSerializer } from '@opentelemetry/otlp-transformer';
import { createClickHouse } from '../lib/clickhouse/client';
import { insertRowBinary } from '../lib/clickhouse/insert';
import { RowBinaryRows } from '../lib/clickhouse/row-binary';
import { migrate } from '../lib/clickhouse/migrate';
import { decodeExportRequest } from '../lib/otlp';
import { CONTENT_BINARY_COLUMNS, SPAN_BINARY_COLUMNS } from '../lib/queries/span-binary-columns';
import { contentToRow } from '../lib/queries/span-rows';
import { defaultAlertOptions } from '../collector/alerts';
import { toCanonicalSpans } from '../collector/ingest';
import { COLLECTOR_NODE_FLAGS } from '../collector/node-flags';
import { median } from '../lib/detectors/rate-anomaly';
import { recordGenAiSpans } from './genai-spans';
import { processCpuMs, threadSchedule } from './proc-cpu';
import { withScratchClickHouse } from './scratch-clickhouse';

const root = resolve(import.meta.dirname, '..');
const { values: args } = parseArgs({
  options: {
    spans: { type: 'string', default: '200000' },
    'per-request': { type: 'string', default: '1000' },
    concurrency: { type: 'string', default: '8' },
    rounds: { type: 'string', default: '1' },
    /** Node options for the collector process, space-separated, after the ones it runs with (collector/node-flags.ts). */
    'collector-flags': { type: 'string', default: '' },
  },
});
const totalSpans = Number(args.spans);
const perRequest = Number(args['per-request']);
const concurrency = Number(args.concurrency);
const rounds = Number(args.rounds);
const collectorFlags = args['collector-flags'].split(' ').filter(Boolean);

async function main() {
  await withScratchClickHouse('bench', async (clickhouse) => {
    console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, node ${process.version}`);
    console.log(`recording ${totalSpans} GenAI spans with the OpenTelemetry SDK…`);
    const requests = recordGenAiSpans(totalSpans, perRequest).map((batch) => new Uint8Array(ProtobufTraceSerializer.serializeRequest(batch) ?? []));
    const bytes = requests.reduce((sum, r) => sum + r.length, 0);
    console.log(`${requests.length} requests of ${perRequest} spans, ${(bytes / requests.length / 1024).toFixed(0)} KiB each`);

    const results: { raw: number; acknowledged: number; caughtUp: number }[] = [];
    for (let round = 1; round <= rounds; round++) {
      const suffix = rounds > 1 ? `_${round}` : '';
      const raw = await rawInsert(clickhouse.url, clickhouse.process.pid, requests, `bench_raw${suffix}`);
      const collector = await throughCollector(clickhouse.url, clickhouse.process.pid, requests, `bench_collector${suffix}`);
      results.push({ raw, ...collector });
      console.log('');
      if (rounds > 1) console.log(`round ${round} of ${rounds}`);
      printFigures({ raw, ...collector });
    }
    if (rounds > 1) {
      const medianOf = (pick: (r: (typeof results)[number]) => number) => median(results.map(pick));
      console.log(`\nmedians of ${rounds} rounds (each ratio from its own round)`);
      console.log(`raw insert ${fmt(medianOf((r) => r.raw))}, acknowledged ${fmt(medianOf((r) => r.acknowledged))}, all work ${fmt(medianOf((r) => r.caughtUp))} spans/s`);
      console.log(`ratio acknowledged / raw ${medianOf((r) => r.acknowledged / r.raw).toFixed(2)}, all work / raw ${medianOf((r) => r.caughtUp / r.raw).toFixed(2)}`);
    }
  });
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

function printFigures({ raw, acknowledged, caughtUp }: { raw: number; acknowledged: number; caughtUp: number }): void {
  console.log(`raw insert of the same rows (spans + contents):   ${fmt(raw)} spans/s`);
  console.log(`through the collector, acknowledged:              ${fmt(acknowledged)} spans/s`);
  console.log(`through the collector, derived work and alerting: ${fmt(caughtUp)} spans/s`);
  console.log(`ratio collector (acknowledged) / raw:             ${(acknowledged / raw).toFixed(2)}`);
  console.log(`ratio collector (all work) / raw:                 ${(caughtUp / raw).toFixed(2)}`);
}

/** The baseline: spans decoded outside the clock, then encoded and inserted in batches in the collector's format. */
async function rawInsert(
  url: string,
  clickhousePid: number | undefined,
  requests: Uint8Array<ArrayBuffer>[],
  database: string,
): Promise<number> {
  const admin = createClickHouse({ url, username: 'default', password: '', database }, { withDatabase: false });
  await migrate(admin, { database });
  await admin.close();
  const spans = requests.flatMap((body) =>
    toCanonicalSpans(decodeExportRequest(body, 'protobuf'), { headerProject: null, defaultProject: 'default', overrides: [] }),
  );
  const client = createClickHouse({ url, username: 'default', password: '', database });
  const batch = 10_000;
  const cpuBefore = cpuTimes(process.pid, clickhousePid);
  const started = performance.now();
  for (let i = 0; i < spans.length; i += batch) {
    const slice = spans.slice(i, i + batch);
    const contents = new RowBinaryRows(CONTENT_BINARY_COLUMNS);
    contents.addAll(slice.map(contentToRow).filter((row) => row !== null));
    const rows = new RowBinaryRows(SPAN_BINARY_COLUMNS);
    rows.addAll(slice);
    await insertRowBinary(client, 'span_contents', contents);
    await insertRowBinary(client, 'spans', rows);
  }
  const seconds = (performance.now() - started) / 1000;
  const cpuAfter = cpuTimes(process.pid, clickhousePid);
  await client.close();
  console.log(`raw insert: ${spans.length} spans and their contents in ${seconds.toFixed(2)} s`);
  if (cpuBefore && cpuAfter) {
    const per1k = (key: 'clickhouse' | 'generator') => (((cpuAfter[key] - cpuBefore[key]) / spans.length) * 1000).toFixed(1);
    console.log(`CPU per 1,000 spans of the raw insert: ClickHouse ${per1k('clickhouse')} ms, inserting client ${per1k('generator')} ms`);
  }
  return spans.length / seconds;
}

interface CollectorFigures {
  acknowledged: number;
  caughtUp: number;
}

async function throughCollector(
  clickhouseUrl: string,
  clickhousePid: number | undefined,
  requests: Uint8Array<ArrayBuffer>[],
  database: string,
): Promise<CollectorFigures> {
  const port = 43_000 + Math.floor(Math.random() * 1000);
  const url = `http://127.0.0.1:${port}`;
  const quietMs = defaultAlertOptions().quietMs;
  const child = spawn(process.execPath, [...COLLECTOR_NODE_FLAGS, ...collectorFlags, '--import', 'tsx', join(root, 'collector/main.ts')], {
    cwd: root,
    env: { ...process.env, CLICKHOUSE_URL: clickhouseUrl, CLICKHOUSE_DATABASE: database, LOUPE_OTLP_PORT: String(port), LOUPE_ALERT_QUIET_MS: String(quietMs) },
    stdio: 'inherit',
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  try {
    for (let i = 0; ; i++) {
      const ready = await fetch(`${url}/readyz`).then((r) => r.status === 200, () => false);
      if (ready) break;
      if (i > 600) throw new Error('collector did not start');
      await new Promise((r) => setTimeout(r, 100));
    }
    let next = 0;
    let spans = 0;
    const cpuBefore = cpuTimes(child.pid, clickhousePid);
    // The main thread's id is the process id.
    const mainThreadSchedule = () => (child.pid === undefined ? null : threadSchedule(child.pid, child.pid));
    const scheduleBefore = mainThreadSchedule();
    const health = probeHealth(url);
    const started = performance.now();
    const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
    /** When each export was acknowledged, in order (`performance.now()`). */
    const acks: number[] = [];
    const worker = async () => {
      while (next < requests.length) {
        const body = requests[next++];
        if (!body) break;
        const { status, text } = await postExport(agent, `${url}/v1/traces`, body);
        if (status !== 200) throw new Error(`collector answered ${status}: ${text}`);
        spans += perRequest;
        acks.push(performance.now());
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
    agent.destroy();
    const ackSeconds = (performance.now() - started) / 1000;
    const scheduleAfter = mainThreadSchedule();
    const probes = await health.stop();
    console.log(`collector: ${spans} spans acknowledged in ${ackSeconds.toFixed(2)} s (${concurrency} concurrent exporters)`);
    const half = halves(acks, started, perRequest);
    console.log(`collector: acknowledged ${fmt(half.first)} spans/s in the first half of the exports, ${fmt(half.second)} in the second`);
    console.log(
      `collector: /healthz answered in ${median(probes).toFixed(0)} ms (median), ` +
        `${quantile(probes, 0.99).toFixed(0)} ms (99th percentile), ${Math.max(...probes).toFixed(0)} ms at most ` +
        `(${probes.length} probes, one at a time, while the exports arrived)`,
    );
    if (scheduleBefore && scheduleAfter) {
      const share = (ms: number) => `${((100 * ms) / (ackSeconds * 1000)).toFixed(0)} %`;
      const run = scheduleAfter.runMs - scheduleBefore.runMs;
      const wait = scheduleAfter.waitMs - scheduleBefore.waitMs;
      console.log(
        `collector's JavaScript thread while the exports arrived: running ${share(run)} of the time, ` +
          `waiting for a CPU ${share(wait)}, idle ${share(Math.max(0, ackSeconds * 1000 - run - wait))}`,
      );
    }
    for (;;) {
      const backlog = await readBacklog(url);
      if (backlog.derived === 0 && backlog.alerts === 0) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const doneSeconds = (performance.now() - started) / 1000;
    const cpuAfter = cpuTimes(child.pid, clickhousePid);
    if (cpuBefore && cpuAfter) {
      const per1k = (key: keyof CpuTimes) => ((cpuAfter[key] - cpuBefore[key]) / spans) * 1000;
      console.log(
        `CPU per 1,000 spans, from the first export until caught up: collector ${per1k('collector').toFixed(1)} ms ` +
          `(its JavaScript thread ${per1k('collectorMain').toFixed(1)} ms), ` +
          `ClickHouse ${per1k('clickhouse').toFixed(1)} ms, load generator ${per1k('generator').toFixed(1)} ms`,
      );
    }
    const peak = peakMemoryMiB(child.pid);
    if (peak !== null) console.log(`collector peak resident memory: ${peak} MiB`);
    console.log(`collector: summaries, rollups and alert rules of every trace done ${(doneSeconds - ackSeconds).toFixed(2)} s later (alert quiet period ${quietMs / 1000} s)`);
    return { acknowledged: spans / ackSeconds, caughtUp: spans / (doneSeconds - quietMs / 1000) };
  } finally {
    child.kill('SIGTERM');
    await exited;
  }
}

/**
 * The acknowledged rate over the first half of the exports and over the second: a collector still starting (code
 * not yet optimised by the JIT, a heap and a trace memory still growing) shows in the first.
 */
function halves(acks: readonly number[], started: number, perRequest: number): { first: number; second: number } {
  const middle = Math.floor(acks.length / 2);
  const at = acks[middle - 1] ?? started;
  const end = acks[acks.length - 1] ?? started;
  return { first: (middle * perRequest * 1000) / (at - started), second: ((acks.length - middle) * perRequest * 1000) / (end - at) };
}

/**
 * POSTs an OTLP/protobuf export as the OpenTelemetry exporters do under Node.js: `http.request` on a keep-alive
 * agent. (With `fetch` the load generator, which shares the machine's two cores with the collector and ClickHouse,
 * used 6.8–8.9 ms of CPU per 1,000 spans; this way 2.8–3.4, in 3 alternating pairs of runs.)
 */
function postExport(agent: Agent, url: string, body: Uint8Array): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', agent, headers: { 'content-type': 'application/x-protobuf', 'content-length': body.length } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', (error) => reject(new Error(`export to the collector failed (did it exit?): ${error.message}`, { cause: error })));
    req.end(body);
  });
}

/**
 * Asks `/healthz` again and again, one request at a time, until stopped: what a liveness probe would see while the
 * collector is busy. Returns the answer times in milliseconds.
 */
function probeHealth(url: string): { stop: () => Promise<number[]> } {
  const times: number[] = [];
  let stopped = false;
  const loop = (async () => {
    while (!stopped) {
      const sent = performance.now();
      // A collector that died stops the probes; the exports fail too and say so. (A rejection here would end the
      // benchmark before it stops its ClickHouse.)
      const answered = await fetch(`${url}/healthz`).then((r) => r.text(), () => null);
      if (answered === null) break;
      times.push(performance.now() - sent);
      await new Promise((r) => setTimeout(r, 50));
    }
  })();
  return {
    stop: async () => {
      stopped = true;
      await loop;
      return times;
    },
  };
}

/** The value below which the fraction `q` of `values` lies (nearest rank). */
function quantile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? NaN;
}

interface CpuTimes {
  collector: number;
  /** The collector's JavaScript thread alone (the rest is V8's collector threads and the like). */
  collectorMain: number;
  clickhouse: number;
  generator: number;
}

/** CPU milliseconds (user + system) used so far by the collector, the ClickHouse process and this one; Linux only. */
function cpuTimes(collectorPid: number | undefined, clickhousePid: number | undefined): CpuTimes | null {
  const ofProcess = (pid: number | undefined, thread?: number) => (pid === undefined ? NaN : processCpuMs(pid, thread));
  const own = process.cpuUsage();
  const times = {
    collector: ofProcess(collectorPid),
    // The main thread's id is the process id.
    collectorMain: ofProcess(collectorPid, collectorPid),
    clickhouse: ofProcess(clickhousePid),
    generator: (own.user + own.system) / 1000,
  };
  return Number.isNaN(times.collector) || Number.isNaN(times.clickhouse) ? null : times;
}

/** The process's peak resident set (VmHWM), in MiB; Linux only. */
function peakMemoryMiB(pid: number | undefined): number | null {
  try {
    const match = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Math.round(Number(match[1]) / 1024) : null;
  } catch {
    return null;
  }
}

async function readBacklog(url: string): Promise<{ derived: number; alerts: number }> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const gauge = (name: string) => {
    const match = new RegExp(`^${name} (\\d+)$`, 'm').exec(text);
    if (!match) throw new Error(`/metrics has no ${name}`);
    return Number(match[1]);
  };
  return { derived: gauge('loupe_derived_backlog_traces'), alerts: gauge('loupe_alert_backlog_traces') };
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
