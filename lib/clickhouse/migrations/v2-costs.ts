/**
 * Version 2 of the schema: money.
 *
 * - `cost_rollups`: model-call usage and cost pre-aggregated by hour, so a 30-day cost review never scans spans.
 *   Keyed by (project, hour, service, agent, provider, model, trace) and rebuilt per trace from the trace's
 *   deduplicated spans after every batch (`lib/queries/cost-rollups.ts`), the same recompute-not-accumulate rule
 *   as `trace_summaries`: a retried export or a recompute replaces rows instead of adding to them. A materialized
 *   view would sum every inserted block, duplicates included, so it is not used for money.
 *   A key can disappear between two rebuilds (an LLM call is first attributed to no agent, then to the agent
 *   whose span arrived in a later batch); the rebuild writes an `is_deleted` tombstone for such keys, and
 *   ReplacingMergeTree(updated_at, is_deleted) read with FINAL drops them, so the call is not counted twice.
 * - `cost_hourly`: the same sums without the trace, rebuilt per touched hour from `cost_rollups`; what pages read.
 * - `price_overrides`: per-project prices that replace the catalog's; a delete is a newer row with `deleted = 1`.
 * - `budgets`: one monthly budget per project.
 * - `cost_recompute_prices`: scratch rows of a cost recompute (new prices joined back onto spans); kept a day.
 */
import type { DdlTarget } from './ddl';
import { engine, onCluster, table } from './ddl';

export function costRollupsTable(t: DdlTarget): string {
  return `CREATE TABLE IF NOT EXISTS ${table(t, 'cost_rollups')}${onCluster(t)} (
  project_id LowCardinality(String),
  hour DateTime('UTC'),
  service_name LowCardinality(String),
  agent LowCardinality(String),
  provider LowCardinality(String),
  model LowCardinality(String),
  trace_id String,
  cost_usd Float64,
  priced_calls UInt32,
  unpriced_calls UInt32,
  llm_calls UInt32,
  embedding_calls UInt32,
  other_calls UInt32,
  uncached_input_tokens UInt64,
  cache_read_tokens UInt64,
  cache_write_tokens UInt64,
  output_tokens UInt64,
  reasoning_tokens UInt64,
  unpriced_input_tokens UInt64,
  unpriced_output_tokens UInt64,
  is_deleted UInt8,
  updated_at DateTime64(6) DEFAULT now64(6),
  INDEX idx_trace trace_id TYPE bloom_filter(0.01) GRANULARITY 4
) ENGINE = ${engine(t, 'ReplacingMergeTree', 'cost_rollups', ['updated_at', 'is_deleted'])}
PARTITION BY toYYYYMM(hour)
ORDER BY (project_id, hour, service_name, agent, provider, model, trace_id)`;
}

/**
 * `cost_hourly`: the rollups summed over traces, which is what the cost page reads (a 30-day view reads this
 * table's few rows per hour instead of one row per trace). Rebuilt, like the rollups, for the hours a refresh
 * touched, from `cost_rollups` FINAL, with tombstones for keys that vanished.
 */
export function costHourlyTable(t: DdlTarget): string {
  return `CREATE TABLE IF NOT EXISTS ${table(t, 'cost_hourly')}${onCluster(t)} (
  project_id LowCardinality(String),
  hour DateTime('UTC'),
  service_name LowCardinality(String),
  agent LowCardinality(String),
  provider LowCardinality(String),
  model LowCardinality(String),
  cost_usd Float64,
  priced_calls UInt64,
  unpriced_calls UInt64,
  llm_calls UInt64,
  embedding_calls UInt64,
  other_calls UInt64,
  uncached_input_tokens UInt64,
  cache_read_tokens UInt64,
  cache_write_tokens UInt64,
  output_tokens UInt64,
  reasoning_tokens UInt64,
  unpriced_input_tokens UInt64,
  unpriced_output_tokens UInt64,
  is_deleted UInt8,
  updated_at DateTime64(6) DEFAULT now64(6)
) ENGINE = ${engine(t, 'ReplacingMergeTree', 'cost_hourly', ['updated_at', 'is_deleted'])}
PARTITION BY toYYYYMM(hour)
ORDER BY (project_id, hour, service_name, agent, provider, model)`;
}

export function priceOverridesTable(t: DdlTarget): string {
  return `CREATE TABLE IF NOT EXISTS ${table(t, 'price_overrides')}${onCluster(t)} (
  project_id LowCardinality(String),
  id String,
  provider String,
  model String,
  input_per_mtok Float64,
  output_per_mtok Float64,
  cache_read_per_mtok Nullable(Float64),
  cache_write_per_mtok Nullable(Float64),
  reasoning_per_mtok Nullable(Float64),
  effective_from Nullable(DateTime64(3, 'UTC')),
  created_at DateTime64(3, 'UTC'),
  deleted UInt8,
  updated_at DateTime64(6) DEFAULT now64(6)
) ENGINE = ${engine(t, 'ReplacingMergeTree', 'price_overrides', ['updated_at'])}
ORDER BY (project_id, id)`;
}

export function budgetsTable(t: DdlTarget): string {
  return `CREATE TABLE IF NOT EXISTS ${table(t, 'budgets')}${onCluster(t)} (
  project_id LowCardinality(String),
  monthly_usd Nullable(Float64),
  updated_at DateTime64(6) DEFAULT now64(6)
) ENGINE = ${engine(t, 'ReplacingMergeTree', 'budgets', ['updated_at'])}
ORDER BY project_id`;
}

export function recomputePricesTable(t: DdlTarget): string {
  return `CREATE TABLE IF NOT EXISTS ${table(t, 'cost_recompute_prices')}${onCluster(t)} (
  job_id String,
  project_id LowCardinality(String),
  trace_id String,
  span_id String,
  cost_usd Nullable(Float64),
  cost_source LowCardinality(String),
  created_at DateTime DEFAULT now()
) ENGINE = ${engine(t, 'ReplacingMergeTree', 'cost_recompute_prices')}
ORDER BY (job_id, project_id, trace_id, span_id)
TTL created_at + INTERVAL 1 DAY`;
}

/**
 * The tables. Rollups of spans stored before this version are built by the collector at its next start
 * (`backfillCostRollupsIfEmpty`), since a migration holds only idempotent DDL.
 */
export function costsMigrationStatements(t: DdlTarget): string[] {
  return [costRollupsTable(t), costHourlyTable(t), priceOverridesTable(t), budgetsTable(t), recomputePricesTable(t)];
}
