/**
 * Rebuilds what is derived from spans — `trace_summaries`, `cost_rollups` and `cost_hourly` — for a set of traces.
 *
 * One read of the traces' deduplicated spans (newest `ingested_at` of each span id, in the form the alert rules read
 * them, which the rebuild returns for them), the rows computed in code (`lib/derived/derive.ts`), and written back. Everything is recomputed from all of a trace's
 * spans, never accumulated (see `lib/clickhouse/migrations/v2-costs.ts`), so a retried export, a late span or a
 * recompute replaces rows instead of adding to them:
 *   - a rollup key a trace had and no longer has (its calls were first attributed to no agent, then to the agent
 *     whose span arrived in a later batch) gets an `is_deleted` tombstone, which ReplacingMergeTree read with FINAL
 *     drops;
 *   - the `cost_hourly` rows of the hours the traces touched are recomputed from the rollups.
 * The rows carry no version of their own: `updated_at` defaults to the server's clock when they are written, so
 * rebuilds by several collectors are ordered by one clock.
 *
 * A previous version computed the rollups in SQL: the agent of a model call needed one self-join of the traces'
 * spans per ancestor level (eight), which cost ~200 ms per rebuild and grew with the table; here it is a walk up a
 * map.
 */
import type { ClickHouseClient } from '@clickhouse/client';
import { z } from 'zod';
import {
  groupByTrace,
  hourOf,
  rollupTrace,
  summarizeTrace,
  vanishedKeys,
  type RollupKey,
  type RollupRow,
  type SpanFact,
  type TraceSummary,
} from '../derived/derive';
import { table } from '../clickhouse/migrations/ddl';
import { insertRows } from '../clickhouse/insert';
import { asStorageFailure, runCommand, selectRows } from '../clickhouse/query';
import type { ApiTraceDetail, ApiTraceSummary } from '../span/api-types';
import { COST_SOURCES, GUARDRAIL_VERDICTS, NODE_TYPES, STATUS_CODES } from '../span/types';
import { rowToApiSpan, usageFromRow } from './span-rows';
import { readSpansOfTraces } from './traces';
import { rowToApiTraceSummary } from './trace-summaries';

const FACT_COLUMNS = `trace_id, span_id, parent_span_id, name, service_name,
  toString(toUnixTimestamp64Nano(start_time)) AS start_ns, duration_ns, status_code, agent_name, node_type, provider,
  request_model, response_model, input_tokens, output_tokens, cache_read_tokens, cache_write_tokens, reasoning_tokens,
  usage_is_aggregate, cost_usd, cost_source, guardrail_verdict`;

const count = z.coerce.number().int().nonnegative();
const factRow = z.object({
  trace_id: z.string(),
  span_id: z.string(),
  parent_span_id: z.string(),
  name: z.string(),
  service_name: z.string(),
  start_ns: z.string().regex(/^\d+$/),
  duration_ns: z.coerce.string().regex(/^\d+$/),
  status_code: z.enum(STATUS_CODES),
  agent_name: z.string(),
  node_type: z.enum(NODE_TYPES),
  provider: z.string(),
  request_model: z.string(),
  response_model: z.string(),
  input_tokens: count,
  output_tokens: count,
  cache_read_tokens: count,
  cache_write_tokens: count,
  reasoning_tokens: count,
  usage_is_aggregate: z.union([z.boolean(), z.number().transform((n) => n !== 0)]),
  cost_usd: z.union([z.null(), z.coerce.number()]),
  cost_source: z.enum(COST_SOURCES),
  guardrail_verdict: z.union([z.enum(GUARDRAIL_VERDICTS), z.literal('')]),
});

/** A stored span's facts, from a narrow read (`FACT_COLUMNS`) or a full span row (`SpanRow` has every field). */
function toFact(r: z.infer<typeof factRow>): SpanFact {
  return {
    traceId: r.trace_id,
    spanId: r.span_id,
    parentSpanId: r.parent_span_id,
    name: r.name,
    serviceName: r.service_name,
    startTimeUnixNano: BigInt(r.start_ns),
    durationNs: BigInt(r.duration_ns),
    statusCode: r.status_code,
    agentName: r.agent_name,
    nodeType: r.node_type,
    provider: r.provider,
    requestModel: r.request_model,
    responseModel: r.response_model,
    ...usageFromRow(r),
    usageIsAggregate: r.usage_is_aggregate,
    costUsd: r.cost_usd,
    costSource: r.cost_source,
    guardrailVerdict: r.guardrail_verdict,
  };
}

/** The deduplicated spans of one project that `where` (bound parameters only) selects, grouped by trace. */
async function readFacts(
  client: ClickHouseClient,
  database: string,
  where: string,
  params: Record<string, unknown>,
): Promise<Map<string, SpanFact[]>> {
  const rows = await selectRows({
    client,
    tag: 'derived.backfill_read',
    sql: `SELECT ${FACT_COLUMNS} FROM ${table({ database }, 'spans')}
      WHERE project_id = {projectId:String} AND ${where}
      ORDER BY ingested_at DESC
      LIMIT 1 BY trace_id, span_id`,
    params,
    row: factRow,
  });
  return groupByTrace(rows.map(toFact));
}

/**
 * Rebuilds the summaries, cost rollups and hourly costs of the given traces of one project. Returns each trace as
 * it was read and summarised — its spans carrying only `spanAttributes` of their attributes, and no resource
 * attributes, events or links — so that work judging the same traces next (the alert rules) need not read them again.
 */
export async function refreshDerived(
  client: ClickHouseClient,
  database: string,
  projectId: string,
  traceIds: readonly string[],
  options: { spanAttributes?: readonly string[] } & DerivedWriteOptions = {},
): Promise<Map<string, ApiTraceDetail>> {
  const details = new Map<string, ApiTraceDetail>();
  if (traceIds.length === 0) return details;
  const rows = await readSpansOfTraces(client, database, projectId, traceIds, {
    tag: 'derived.read',
    attributeKeys: options.spanAttributes ?? [],
  });
  if (rows.length === 0) return details;
  const summaries = await writeDerived(client, database, projectId, groupByTrace(rows.map(toFact)), options);
  for (const summary of summaries) details.set(summary.trace_id, { trace: toApiSummary(summary), spans: [], incomingLinks: [] });
  for (const row of rows) details.get(row.trace_id)?.spans.push(rowToApiSpan(row));
  return details;
}

export interface DerivedWriteOptions {
  /**
   * Given, the hours whose `cost_hourly` rows the written rollups change are handed to it instead of being
   * recomputed at once: the collector gathers them and recomputes each hour every few seconds (a recompute reads all
   * the hour's rollups, so doing it per rebuild cost more the busier the hour).
   */
  deferHourly?: (projectId: string, hours: readonly number[]) => void;
}

/** What a rebuild writes for some traces, computed from their spans (`deriveRows`). */
export interface DerivedRows {
  summaries: TraceSummary[];
  rollups: RollupRow[];
  /** The first and last hour the traces' spans start in: a model call's rollup hour lies between them. */
  hours: { first: number; last: number };
}

/** Rows of no trace yet, for {@link addTraceRows}. */
export function emptyDerivedRows(): DerivedRows {
  return { summaries: [], rollups: [], hours: { first: Infinity, last: -Infinity } };
}

/** Adds the summary and rollup rows of one trace, from its complete, deduplicated spans. */
export function addTraceRows(rows: DerivedRows, spans: readonly SpanFact[]): void {
  rows.summaries.push(summarizeTrace(spans));
  // A loop, not push(...rows): a trace with very many rollup keys would overflow the argument stack.
  for (const row of rollupTrace(spans)) rows.rollups.push(row);
  const hours = rows.hours;
  for (const span of spans) {
    const hour = hourOf(span.startTimeUnixNano);
    if (hour < hours.first) hours.first = hour;
    if (hour > hours.last) hours.last = hour;
  }
}

/** The summary and rollup rows of traces whose complete, deduplicated spans the caller holds. */
export function deriveRows(traces: ReadonlyMap<string, readonly SpanFact[]>): DerivedRows {
  const rows = emptyDerivedRows();
  for (const spans of traces.values()) addTraceRows(rows, spans);
  return rows;
}

/**
 * Writes the summaries, cost rollups (with tombstones for keys that vanished) and hourly costs of traces whose
 * complete, deduplicated spans the caller holds; returns the summaries written.
 */
export async function writeDerived(
  client: ClickHouseClient,
  database: string,
  projectId: string,
  traces: ReadonlyMap<string, readonly SpanFact[]>,
  options: DerivedWriteOptions = {},
): Promise<TraceSummary[]> {
  if (traces.size === 0) return [];
  return writeDerivedRows(client, database, projectId, deriveRows(traces), options);
}

/**
 * Writes rows `deriveRows` computed (see `writeDerived`); returns the summaries written. `previousKeys`, when the
 * caller knows them, are the rollup keys the traces were last written with (for tombstones); otherwise they are read.
 */
export async function writeDerivedRows(
  client: ClickHouseClient,
  database: string,
  projectId: string,
  derived: DerivedRows,
  options: DerivedWriteOptions = {},
  previousKeys?: readonly RollupKey[],
): Promise<TraceSummary[]> {
  const { summaries, rollups, hours } = derived;
  if (summaries.length === 0) return [];
  const traceIds = summaries.map((summary) => summary.trace_id);
  const previous = previousKeys ?? (await previousRollupKeys(client, database, projectId, traceIds, hours));
  const tombstones = vanishedKeys(previous, rollups);
  await insertInto(client, database, 'trace_summaries', summaries.map((summary) => ({ project_id: projectId, ...summary })));
  const rows = [...rollups, ...tombstones];
  if (rows.length > 0) {
    await insertInto(client, database, 'cost_rollups', rows.map((row) => ({ project_id: projectId, ...row })));
    const touched = [...new Set(rows.map((row) => row.hour))];
    if (options.deferHourly) options.deferHourly(projectId, touched);
    else await refreshCostHourly(client, database, projectId, touched);
  }
  return summaries;
}

export function toApiSummary(summary: TraceSummary): ApiTraceSummary {
  return rowToApiTraceSummary({
    ...summary,
    start_ns: summary.start_time,
    duration_ns: (BigInt(summary.end_time) - BigInt(summary.start_time)).toString(),
  });
}

const rollupKeyRow = z.object({
  hour: count,
  service_name: z.string(),
  agent: z.string(),
  provider: z.string(),
  model: z.string(),
  trace_id: z.string(),
});

/**
 * The rollup keys the traces were written with before. Looked up only in the hours their spans cover (a span's
 * hour never changes), so the read is a primary-key range of `cost_rollups`, not the project's whole table.
 */
async function previousRollupKeys(
  client: ClickHouseClient,
  database: string,
  projectId: string,
  traceIds: readonly string[],
  hours: { first: number; last: number },
): Promise<RollupKey[]> {
  return selectRows({
    client,
    tag: 'derived.previous_rollups',
    sql: `SELECT DISTINCT toUnixTimestamp(hour) AS hour, service_name, agent, provider, model, trace_id
      FROM ${table({ database }, 'cost_rollups')}
      WHERE project_id = {projectId:String}
        AND hour >= toDateTime({first:UInt32}, 'UTC') AND hour <= toDateTime({last:UInt32}, 'UTC')
        AND trace_id IN {traceIds:Array(String)}`,
    params: { projectId, traceIds, first: hours.first, last: hours.last },
    row: rollupKeyRow,
  });
}

async function insertInto(client: ClickHouseClient, database: string, name: string, rows: readonly object[]) {
  const tag = `derived.write_${name}`;
  try {
    await insertRows(client, `${database}.${name}`, rows);
  } catch (error) {
    throw asStorageFailure(error, tag);
  }
}

/** Recomputes the project's `cost_hourly` rows of these hours (epoch seconds) from their rollups. */
export async function refreshCostHourly(
  client: ClickHouseClient,
  database: string,
  projectId: string,
  hours: readonly number[],
): Promise<void> {
  if (hours.length === 0) return;
  await runCommand(
    client,
    'derived.hourly',
    hourlyRefresh(database, 'project_id = {projectId:String} AND toUnixTimestamp(hour) IN {hours:Array(UInt32)}', true),
    { projectId, hours },
  );
}

const ROLLUP_SUMS = `sum(cost_usd), sum(priced_calls), sum(unpriced_calls), sum(llm_calls), sum(embedding_calls),
  sum(other_calls), sum(uncached_input_tokens), sum(cache_read_tokens), sum(cache_write_tokens), sum(output_tokens),
  sum(reasoning_tokens), sum(unpriced_input_tokens), sum(unpriced_output_tokens)`;
const HOURLY_COLUMNS = `project_id, hour, service_name, agent, provider, model, cost_usd, priced_calls,
  unpriced_calls, llm_calls, embedding_calls, other_calls, uncached_input_tokens, cache_read_tokens,
  cache_write_tokens, output_tokens, reasoning_tokens, unpriced_input_tokens, unpriced_output_tokens, is_deleted,
  updated_at`;
const ZERO_COUNTS = [
  'priced_calls', 'unpriced_calls', 'llm_calls', 'embedding_calls', 'other_calls', 'uncached_input_tokens',
  'cache_read_tokens', 'cache_write_tokens', 'output_tokens', 'reasoning_tokens', 'unpriced_input_tokens',
  'unpriced_output_tokens',
]
  .map((name) => `toUInt64(0) AS ${name}`)
  .join(', ');

/**
 * `cost_hourly` rows of the hours `hourFilter` selects (over `cost_rollups`), recomputed from the rollups; with
 * `tombstones`, keys of those hours that no longer occur are deleted (written one microsecond older than the new
 * rows, so a key that survives is simply replaced).
 */
function hourlyRefresh(database: string, hourFilter: string, tombstones: boolean): string {
  const rollups = table({ database }, 'cost_rollups');
  const hourly = table({ database }, 'cost_hourly');
  const current = `SELECT project_id, hour, service_name, agent, provider, model, ${ROLLUP_SUMS}, 0, refreshed_at + toIntervalMicrosecond(1)
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

/**
 * Builds the cost rollups (and, when asked, the summaries) of every span already stored — spans written before the
 * rollups existed — one slice of the trace-id range at a time, so that memory holds one slice's spans: a primary-key
 * range each, cut at the first one to three hex digits of the id (ids are lowercase hex; the first and last slice take
 * whatever sorts outside). Then `cost_hourly` from all rollups. A slice may be re-run: its rows replace its own.
 */
export async function backfillDerived(
  client: ClickHouseClient,
  database: string,
  options: { summaries: boolean },
): Promise<void> {
  const projects = await selectRows({
    client,
    tag: 'derived.backfill_projects',
    sql: `SELECT project_id, count() AS spans FROM ${table({ database }, 'spans')} GROUP BY project_id`,
    row: z.object({ project_id: z.string(), spans: count }),
  });
  for (const { project_id: projectId, spans } of projects) {
    const bounds = traceIdBounds(spans <= BACKFILL_SLICE_SPANS * 16 ? 1 : spans <= BACKFILL_SLICE_SPANS * 256 ? 2 : 3);
    for (let i = 0; i + 1 < bounds.length; i++) {
      // Stamped with the time of the read, so a rebuild from newer spans that runs meanwhile keeps its rows.
      const readAt = await serverMicros(client);
      const traces = await readFacts(client, database, 'trace_id >= {from:String} AND trace_id < {to:String}', {
        projectId,
        from: bounds[i],
        to: bounds[i + 1],
      });
      const rows = [...traces.values()].flatMap(rollupTrace).map((row) => ({ project_id: projectId, ...row, updated_at: readAt }));
      if (rows.length > 0) await insertInto(client, database, 'cost_rollups', rows);
      if (options.summaries && traces.size > 0) {
        const summaries = [...traces.values()].map((spans) => ({ project_id: projectId, ...summarizeTrace(spans) }));
        await insertInto(client, database, 'trace_summaries', summaries);
      }
    }
  }
  await runCommand(client, 'derived.backfill_hourly', hourlyRefresh(database, '1', false));
}

/** The server's clock in microseconds, as a `DateTime64(6)` value for a JSON insert. */
async function serverMicros(client: ClickHouseClient): Promise<string> {
  const [row] = await selectRows({
    client,
    tag: 'derived.clock',
    sql: `SELECT toString(toUnixTimestamp64Micro(now64(6))) AS micros`,
    row: z.object({ micros: z.string().regex(/^\d+$/) }),
  });
  if (!row) throw new Error('ClickHouse returned no time');
  return `${row.micros.slice(0, -6)}.${row.micros.slice(-6)}`;
}

/** Spans a backfill slice aims to hold at most (read as JSON, about 500 bytes each). */
const BACKFILL_SLICE_SPANS = 100_000;

/** Boundaries that cut the trace-id range at every hex prefix of `digits` digits: 16, 256 or 4,096 slices. */
export function traceIdBounds(digits: 1 | 2 | 3): string[] {
  const slices = 16 ** digits;
  const inner = Array.from({ length: slices - 1 }, (_, i) => (i + 1).toString(16).padStart(digits, '0'));
  return ['', ...inner, '\u{10FFFF}'];
}
