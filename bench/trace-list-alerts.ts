/**
 * bench/trace-list-alerts: what reading alerts by trace costs as the alerts table grows. Each page of the trace list
 * reads the firing alerts of its traces (`firingAlertsOfTraces`) after the page itself, and the alert runner reads
 * the stored alerts of each evaluation's traces, up to a thousand (`alertsOfTraces`); both by trace id, from the
 * earliest start of those traces on (the table is ordered by the start of each alert's trace).
 *
 *   npx tsx bench/trace-list-alerts.ts [--sizes 100000,1000000,3000000] [--page 100] [--reads 20]
 *
 * The alerts are synthetic (`INSERT … SELECT … FROM numbers(…)`): one per trace over as many traces (each with a
 * trace summary), a third of them resolved, nine rules, traces started over the last 30 days; merged before
 * reading. Figures are medians: the list's first page (newest first) with its alerts; the alerts of a page of random
 * runs from the whole 30 days (wall time, and the embedded ClickHouse process's CPU), the list's worst case; the
 * runner's read of a thousand recent runs, fifty of them alerted (its usual case), and of a thousand alerted runs
 * from the whole 30 days (its worst).
 */
import { cpus } from 'node:os';
import type { ClickHouseClient } from '@clickhouse/client';
import { parseArgs } from 'node:util';
import { runCommand } from '../lib/clickhouse/query';
import { RULE_IDS } from '../lib/detectors/types';
import { median } from '../lib/detectors/rate-anomaly';
import { ALERTS_TABLE } from '../lib/clickhouse/migrations/v8-alerts-by-trace-start';
import { alertsOfTraces, firingAlertsOfTraces, type TraceStart } from '../lib/queries/alerts';
import { listTraces } from '../lib/queries/traces';
import { processCpuMs } from './proc-cpu';
import { migratedDatabase, withScratchClickHouse } from './scratch-clickhouse';
import type { SpawnedClickHouse } from '../lib/clickhouse/embedded/spawn';

const { values: args } = parseArgs({
  options: {
    sizes: { type: 'string', default: '100000,1000000,3000000' },
    page: { type: 'string', default: '100' },
    reads: { type: 'string', default: '20' },
  },
});
const sizes = args.sizes.split(',').map(Number);
const pageSize = Number(args.page);
const reads = Number(args.reads);
const DATABASE = 'bench_list_alerts';
const PROJECT = 'default';

async function main() {
  console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, node ${process.version}`);
  await withScratchClickHouse('list-alerts', measure);
}

/** The trace id of synthetic alert `n`: 32 hex digits. */
const traceIdSql = (n: string) => `lower(leftPad(hex(${n}), 32, '0'))`;
const traceIdOf = (n: number) => n.toString(16).padStart(32, '0');
const THIRTY_DAYS_S = 2_592_000;
/** Synthetic trace `n` starts `n` seconds (modulo 30 days) before its fill; this is before the first fill began. */
let firstFillMs = 0;
const startOf = (n: number) => firstFillMs - (n % THIRTY_DAYS_S) * 1000;
const traceAt = (n: number) => ({ traceId: traceIdOf(n), startMs: startOf(n) });
const randomBelow = (limit: number) => Math.floor(Math.random() * limit);

async function measure(clickhouse: SpawnedClickHouse) {
  const pid = clickhouse.process.pid ?? 0;
  const client = await migratedDatabase(clickhouse, DATABASE);
  const rules = `[${RULE_IDS.map((rule) => `'${rule}'`).join(', ')}]`;
  firstFillMs = Date.now();
  try {
    let filled = 0;
    for (const size of sizes) {
      await runCommand(
        client,
        'bench.fill_alerts',
        `INSERT INTO ${DATABASE}.${ALERTS_TABLE} (project_id, fingerprint, rule_id, state, severity, title, summary, trace_id,
            evidence_span_ids, finding_key, dimension_kind, dimension_name, value, threshold, first_seen_at, last_seen_at,
            fired_at, resolved_at, firings, version, trace_started_at)
          SELECT '${PROJECT}', hex(number), ${rules}[number % ${RULE_IDS.length} + 1], if(number % 3 = 0, 'resolved', 'firing'),
            if(number % 2 = 0, 'critical', 'warning'), concat('alert ', toString(number)), '', ${traceIdSql('number')},
            [], '', '', '', 2, 1, fired, fired, fired, if(number % 3 = 0, fired, NULL), 1, 1, start
          FROM (SELECT number, now64(3) - toIntervalSecond(number % ${THIRTY_DAYS_S}) AS start, start + toIntervalSecond(60) AS fired
            FROM numbers(${filled}, ${size - filled}))`,
      );
      // Each alerted trace gets a summary too, so that a page of the list is a page of alerted runs (newest first).
      await runCommand(
        client,
        'bench.fill_summaries',
        `INSERT INTO ${DATABASE}.trace_summaries (project_id, trace_id, root_span_id, root_name, service_name, start_time, end_time, span_count, status_code)
          SELECT '${PROJECT}', ${traceIdSql('number')}, '00000000000000a1', 'invoke_agent bench', 'bench', start, start + toIntervalSecond(3), 10, 'ok'
          FROM (SELECT number, toDateTime64(now64(3) - toIntervalSecond(number % ${THIRTY_DAYS_S}), 9) AS start FROM numbers(${filled}, ${size - filled}))`,
      );
      await runCommand(client, 'bench.optimize', `OPTIMIZE TABLE ${DATABASE}.${ALERTS_TABLE} FINAL`);
      await runCommand(client, 'bench.optimize', `OPTIMIZE TABLE ${DATABASE}.trace_summaries FINAL`);
      filled = size;

      // The worst case of the list's read: a page of runs from all over the 30 days (sorted by cost, say).
      const alertTimes: number[] = [];
      const alertCpu: number[] = [];
      for (let i = 0; i < reads; i++) {
        const page = Array.from({ length: pageSize }, () => traceAt(randomBelow(size)));
        const cpu = processCpuMs(pid);
        const started = performance.now();
        const found = await firingAlertsOfTraces(client, DATABASE, PROJECT, page);
        alertTimes.push(performance.now() - started);
        alertCpu.push(processCpuMs(pid) - cpu);
        if (found.size === 0) throw new Error('a page of alerted traces found no firing alert: the read is wrong');
      }
      const pageTimes: number[] = [];
      let newest: TraceStart[] = [];
      for (let i = 0; i < reads; i++) {
        const started = performance.now();
        const page = await listTraces(client, DATABASE, { projectId: PROJECT, limit: pageSize, from: '0' });
        pageTimes.push(performance.now() - started);
        if (!page.traces.some((trace) => trace.firingAlerts.length > 0)) throw new Error('a page of alerted runs shows no alert');
        newest = page.traces.map((trace) => ({ traceId: trace.traceId, startMs: Date.parse(trace.startTime) }));
      }
      // The part of that page which is its alerts' read.
      const newestAlertTimes: number[] = [];
      for (let i = 0; i < reads; i++) {
        const started = performance.now();
        await firingAlertsOfTraces(client, DATABASE, PROJECT, newest);
        newestAlertTimes.push(performance.now() - started);
      }
      // The alert runner reads the stored alerts of each evaluation's traces (up to a thousand): usually runs that
      // ended in the last seconds, nearly all new (no alert yet; ids past the filled range); at worst a thousand
      // alerted runs from all over the 30 days.
      const recent = await runnerReads(client, () => [
        ...Array.from({ length: RECENT_ALERTED }, () => traceAt(randomBelow(3_600))),
        ...Array.from({ length: 1_000 - RECENT_ALERTED }, () => ({ traceId: traceIdOf(size + randomBelow(size)), startMs: Date.now() })),
      ], RECENT_ALERTED);
      const spread = await runnerReads(client, () => Array.from({ length: 1_000 }, () => traceAt(randomBelow(size))), 1_000);
      console.log(
        `${size.toLocaleString('en-US').padStart(10)} alerts: the list's first page of ${pageSize} (newest first) with its alerts ` +
          `${median(pageTimes).toFixed(1)} ms (its alerts' read ${median(newestAlertTimes).toFixed(1)} ms); ` +
          `the firing alerts of ${pageSize} random runs of the 30 days ` +
          `${median(alertTimes).toFixed(1)} ms (ClickHouse CPU ${median(alertCpu).toFixed(0)} ms); the alert runner's read of ` +
          `1,000 recent runs (${RECENT_ALERTED} alerted) ${median(recent).toFixed(1)} ms, of 1,000 alerted runs of the 30 days ` +
          `${median(spread).toFixed(1)} ms (medians of ${reads} and ${Math.min(reads, 10)})`,
      );
    }
  } finally {
    await client.close();
  }
}

/** Of the thousand recent runs of a runner's read, how many have alerts: one in twenty. */
const RECENT_ALERTED = 50;

/**
 * Wall times of the runner's read of a thousand traces' stored alerts (`pick`: the traces, the first `alerted` of
 * them with alerts); checks that every alerted one is found.
 */
async function runnerReads(client: ClickHouseClient, pick: () => TraceStart[], alerted: number) {
  const times: number[] = [];
  for (let i = 0; i < Math.min(reads, 10); i++) {
    const traces = pick();
    const started = performance.now();
    const found = await alertsOfTraces(client, DATABASE, PROJECT, traces);
    times.push(performance.now() - started);
    const expected = new Set(traces.slice(0, alerted).map((trace) => trace.traceId)).size;
    if (found.size !== expected) throw new Error(`the runner's read found ${found.size} alerted traces of ${expected}`);
  }
  return times;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
