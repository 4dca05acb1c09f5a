/**
 * `cost_rollups`: hourly model-call usage and cost per (service, agent, provider, model, trace), rebuilt per trace
 * from the trace's deduplicated spans — never accumulated — so a retried export or a recompute replaces rows
 * instead of adding to them (see `lib/clickhouse/migrations/v2-costs.ts`).
 *
 * Approach, in one `INSERT … SELECT`:
 *   1. the traces' model calls (usage of their own, a cost, or an LLM/embedding span), deduplicated with FINAL (the
 *      newest `ingested_at` of each span id wins). Usage that only repeats descendants' (`usage_is_aggregate`) is
 *      excluded, as in the trace summaries;
 *   2. each call's agent: its own `agent_name`, else its nearest ancestor's. Model calls rarely carry the agent
 *      themselves (the `invoke_agent` span above them does), so this walk is what makes "spend by agent" possible.
 *      It is AGENT_DEPTH hash joins of (trace, parent id) → span, each linear in the traces' spans; an array walk
 *      per trace was tried and rejected: ClickHouse copies a captured array for every element of a lambda, which
 *      made a runaway trace of 10,000 spans take a minute;
 *   3. grouped by hour and dimensions.
 * After the traces, the `cost_hourly` rows of the hours they touched are recomputed from the rollups the same way.
 * For traces that were already rolled up, keys that no longer occur get an `is_deleted` tombstone one microsecond
 * older than the new rows, so a key that survives is simply replaced and one that vanished is dropped by FINAL.
 */
import { randomUUID } from 'node:crypto';
import type { ClickHouseClient } from '@clickhouse/client';
import { z } from 'zod';
import { table } from '../clickhouse/migrations/ddl';
import { runCommand, selectRows } from '../clickhouse/query';
import type { ApiRecomputeResult } from '../costs/types';
import { priceSpan } from '../pricing';
import { COST_SOURCES, NODE_TYPES } from '../span/types';
import { listPriceOverrides } from './price-overrides';
import { refreshTraceSummaries } from './trace-summaries';

const ROLLUP_COLUMNS = `project_id, hour, service_name, agent, provider, model, trace_id, cost_usd, priced_calls,
  unpriced_calls, llm_calls, embedding_calls, other_calls, uncached_input_tokens, cache_read_tokens,
  cache_write_tokens, output_tokens, reasoning_tokens, unpriced_input_tokens, unpriced_output_tokens, is_deleted,
  updated_at`;

/**
 * How far above a model call its agent is looked for. Model calls sit directly under their agent's span or a few
 * levels below it (agent → chain → llm); a call deeper than this below its nearest agent counts as "no agent".
 */
const AGENT_DEPTH = 8;

/** A span is a model call when it has usage of its own, a cost, or is an LLM/embedding span. */
const IS_MODEL_CALL = `NOT usage_is_aggregate AND (cost_source != 'none' OR node_type IN ('llm', 'embedding'))`;

/**
 * The rollup rows of the spans that `spanFilter` selects (a WHERE clause over `spans`, bound parameters only),
 * stamped with `version`.
 */
function rollupSelect(spans: string, spanFilter: string, version: string): string {
  const ancestors = `SELECT project_id, trace_id, span_id, parent_span_id, agent_name FROM ${spans} FINAL WHERE ${spanFilter}`;
  const joins: string[] = [];
  const agents = ['c.agent_name'];
  for (let level = 1; level <= AGENT_DEPTH; level++) {
    const child = level === 1 ? 'c' : `a${level - 1}`;
    joins.push(`ANY LEFT JOIN (${ancestors}) AS a${level}
        ON a${level}.project_id = ${child}.project_id AND a${level}.trace_id = ${child}.trace_id
        AND a${level}.span_id = ${child}.parent_span_id`);
    agents.push(`a${level}.agent_name`);
  }
  const agent = `multiIf(${agents.slice(0, -1).map((a) => `${a} != '', ${a}`).join(', ')}, ${agents[agents.length - 1]})`;
  return `SELECT c.project_id AS project_id, toStartOfHour(c.start_time, 'UTC') AS hour, c.service_name AS service_name,
    ${agent} AS agent, c.provider AS provider,
    if(c.response_model != '', c.response_model, c.request_model) AS model, c.trace_id AS trace_id,
    sum(ifNull(c.cost_usd, 0)),
    countIf(c.cost_source IN ('reported', 'override', 'catalog')),
    countIf(c.cost_source = 'unpriced'),
    countIf(c.node_type = 'llm'),
    countIf(c.node_type = 'embedding'),
    countIf(c.node_type NOT IN ('llm', 'embedding')),
    sum(greatest(toInt64(c.input_tokens) - toInt64(c.cache_read_tokens) - toInt64(c.cache_write_tokens), 0)),
    sum(c.cache_read_tokens),
    sum(c.cache_write_tokens),
    sum(c.output_tokens),
    sum(c.reasoning_tokens),
    sumIf(c.input_tokens, c.cost_source = 'unpriced'),
    sumIf(c.output_tokens, c.cost_source = 'unpriced'),
    0,
    ${version}
  FROM (
    SELECT project_id, trace_id, span_id, parent_span_id, agent_name, start_time, service_name, provider,
      response_model, request_model, node_type, cost_usd, cost_source, input_tokens, cache_read_tokens,
      cache_write_tokens, output_tokens, reasoning_tokens
    FROM ${spans} FINAL
    WHERE ${spanFilter} AND ${IS_MODEL_CALL}
  ) AS c
  ${joins.join('\n  ')}
  GROUP BY project_id, hour, service_name, agent, provider, model, trace_id`;
}

const ZERO_COUNTS = [
  'priced_calls', 'unpriced_calls', 'llm_calls', 'embedding_calls', 'other_calls', 'uncached_input_tokens',
  'cache_read_tokens', 'cache_write_tokens', 'output_tokens', 'reasoning_tokens', 'unpriced_input_tokens',
  'unpriced_output_tokens',
]
  .map((name) => `toUInt64(0) AS ${name}`)
  .join(', ');

const SUMS = `sum(cost_usd), sum(priced_calls), sum(unpriced_calls), sum(llm_calls), sum(embedding_calls),
  sum(other_calls), sum(uncached_input_tokens), sum(cache_read_tokens), sum(cache_write_tokens), sum(output_tokens),
  sum(reasoning_tokens), sum(unpriced_input_tokens), sum(unpriced_output_tokens)`;
const HOURLY_COLUMNS = ROLLUP_COLUMNS.replace(' trace_id,', '');

/**
 * `cost_hourly` rows of the hours `hourFilter` selects (over `cost_rollups`), recomputed from the rollups; with
 * `tombstones`, keys of those hours that no longer occur are deleted.
 */
function hourlyRefresh(database: string, hourFilter: string, tombstones: boolean): string {
  const rollups = table({ database }, 'cost_rollups');
  const hourly = table({ database }, 'cost_hourly');
  const current = `SELECT project_id, hour, service_name, agent, provider, model, ${SUMS}, 0, refreshed_at + toIntervalMicrosecond(1)
    FROM ${rollups} FINAL WHERE ${hourFilter}
    GROUP BY project_id, hour, service_name, agent, provider, model`;
  if (!tombstones) return `INSERT INTO ${hourly} (${HOURLY_COLUMNS}) WITH now64(6) AS refreshed_at ${current}`;
  return `INSERT INTO ${hourly} (${HOURLY_COLUMNS})
    WITH now64(6) AS refreshed_at
    SELECT project_id, hour, service_name, agent, provider, model, toFloat64(0) AS cost_usd, ${ZERO_COUNTS},
      toUInt8(1) AS is_deleted, refreshed_at
    FROM (SELECT DISTINCT project_id, hour, service_name, agent, provider, model FROM ${hourly} WHERE ${hourFilter})
    UNION ALL
    ${current}`;
}

const TRACES_FILTER = 'project_id = {projectId:String} AND trace_id IN {traceIds:Array(String)}';

/**
 * Rebuilds the rollups of the given traces of one project: their current rows, plus tombstones for keys they no
 * longer have. The old keys are looked up only in the hours the traces' spans cover (a span's hour never changes),
 * so the lookup reads a primary-key range instead of the project's whole table.
 */
export async function refreshCostRollups(
  client: ClickHouseClient,
  database: string,
  projectId: string,
  traceIds: readonly string[],
): Promise<void> {
  if (traceIds.length === 0) return;
  const spans = table({ database }, 'spans');
  const rollups = table({ database }, 'cost_rollups');
  await runCommand(
    client,
    'cost_rollups.refresh',
    `INSERT INTO ${rollups} (${ROLLUP_COLUMNS})
    WITH now64(6) AS refreshed_at
    SELECT project_id, hour, service_name, agent, provider, model, trace_id, toFloat64(0) AS cost_usd,
      ${ZERO_COUNTS}, toUInt8(1) AS is_deleted, refreshed_at
    FROM (
      SELECT DISTINCT project_id, hour, service_name, agent, provider, model, trace_id
      FROM ${rollups}
      WHERE ${TRACES_FILTER}
        AND hour >= (SELECT toStartOfHour(min(start_time), 'UTC') FROM ${spans} WHERE ${TRACES_FILTER})
        AND hour <= (SELECT toStartOfHour(max(start_time), 'UTC') FROM ${spans} WHERE ${TRACES_FILTER})
    )
    UNION ALL
    ${rollupSelect(spans, TRACES_FILTER, 'refreshed_at + toIntervalMicrosecond(1)')}`,
    { projectId, traceIds },
  );
  await runCommand(
    client,
    'cost_hourly.refresh',
    hourlyRefresh(
      database,
      `project_id = {projectId:String}
        AND hour IN (SELECT DISTINCT toStartOfHour(start_time, 'UTC') FROM ${spans} WHERE ${TRACES_FILTER})`,
      true,
    ),
    { projectId, traceIds },
  );
}

/**
 * Statements that build the rollups of every span already stored, one per slice of trace ids (a trace is never
 * split between slices, and each slice's GROUP BY holds only 1/`slices` of the spans in memory). Each statement
 * may be re-run: its rows replace the ones it wrote before. The last statement builds `cost_hourly` from them.
 */
export function backfillCostRollupsStatements(database: string, slices: number): string[] {
  const spans = table({ database }, 'spans');
  const rollups = table({ database }, 'cost_rollups');
  const statements: string[] = [];
  for (let slice = 0; slice < slices; slice++) {
    // Slice numbers are our own integers, not input.
    const filter = slices === 1 ? '1' : `cityHash64(trace_id) % ${slices} = ${slice}`;
    statements.push(`INSERT INTO ${rollups} (${ROLLUP_COLUMNS}) ${rollupSelect(spans, filter, 'now64(6)')}`);
  }
  statements.push(hourlyRefresh(database, '1', false));
  return statements;
}

/**
 * Builds the rollups of the spans stored before the rollups existed: when `cost_hourly` is empty but `spans` has model
 * calls. The collector runs it at start, beside ingest: each statement's rows carry the time it started, so a
 * rebuild of a trace that ran meanwhile (from newer spans) keeps its newer rows. Returns whether it ran.
 */
export async function backfillCostRollupsIfEmpty(client: ClickHouseClient, database: string): Promise<boolean> {
  const [state] = await selectRows({
    client,
    tag: 'cost_rollups.backfill_check',
    sql: `SELECT (SELECT count() FROM (SELECT 1 FROM ${table({ database }, 'cost_hourly')} LIMIT 1)) AS hourly,
      (SELECT count() FROM (SELECT 1 FROM ${table({ database }, 'spans')} WHERE cost_source != 'none' LIMIT 1)) AS calls`,
    row: z.object({ hourly: z.coerce.number(), calls: z.coerce.number() }),
  });
  if (!state || state.hourly > 0 || state.calls === 0) return false;
  for (const sql of backfillCostRollupsStatements(database, 8)) await runCommand(client, 'cost_rollups.backfill', sql);
  return true;
}

/** Spans re-priced per chunk: bounded memory whatever the range. */
const RECOMPUTE_CHUNK = 20_000;
/**
 * Traces per summary/rollup refresh after a recompute. The ids travel as a bound parameter in the request URL, and
 * 250 of them (about 9 KB) stay under the 16 KiB request-line limit of common HTTP servers, the embedded one included.
 */
const REFRESH_CHUNK = 250;

const pricedRow = z.object({
  trace_id: z.string(),
  span_id: z.string(),
  node_type: z.enum(NODE_TYPES),
  provider: z.string(),
  request_model: z.string(),
  response_model: z.string(),
  input_tokens: z.coerce.number(),
  output_tokens: z.coerce.number(),
  cache_read_tokens: z.coerce.number(),
  cache_write_tokens: z.coerce.number(),
  reasoning_tokens: z.coerce.number(),
  usage_is_aggregate: z.union([z.boolean(), z.number().transform((n) => n !== 0)]),
  reported_cost_usd: z.union([z.null(), z.coerce.number()]),
  cost_usd: z.union([z.null(), z.coerce.number()]),
  cost_source: z.enum(COST_SOURCES),
  start_ns: z.string().regex(/^\d+$/),
});

/**
 * Re-prices a project's spans that started in [fromMs, toMs) with its current overrides and the catalog (a cost
 * the instrumentation reported stays), in chunks: prices are computed here with the same `priceSpan` the collector
 * uses, the changed ones written to a scratch table, and the changed span rows re-inserted from the stored rows
 * with the new cost and a newer `ingested_at` — the same path a retried export takes, so every deduplicating read
 * sees the new price. Then the summaries and rollups of the affected traces are rebuilt.
 */
export async function recomputeCosts(
  client: ClickHouseClient,
  database: string,
  projectId: string,
  range: { fromMs: number; toMs: number },
): Promise<Omit<ApiRecomputeResult, 'from' | 'to'>> {
  const overrides = await listPriceOverrides(client, database, projectId);
  const spans = table({ database }, 'spans');
  const scratch = table({ database }, 'cost_recompute_prices');
  const job = randomUUID();
  let chunkIndex = 0;
  const changedTraces = new Set<string>();
  let after: [string, string] = ['', ''];
  let spansExamined = 0;
  let spansChanged = 0;
  let costBeforeUsd = 0;
  let costAfterUsd = 0;
  for (;;) {
    const rows = await selectRows({
      client,
      tag: 'costs.recompute.read',
      sql: `SELECT trace_id, span_id, node_type, provider, request_model, response_model, input_tokens,
          output_tokens, cache_read_tokens, cache_write_tokens, reasoning_tokens, usage_is_aggregate,
          reported_cost_usd, cost_usd, cost_source, toString(toUnixTimestamp64Nano(start_time)) AS start_ns
        FROM ${spans} FINAL
        WHERE project_id = {projectId:String}
          AND start_time >= fromUnixTimestamp64Milli({fromMs:Int64}) AND start_time < fromUnixTimestamp64Milli({toMs:Int64})
          AND (trace_id, span_id) > ({afterTrace:String}, {afterSpan:String})
        ORDER BY trace_id, span_id
        LIMIT {limit:UInt32}`,
      params: { projectId, ...range, afterTrace: after[0], afterSpan: after[1], limit: RECOMPUTE_CHUNK },
      row: pricedRow,
    });
    if (rows.length === 0) break;
    const last = rows[rows.length - 1];
    if (last) after = [last.trace_id, last.span_id];
    // One scratch id per chunk, so each write joins only its own chunk's prices (the table expires rows after a day).
    const jobId = `${job}/${chunkIndex++}`;
    const changed = [];
    for (const r of rows) {
      spansExamined++;
      const price = priceSpan(
        {
          projectId,
          nodeType: r.node_type,
          provider: r.provider,
          requestModel: r.request_model,
          responseModel: r.response_model,
          inputTokens: r.input_tokens,
          outputTokens: r.output_tokens,
          cacheReadTokens: r.cache_read_tokens,
          cacheWriteTokens: r.cache_write_tokens,
          reasoningTokens: r.reasoning_tokens,
          usageIsAggregate: r.usage_is_aggregate,
          reportedCostUsd: r.reported_cost_usd,
          startTimeUnixNano: BigInt(r.start_ns),
        },
        overrides,
      );
      if (!r.usage_is_aggregate) {
        costBeforeUsd += r.cost_usd ?? 0;
        costAfterUsd += price.costUsd ?? 0;
      }
      if (price.costUsd === r.cost_usd && price.costSource === r.cost_source) continue;
      changed.push({ job_id: jobId, project_id: projectId, trace_id: r.trace_id, span_id: r.span_id, cost_usd: price.costUsd, cost_source: price.costSource });
      changedTraces.add(r.trace_id);
    }
    if (changed.length > 0) {
      spansChanged += changed.length;
      await client.insert({ table: `${database}.cost_recompute_prices`, values: changed, format: 'JSONEachRow' });
      await runCommand(
        client,
        'costs.recompute.write',
        `INSERT INTO ${spans}
        SELECT s.* REPLACE (p.cost_usd AS cost_usd, p.cost_source AS cost_source, now64(3) AS ingested_at)
        FROM (
          SELECT * FROM ${spans} FINAL
          WHERE project_id = {projectId:String}
            AND trace_id IN (SELECT trace_id FROM ${scratch} WHERE job_id = {jobId:String})
        ) AS s
        INNER JOIN (SELECT trace_id, span_id, cost_usd, cost_source FROM ${scratch} WHERE job_id = {jobId:String}) AS p
          ON s.trace_id = p.trace_id AND s.span_id = p.span_id`,
        { projectId, jobId },
      );
    }
    if (rows.length < RECOMPUTE_CHUNK) break;
  }
  const traces = [...changedTraces];
  for (let i = 0; i < traces.length; i += REFRESH_CHUNK) {
    const chunk = traces.slice(i, i + REFRESH_CHUNK);
    await refreshTraceSummaries(client, database, projectId, chunk);
    await refreshCostRollups(client, database, projectId, chunk);
  }
  return { spansExamined, spansChanged, tracesRefreshed: traces.length, costBeforeUsd, costAfterUsd };
}
