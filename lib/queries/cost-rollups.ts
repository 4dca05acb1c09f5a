/**
 * Cost recompute (re-pricing stored spans after a price override changed) and the one-time build of the cost rollups
 * of spans stored before they existed. The rollups themselves are rebuilt by `refreshDerived` (`./derived.ts`).
 */
import { randomUUID } from 'node:crypto';
import type { ClickHouseClient } from '@clickhouse/client';
import { z } from 'zod';
import { table } from '../clickhouse/migrations/ddl';
import { runCommand, selectRows } from '../clickhouse/query';
import type { ApiRecomputeResult } from '../costs/types';
import { priceSpan } from '../pricing';
import { COST_SOURCES, NODE_TYPES } from '../span/types';
import { backfillDerived, refreshDerived } from './derived';
import { listPriceOverrides } from './price-overrides';
import { usageFromRow } from './span-rows';

/**
 * Builds the rollups of the spans stored before the rollups existed: when `cost_hourly` is empty but `spans` has model
 * calls. The collector runs it at start, beside ingest: a slice's rows carry the time they were written, so a rebuild
 * of a trace that ran meanwhile (from newer spans) is replaced only by rows at least as new. Returns whether it ran.
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
  await backfillDerived(client, database, { summaries: false });
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
          ...usageFromRow(r),
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
    await refreshDerived(client, database, projectId, chunk);
  }
  return { spansExamined, spansChanged, tracesRefreshed: traces.length, costBeforeUsd, costAfterUsd };
}
