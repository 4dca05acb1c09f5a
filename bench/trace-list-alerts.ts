/**
 * bench/trace-list-alerts: what reading alerts by trace costs as the alerts table grows. Each page of the trace list
 * reads the firing alerts of its traces (`firingAlertsOfTraces`) after the page itself, and the alert runner reads
 * the stored alerts of each evaluation's traces, up to a thousand (`alertsOfTraces`); both by trace id, in a table
 * ordered by fingerprint.
 *
 *   npx tsx bench/trace-list-alerts.ts [--sizes 100000,1000000,3000000] [--page 100] [--reads 20]
 *
 * The alerts are synthetic (`INSERT … SELECT … FROM numbers(…)`): one per trace over as many traces (each with a
 * trace summary), a third of them resolved, nine rules, over the last 30 days; merged before reading. Figures are
 * medians of `--reads` reads: the alerts of a page of random trace ids alone (wall time, and the embedded
 * ClickHouse process's CPU), and the list's whole first page, which includes that read.
 */
import { cpus } from 'node:os';
import type { ClickHouseClient } from '@clickhouse/client';
import { parseArgs } from 'node:util';
import { runCommand } from '../lib/clickhouse/query';
import { RULE_IDS } from '../lib/detectors/types';
import { median } from '../lib/detectors/rate-anomaly';
import { alertsOfTraces, firingAlertsOfTraces } from '../lib/queries/alerts';
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

async function measure(clickhouse: SpawnedClickHouse) {
  const pid = clickhouse.process.pid ?? 0;
  const client = await migratedDatabase(clickhouse, DATABASE);
  const rules = `[${RULE_IDS.map((rule) => `'${rule}'`).join(', ')}]`;
  try {
    let filled = 0;
    for (const size of sizes) {
      await runCommand(
        client,
        'bench.fill_alerts',
        `INSERT INTO ${DATABASE}.alerts (project_id, fingerprint, rule_id, state, severity, title, summary, trace_id,
            evidence_span_ids, finding_key, dimension_kind, dimension_name, value, threshold, first_seen_at, last_seen_at,
            fired_at, resolved_at, firings, version)
          SELECT '${PROJECT}', hex(number), ${rules}[number % ${RULE_IDS.length} + 1], if(number % 3 = 0, 'resolved', 'firing'),
            if(number % 2 = 0, 'critical', 'warning'), concat('alert ', toString(number)), '', ${traceIdSql('number')},
            [], '', '', '', 2, 1, fired, fired, fired, if(number % 3 = 0, fired, NULL), 1, 1
          FROM (SELECT number, now64(3) - toIntervalSecond(number % 2592000) AS fired FROM numbers(${filled}, ${size - filled}))`,
      );
      // Each alerted trace gets a summary too, so that a page of the list is a page of alerted runs (newest first).
      await runCommand(
        client,
        'bench.fill_summaries',
        `INSERT INTO ${DATABASE}.trace_summaries (project_id, trace_id, root_span_id, root_name, service_name, start_time, end_time, span_count, status_code)
          SELECT '${PROJECT}', ${traceIdSql('number')}, '00000000000000a1', 'invoke_agent bench', 'bench', start, start + toIntervalSecond(3), 10, 'ok'
          FROM (SELECT number, now64(9) - toIntervalSecond(number % 2592000) AS start FROM numbers(${filled}, ${size - filled}))`,
      );
      await runCommand(client, 'bench.optimize', `OPTIMIZE TABLE ${DATABASE}.alerts FINAL`);
      await runCommand(client, 'bench.optimize', `OPTIMIZE TABLE ${DATABASE}.trace_summaries FINAL`);
      filled = size;

      const alertTimes: number[] = [];
      const alertCpu: number[] = [];
      for (let i = 0; i < reads; i++) {
        const ids = Array.from({ length: pageSize }, () => Math.floor(Math.random() * size).toString(16).padStart(32, '0'));
        const cpu = processCpuMs(pid);
        const started = performance.now();
        const found = await firingAlertsOfTraces(client, DATABASE, PROJECT, ids);
        alertTimes.push(performance.now() - started);
        alertCpu.push(processCpuMs(pid) - cpu);
        if (found.size === 0) throw new Error('a page of alerted traces found no firing alert: the read is wrong');
      }
      // The alert runner reads the stored alerts of each evaluation's traces (up to a thousand) the same way: in the
      // worst case all of them have alerts; usually nearly all are new runs that have none yet.
      const batchTimes = await runnerReads(client, size, 1000);
      const mixedTimes = await runnerReads(client, size, MIXED_ALERTED);
      const pageTimes: number[] = [];
      for (let i = 0; i < reads; i++) {
        const started = performance.now();
        const page = await listTraces(client, DATABASE, { projectId: PROJECT, limit: pageSize, from: '0' });
        pageTimes.push(performance.now() - started);
        if (!page.traces.some((trace) => trace.firingAlerts.length > 0)) throw new Error('a page of alerted runs shows no alert');
      }
      console.log(
        `${size.toLocaleString('en-US').padStart(10)} alerts: firing alerts of a page of ${pageSize} traces ` +
          `${median(alertTimes).toFixed(1)} ms (median of ${reads}; ClickHouse CPU ${median(alertCpu).toFixed(0)} ms), ` +
          `the list's first page of ${pageSize} (30 days, newest first) with them ${median(pageTimes).toFixed(1)} ms; ` +
          `the alert runner's read of 1,000 traces' alerts ${median(batchTimes).toFixed(1)} ms ` +
          `(${MIXED_ALERTED} of them alerted: ${median(mixedTimes).toFixed(1)} ms)`,
      );
    }
  } finally {
    await client.close();
  }
}

/** Of the thousand traces of a runner's read, how many have alerts in the mixed case: one in twenty. */
const MIXED_ALERTED = 50;

/**
 * Wall times of the runner's read of 1,000 traces' stored alerts, `alerted` of them among the synthetic alerted
 * traces and the rest new (ids past the filled range, with no alert); checks that every alerted one is found.
 */
async function runnerReads(client: ClickHouseClient, size: number, alerted: number) {
  const times: number[] = [];
  for (let i = 0; i < Math.min(reads, 10); i++) {
    const ids = Array.from({ length: 1000 }, (_, n) =>
      Math.floor(n < alerted ? Math.random() * size : size + Math.random() * size).toString(16).padStart(32, '0'),
    );
    const started = performance.now();
    const found = await alertsOfTraces(client, DATABASE, PROJECT, ids);
    times.push(performance.now() - started);
    const expected = new Set(ids.slice(0, alerted)).size;
    if (found.size !== expected) throw new Error(`the runner's read found ${found.size} alerted traces of ${expected}`);
  }
  return times;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
