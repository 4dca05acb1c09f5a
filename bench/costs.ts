/**
 * bench/costs: the 30-day cost page's queries against a plain count() of the same spans, in one run.
 *
 *   npx tsx bench/costs.ts [--spans 10000000]
 *
 * Spans are generated inside ClickHouse (`INSERT … SELECT … FROM numbers(n)`) into a fresh embedded ClickHouse:
 * agent runs of 25 spans (one agent span, 10 model calls, 14 tool calls) spread evenly over 30 days, 8 models,
 * 10 agents, 5 services. The rollups and summaries are then built with the collector's code (the backfill it runs
 * for spans stored before the rollups existed), and the page's queries — totals, cache savings and unpriced usage, top traces and agents,
 * the daily series, four breakdowns with their previous period, the budget — are timed against
 * `SELECT count() FROM spans` over the same 30 days.
 */
import { cpus, totalmem } from 'node:os';
import { parseArgs } from 'node:util';
import { createClient, type ClickHouseClient } from '@clickhouse/client';
import { migrate } from '../lib/clickhouse/migrate';
import type { SpawnedClickHouse } from '../lib/clickhouse/embedded/spawn';
import { parseCostQuery } from '../lib/costs/params';
import { budgetStatus } from '../lib/queries/budgets';
import { costBreakdown, costSeries, costSummary } from '../lib/queries/costs';
import { backfillDerived, refreshDerived } from '../lib/queries/derived';
import { withScratchClickHouse } from './scratch-clickhouse';

const { values: args } = parseArgs({
  options: { spans: { type: 'string', default: '10000000' } },
});
const SPANS = Number(args.spans);
const DATABASE = 'bench';
const SPANS_PER_TRACE = 25;
const DAY_MS = 86_400_000;

async function timed<T>(label: string, run: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = performance.now();
  const value = await run();
  const ms = performance.now() - start;
  console.log(`${label.padEnd(44)} ${fmtMs(ms)}`);
  return { ms, value };
}

const fmtMs = (ms: number) => (ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`);

/** One statement: spans [first, first + n) of `total`, 25 per trace, spread over the 30 days before `nowMs`. */
function generateSql(first: number, n: number, total: number, nowMs: number): string {
  const traces = Math.ceil(total / SPANS_PER_TRACE);
  return `INSERT INTO ${DATABASE}.spans (project_id, trace_id, span_id, parent_span_id, name, kind, start_time, duration_ns,
    service_name, status_code, node_type, operation, provider, request_model, response_model, agent_name,
    input_tokens, output_tokens, cache_read_tokens, usage_is_aggregate, cost_usd, cost_source, tool_name)
  SELECT
    'default',
    lower(hex(cityHash64(t))) || lower(hex(t)) AS trace_id,
    lower(hex(t * 32 + k)) AS span_id,
    if(k = 0, '', lower(hex(t * 32))) AS parent_span_id,
    multiIf(k = 0, 'invoke_agent', k <= 10, 'chat', 'execute_tool'),
    'internal',
    fromUnixTimestamp64Milli(toInt64(${nowMs - 30 * DAY_MS} + t * ${Math.floor((30 * DAY_MS) / traces)} + k * 400)),
    400000000,
    ['checkout', 'search', 'support', 'billing', 'research'][t % 5 + 1],
    'ok',
    multiIf(k = 0, 'agent', k <= 10, 'llm', 'tool'),
    multiIf(k = 0, 'invoke_agent', k <= 10, 'chat', 'execute_tool'),
    if(k BETWEEN 1 AND 10, ['openai', 'openai', 'anthropic', 'anthropic', 'google', 'openai', 'anthropic', 'acme'][m + 1], ''),
    if(k BETWEEN 1 AND 10, ['gpt-4o', 'gpt-4o-mini', 'claude-3-5-sonnet', 'claude-3-5-haiku', 'gemini-1.5-pro', 'o3-mini', 'claude-3-opus', 'house-model'][m + 1], ''),
    '',
    if(k = 0, ['planner', 'researcher', 'writer', 'reviewer', 'triage', 'billing', 'refunds', 'search', 'coder', 'tester'][t % 10 + 1], ''),
    if(k BETWEEN 1 AND 10, 1000 + (t * 7 + k * 13) % 20000, 0),
    if(k BETWEEN 1 AND 10, 100 + (t + k) % 1500, 0),
    if(k BETWEEN 1 AND 10, (t * 3 + k) % 5000, 0),
    false,
    if(k BETWEEN 1 AND 10 AND m != 7, (1000 + (t * 7 + k * 13) % 20000) * 2.5e-6 + (100 + (t + k) % 1500) * 1e-5, NULL),
    multiIf(k BETWEEN 1 AND 10 AND m != 7, 'catalog', k BETWEEN 1 AND 10, 'unpriced', 'none'),
    if(k > 10, 'search_docs', '')
  FROM (SELECT intDiv(number, ${SPANS_PER_TRACE}) AS t, number % ${SPANS_PER_TRACE} AS k, (intDiv(number, ${SPANS_PER_TRACE}) + k) % 8 AS m
        FROM numbers(${first}, ${n}))`;
}

async function count(client: ClickHouseClient, sql: string): Promise<number> {
  const rows = await (await client.query({ query: sql, format: 'JSONEachRow' })).json<{ n: string }>();
  return Number(rows[0]?.n ?? NaN);
}

async function main() {
  await withScratchClickHouse('bench-costs', measureCosts);
}

async function measureCosts(clickhouse: SpawnedClickHouse) {
  const client = createClient({
    url: clickhouse.url,
    request_timeout: 1_800_000,
    clickhouse_settings: { output_format_json_quote_64bit_integers: 1 },
  });
  try {
    console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, node ${process.version}`);
    await migrate(client, { database: DATABASE });
    const nowMs = Date.now();
    const chunk = 2_500_000 - (2_500_000 % SPANS_PER_TRACE);
    await timed(`generate ${SPANS.toLocaleString('en-US')} spans`, async () => {
      for (let done = 0; done < SPANS; done += chunk) {
        // Each chunk continues the trace numbering (and the timeline) where the previous one stopped.
        await client.command({ query: generateSql(done, Math.min(chunk, SPANS - done), SPANS, nowMs) });
      }
    });
    await timed('build cost rollups + hourly + trace summaries', () => backfillDerived(client, DATABASE, { summaries: true }));
    const recent = await client.query({
      query: `SELECT trace_id FROM ${DATABASE}.trace_summaries ORDER BY start_time DESC LIMIT 2000`,
      format: 'JSONEachRow',
    });
    const recentIds = (await recent.json<{ trace_id: string }>()).map((r) => r.trace_id);
    await timed('refresh 300 recent traces (collector path)', () => refreshDerived(client, DATABASE, 'default', recentIds.slice(0, 300)));
    await timed('refresh 2,000 recent traces (collector path)', () => refreshDerived(client, DATABASE, 'default', recentIds));
    console.log(`rollup rows: ${(await count(client, `SELECT count() AS n FROM ${DATABASE}.cost_rollups`)).toLocaleString('en-US')}`);

    const to = Date.now();
    const from = to - 30 * DAY_MS;
    const query = (extra: Record<string, string> = {}) =>
      parseCostQuery(new URLSearchParams({ from: String(from), to: String(to), ...extra }), 'default', to);
    console.log('');
    const baseline = await timed('count() of the spans, same 30 days', () =>
      count(
        client,
        `SELECT count() AS n FROM ${DATABASE}.spans WHERE project_id = 'default'
          AND start_time >= fromUnixTimestamp64Milli(${from}) AND start_time < fromUnixTimestamp64Milli(${to})`,
      ),
    );
    console.log(`  (${baseline.value.toLocaleString('en-US')} spans)`);
    const page = await timed('cost page, 30 days (all queries)', async () => {
      const summary = await timed('  summary (totals, models, top traces/agents)', () => costSummary(client, DATABASE, query()));
      await timed('  series by model, daily', () => costSeries(client, DATABASE, query({ groupBy: 'model' })));
      for (const dimension of ['model', 'agent', 'service', 'project'] as const) {
        await timed(`  breakdown by ${dimension}`, () => costBreakdown(client, DATABASE, query({ dimension })));
      }
      await timed('  budget', () => budgetStatus(client, DATABASE, 'default', { nowMs: to }));
      return summary.value;
    });
    console.log(`  (total $${page.value.costUsd.toFixed(2)}, ${page.value.calls.toLocaleString('en-US')} calls, ${page.value.unpricedCalls.toLocaleString('en-US')} unpriced)`);
    const spansSum = await timed('the same total summed from spans FINAL', () =>
      count(
        client,
        `SELECT toString(sum(ifNull(cost_usd, 0))) AS n FROM ${DATABASE}.spans FINAL WHERE project_id = 'default'
          AND start_time >= toStartOfHour(fromUnixTimestamp64Milli(${from})) AND start_time < fromUnixTimestamp64Milli(${to})`,
      ),
    );
    console.log('');
    console.log(`cost page / count():  ${(page.ms / baseline.ms).toFixed(1)}×  (${fmtMs(page.ms)} vs ${fmtMs(baseline.ms)})`);
    console.log(`page total $${page.value.costUsd.toFixed(4)} vs spans $${spansSum.value.toFixed(4)}`);
  } finally {
    await client.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
