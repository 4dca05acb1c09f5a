/**
 * bench/busy-hour: what the collector's derived work costs ClickHouse as the current hour fills up. bench/ingest
 * runs for seconds, so an hour never holds more than a few thousand rollups there; a collector that ingests for
 * an hour at ~20,000 spans/s has written about 10 million. Two reads grow with that:
 *   - the rollup keys a rebuild's traces were written with before (for the tombstones of keys that vanished):
 *     filtered by trace id inside the hours the spans cover, it reads the hour's rollups. A rebuild from the
 *     collector's memory now takes them from memory; a rebuild from storage still reads them;
 *   - the recompute of the hour's `cost_hourly` rows, which sums all of the hour's rollups.
 *
 *   npx tsx bench/busy-hour.ts [--sizes 1000000,3000000,10000000] [--traces 2000]
 *
 * Each figure is the embedded ClickHouse process's CPU (from /proc) and the wall time of one statement, after the
 * hour was filled with synthetic rollups (5 services × 7 agents × 4 models, a random trace id each) and merged.
 */
import { cpus } from 'node:os';
import { parseArgs } from 'node:util';
import { runCommand, selectRows } from '../lib/clickhouse/query';
import { deriveRows, refreshCostHourly, writeDerivedRows } from '../lib/queries/derived';
import type { SpanFact } from '../lib/derived/derive';
import { makeSpan, nanos } from '../lib/testing/span-factory';
import { z } from 'zod';
import { processCpuMs } from './proc-cpu';
import { migratedDatabase, withScratchClickHouse } from './scratch-clickhouse';
import type { SpawnedClickHouse } from '../lib/clickhouse/embedded/spawn';

const { values: args } = parseArgs({
  options: {
    sizes: { type: 'string', default: '1000000,3000000,10000000' },
    traces: { type: 'string', default: '2000' },
  },
});
const sizes = args.sizes.split(',').map(Number);
const traceCount = Number(args.traces);
const DATABASE = 'bench_busy_hour';
const PROJECT = 'default';

async function main() {
  console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, node ${process.version}`);
  await withScratchClickHouse('busy-hour', measureBusyHour);
}

async function measureBusyHour(clickhouse: SpawnedClickHouse) {
  const pid = clickhouse.process.pid ?? 0;
  const client = await migratedDatabase(clickhouse, DATABASE);
  const hourMs = Math.floor(Date.now() / 3_600_000) * 3_600_000;
  const measure = async (run: () => Promise<unknown>) => {
    const cpu = processCpuMs(pid);
    const started = performance.now();
    await run();
    return `${(processCpuMs(pid) - cpu).toString().padStart(5)} ms CPU, ${(performance.now() - started).toFixed(0).padStart(4)} ms wall`;
  };
  try {
    let filled = 0;
    for (const size of sizes) {
      await runCommand(client, 'bench.fill', `INSERT INTO ${DATABASE}.cost_rollups
          (project_id, hour, service_name, agent, provider, model, trace_id, cost_usd, llm_calls, uncached_input_tokens, output_tokens, is_deleted)
        SELECT '${PROJECT}', toDateTime(${hourMs / 1000}, 'UTC'), 'svc-' || toString(number % 5), 'agent-' || toString(number % 7),
          'openai', 'gpt-' || toString(number % 4), lower(hex(cityHash64(number, 'busy'))), 0.001, 1, 100, 50, 0
        FROM numbers(${filled}, ${size - filled})`);
      filled = size;
      await runCommand(client, 'bench.merge', `OPTIMIZE TABLE ${DATABASE}.cost_rollups FINAL`);
      const picked = await selectRows({
        client,
        tag: 'bench.pick',
        sql: `SELECT trace_id FROM ${DATABASE}.cost_rollups ORDER BY cityHash64(trace_id, 'pick') LIMIT ${traceCount}`,
        row: z.object({ trace_id: z.string() }),
      });
      // One model call per trace, in the hour: what a rebuild of these traces writes.
      const traces = new Map<string, SpanFact[]>(
        picked.map(({ trace_id }, i) => [
          trace_id,
          [makeSpan({ traceId: trace_id, nodeType: 'llm', provider: 'openai', requestModel: 'gpt-1', serviceName: 'svc-1', outputTokens: 50, costUsd: 0.001, costSource: 'catalog', startTimeUnixNano: nanos(hourMs + i) })],
        ]),
      );
      const derived = deriveRows(traces);
      const deferred = { deferHourly: () => undefined }; // the collector recomputes hours apart (measured below)
      console.log(`\n${size.toLocaleString('en-US')} rollups in the hour, a rebuild of ${traceCount} traces:`);
      console.log(`  write, previous keys read from cost_rollups (from storage):  ${await measure(() => writeDerivedRows(client, DATABASE, PROJECT, derived, deferred))}`);
      console.log(`  write, previous keys from the collector's memory:            ${await measure(() => writeDerivedRows(client, DATABASE, PROJECT, derived, deferred, []))}`);
      console.log(`  recompute of the hour's cost_hourly rows:                    ${await measure(() => refreshCostHourly(client, DATABASE, PROJECT, [hourMs / 1000]))}`);
    }
  } finally {
    await client.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
