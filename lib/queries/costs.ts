/**
 * The read side of cost: every figure of the cost review comes from `cost_hourly` (the rollups summed over traces;
 * never from spans), read with FINAL so that rows replaced by a later rebuild and tombstones of vanished keys are
 * not counted. The most expensive traces come from `trace_summaries`, whose cost is the same sum per trace.
 *
 * Ranges resolve to whole hours, the rollups' grain: a range includes the hour its start falls in and the hours
 * that start before its end. The `project` dimension compares projects, so it is the one read that spans all
 * projects; every other read is scoped to the request's project.
 *
 * SQL is built only by choosing among the fixed clauses below; every value travels as a bound parameter.
 */
import type { ClickHouseClient } from '@clickhouse/client';
import { z } from 'zod';
import { table } from '../clickhouse/migrations/ddl';
import { selectRows } from '../clickhouse/query';
import { cacheSavings } from '../costs/cache-savings';
import type { CostQuery } from '../costs/params';
import { costChange, denseSeries, previousPeriod, type Range } from '../costs/period';
import type {
  ApiCostBreakdown,
  ApiCostSeries,
  ApiCostSummary,
  ApiTopAgent,
  ApiTopTrace,
  ApiUnpricedUsage,
  CostDimension,
} from '../costs/types';
import { nsToIso } from './span-rows';

export interface QueryOptions {
  signal?: AbortSignal;
}

const DIMENSION_COLUMNS: Record<CostDimension, string> = {
  model: 'model',
  agent: 'agent',
  service: 'service_name',
  project: 'project_id',
};

const num = z.coerce.number();

const HOUR_FROM = `hour >= toStartOfHour(fromUnixTimestamp64Milli({fromMs:Int64}, 'UTC'))`;
const HOUR_TO = `hour < fromUnixTimestamp64Milli({toMs:Int64}, 'UTC')`;
/** Traces by their start, aligned to whole hours like the hourly figures. */
const TRACE_RANGE = `project_id = {projectId:String}
  AND start_time >= toStartOfHour(fromUnixTimestamp64Milli({fromMs:Int64}, 'UTC')) AND start_time < fromUnixTimestamp64Milli({toMs:Int64}, 'UTC')`;
const IN_CURRENT = `hour >= toStartOfHour(fromUnixTimestamp64Milli({currentFromMs:Int64}, 'UTC'))`;

function scope(dimension: CostDimension | null): string {
  const parts = [HOUR_FROM, HOUR_TO];
  if (dimension !== 'project') parts.unshift('project_id = {projectId:String}');
  return parts.join(' AND ');
}

const iso = (ms: number) => new Date(ms).toISOString();

const breakdownRow = z.object({
  key: z.string(),
  cost: num,
  previous: num,
  calls: num,
  unpriced: num,
  input: num,
  output: num,
  cache_read: num,
});

/** One row per value of the dimension, with the change against the previous period of equal length. */
export async function costBreakdown(
  client: ClickHouseClient,
  database: string,
  query: CostQuery,
  options: QueryOptions = {},
): Promise<ApiCostBreakdown> {
  const previous = previousPeriod(query);
  const rows = await selectRows({
    client,
    tag: 'costs.breakdown',
    sql: `SELECT ${DIMENSION_COLUMNS[query.dimension]} AS key,
        sumIf(cost_usd, cur) AS cost, sumIf(cost_usd, NOT cur) AS previous,
        sumIf(llm_calls + embedding_calls + other_calls, cur) AS calls, sumIf(unpriced_calls, cur) AS unpriced,
        sumIf(uncached_input_tokens + cache_read_tokens + cache_write_tokens, cur) AS input,
        sumIf(output_tokens, cur) AS output, sumIf(cache_read_tokens, cur) AS cache_read
      FROM (SELECT *, ${IN_CURRENT} AS cur FROM ${table({ database }, 'cost_hourly')} FINAL WHERE ${scope(query.dimension)})
      GROUP BY key
      ORDER BY cost DESC, previous DESC, key`,
    params: { projectId: query.projectId, fromMs: previous.fromMs, toMs: query.toMs, currentFromMs: query.fromMs },
    row: breakdownRow,
    signal: options.signal,
  });
  const total = rows.reduce((sum, r) => sum + r.cost, 0);
  return {
    dimension: query.dimension,
    from: iso(query.fromMs),
    to: iso(query.toMs),
    previousFrom: iso(previous.fromMs),
    rows: rows.map((r) => ({
      key: r.key,
      costUsd: r.cost,
      previousCostUsd: r.previous,
      change: costChange(r.cost, r.previous),
      share: total > 0 ? r.cost / total : 0,
      calls: r.calls,
      unpricedCalls: r.unpriced,
      inputTokens: r.input,
      outputTokens: r.output,
      cacheReadTokens: r.cache_read,
    })),
  };
}

const seriesRow = z.object({ bucket_ms: num, key: z.string(), cost: num });

/** Spend per hour or day, stacked by the dimension. */
export async function costSeries(
  client: ClickHouseClient,
  database: string,
  query: CostQuery,
  options: QueryOptions = {},
): Promise<ApiCostSeries> {
  const bucketSql = query.bucket === 'hour' ? 'hour' : `toStartOfDay(hour, 'UTC')`;
  const rows = await selectRows({
    client,
    tag: 'costs.series',
    sql: `SELECT toUnixTimestamp(${bucketSql}) * 1000 AS bucket_ms, ${DIMENSION_COLUMNS[query.dimension]} AS key,
        sum(cost_usd) AS cost
      FROM ${table({ database }, 'cost_hourly')} FINAL
      WHERE ${scope(query.dimension)}
      GROUP BY bucket_ms, key`,
    params: { projectId: query.projectId, fromMs: query.fromMs, toMs: query.toMs },
    row: seriesRow,
    signal: options.signal,
  });
  const dense = denseSeries(
    rows.map((r) => ({ bucketMs: r.bucket_ms, key: r.key, costUsd: r.cost })),
    query,
    query.bucket,
  );
  return { dimension: query.dimension, bucket: query.bucket, from: iso(query.fromMs), to: iso(query.toMs), ...dense };
}

const totalsRow = z.object({
  cost: num,
  previous: num,
  calls: num,
  unpriced: num,
  uncached: num,
  cache_read: num,
  cache_write: num,
  output: num,
  reasoning: num,
});

const modelRow = z.object({
  provider: z.string(),
  model: z.string(),
  cache_read: num,
  unpriced: num,
  unpriced_input: num,
  unpriced_output: num,
});

const topTraceRow = z.object({
  trace_id: z.string(),
  root_name: z.string(),
  service_name: z.string(),
  start_ns: z.string().regex(/^\d+$/),
  cost: num,
  calls: num,
  unpriced: num,
});

const topAgentRow = z.object({ agent: z.string(), cost: num, calls: num });

/** Totals, token classes, cache savings, unpriced usage and the most expensive traces and agents. */
export async function costSummary(
  client: ClickHouseClient,
  database: string,
  query: CostQuery,
  options: QueryOptions = {},
): Promise<ApiCostSummary> {
  const rollups = `${table({ database }, 'cost_hourly')} FINAL`;
  const previous = previousPeriod(query);
  const params = { projectId: query.projectId, fromMs: query.fromMs, toMs: query.toMs, limit: query.limit };
  const where = scope(null);
  const [totals] = await selectRows({
    client,
    tag: 'costs.totals',
    sql: `SELECT sumIf(cost_usd, cur) AS cost, sumIf(cost_usd, NOT cur) AS previous,
        sumIf(llm_calls + embedding_calls + other_calls, cur) AS calls, sumIf(unpriced_calls, cur) AS unpriced,
        sumIf(uncached_input_tokens, cur) AS uncached,
        sumIf(cache_read_tokens, cur) AS cache_read, sumIf(cache_write_tokens, cur) AS cache_write,
        sumIf(output_tokens, cur) AS output, sumIf(reasoning_tokens, cur) AS reasoning
      FROM (SELECT *, ${IN_CURRENT} AS cur FROM ${rollups} WHERE ${where})`,
    params: { ...params, fromMs: previous.fromMs, currentFromMs: query.fromMs },
    row: totalsRow,
    signal: options.signal,
  });
  const models = await selectRows({
    client,
    tag: 'costs.models',
    sql: `SELECT provider, model, sum(cache_read_tokens) AS cache_read, sum(unpriced_calls) AS unpriced,
        sum(unpriced_input_tokens) AS unpriced_input, sum(unpriced_output_tokens) AS unpriced_output
      FROM ${rollups} WHERE ${where}
      GROUP BY provider, model
      HAVING cache_read > 0 OR unpriced > 0`,
    params,
    row: modelRow,
    signal: options.signal,
  });
  const topTraces = await selectTopTraces(client, database, query, options);
  const topAgents = await selectRows({
    client,
    tag: 'costs.top_agents',
    sql: `SELECT agent, sum(cost_usd) AS cost, sum(llm_calls + embedding_calls + other_calls) AS calls
      FROM ${rollups} WHERE ${where} AND agent != ''
      GROUP BY agent ORDER BY cost DESC, agent LIMIT {limit:UInt32}`,
    params,
    row: topAgentRow,
    signal: options.signal,
  });
  const [traceCount] = await selectRows({
    client,
    tag: 'costs.trace_count',
    sql: `SELECT count() AS n FROM ${table({ database }, 'trace_summaries')} FINAL
      WHERE ${TRACE_RANGE} AND (cost_usd > 0 OR unpriced_count > 0)`,
    params,
    row: z.object({ n: num }),
    signal: options.signal,
  });
  const t = totals ?? totalsRow.parse({ cost: 0, previous: 0, calls: 0, unpriced: 0, uncached: 0, cache_read: 0, cache_write: 0, output: 0, reasoning: 0 });
  const savings = cacheSavings(
    models.map((m) => ({ provider: m.provider, model: m.model, cacheReadTokens: m.cache_read })),
    new Date(query.toMs),
  );
  return {
    from: iso(query.fromMs),
    to: iso(query.toMs),
    previousFrom: iso(previous.fromMs),
    costUsd: t.cost,
    previousCostUsd: t.previous,
    change: costChange(t.cost, t.previous),
    calls: t.calls,
    unpricedCalls: t.unpriced,
    traces: traceCount?.n ?? 0,
    tokens: { uncachedInput: t.uncached, cacheRead: t.cache_read, cacheWrite: t.cache_write, output: t.output, reasoning: t.reasoning },
    cacheSavingsUsd: savings.totalUsd,
    cacheSavings: savings.byModel,
    unpriced: models
      .filter((m) => m.unpriced > 0)
      .map((m): ApiUnpricedUsage => ({
        provider: m.provider,
        model: m.model,
        calls: m.unpriced,
        inputTokens: m.unpriced_input,
        outputTokens: m.unpriced_output,
      }))
      .sort((a, b) => b.calls - a.calls),
    topTraces,
    topAgents: topAgents.map((a): ApiTopAgent => ({ agent: a.agent, costUsd: a.cost, calls: a.calls })),
  };
}

/**
 * The most expensive traces that started in the range, from their summaries: one row per trace, so this needs no
 * grouping of per-trace rollups. (A trace's cost counts where it started; the hourly figures count each call in its
 * own hour, so the two differ only for runs that straddle the range's start.)
 */
export async function selectTopTraces(
  client: ClickHouseClient,
  database: string,
  query: CostQuery,
  options: QueryOptions = {},
): Promise<ApiTopTrace[]> {
  const rows = await selectRows({
    client,
    tag: 'costs.top_traces',
    sql: `SELECT trace_id, root_name, service_name, toString(toUnixTimestamp64Nano(start_time)) AS start_ns,
        cost_usd AS cost, llm_call_count AS calls, unpriced_count AS unpriced
      FROM ${table({ database }, 'trace_summaries')} FINAL
      WHERE ${TRACE_RANGE} AND (cost_usd > 0 OR unpriced_count > 0)
      ORDER BY cost_usd DESC, trace_id LIMIT {limit:UInt32}`,
    params: { projectId: query.projectId, fromMs: query.fromMs, toMs: query.toMs, limit: query.limit },
    row: topTraceRow,
    signal: options.signal,
  });
  return rows.map((r) => ({
    traceId: r.trace_id,
    rootName: r.root_name,
    serviceName: r.service_name,
    startTime: nsToIso(r.start_ns),
    costUsd: r.cost,
    calls: r.calls,
    unpricedCalls: r.unpriced,
  }));
}

/** Known cost and unpriced calls of a project in [fromMs, toMs), for the budget. */
export async function projectSpend(
  client: ClickHouseClient,
  database: string,
  projectId: string,
  range: Range,
  options: QueryOptions = {},
): Promise<{ costUsd: number; unpricedCalls: number }> {
  const [row] = await selectRows({
    client,
    tag: 'costs.project_spend',
    sql: `SELECT sum(cost_usd) AS cost, sum(unpriced_calls) AS unpriced
      FROM ${table({ database }, 'cost_hourly')} FINAL WHERE ${scope(null)}`,
    params: { projectId, fromMs: range.fromMs, toMs: range.toMs },
    row: z.object({ cost: num, unpriced: num }),
    signal: options.signal,
  });
  return { costUsd: row?.cost ?? 0, unpricedCalls: row?.unpriced ?? 0 };
}
