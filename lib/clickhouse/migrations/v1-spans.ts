/**
 * Version 1 of the schema.
 *
 * - `spans`: one row per span, typed GenAI columns. Ordered by (project, trace, span) so that reading a whole
 *   trace is a primary-key range, and so that ReplacingMergeTree collapses a span delivered twice (a retried
 *   export) into one row. Reads that must be exact before merges happen use `LIMIT 1 BY span_id`.
 * - `span_contents`: messages, tool arguments/results and retrieved documents, kept apart so that list and
 *   aggregate queries never read them.
 * - `trace_summaries`: one row per trace, recomputed from the deduplicated spans whenever a trace receives spans,
 *   so the trace list never scans spans and a retried export cannot double-count.
 */
import type { DdlTarget } from './ddl';
import { engine, onCluster, table } from './ddl';

export function spansTable(t: DdlTarget): string {
  return `CREATE TABLE IF NOT EXISTS ${table(t, 'spans')}${onCluster(t)} (
  project_id LowCardinality(String),
  trace_id String,
  span_id String,
  parent_span_id String,
  parent_is_remote Bool,
  name String,
  kind LowCardinality(String),
  start_time DateTime64(9) CODEC(Delta, ZSTD(1)),
  duration_ns UInt64,
  service_name LowCardinality(String),
  scope_name LowCardinality(String),
  scope_version LowCardinality(String),
  status_code LowCardinality(String),
  status_message String,
  error_type LowCardinality(String),
  node_type LowCardinality(String),
  operation LowCardinality(String),
  provider LowCardinality(String),
  request_model LowCardinality(String),
  response_model LowCardinality(String),
  agent_name LowCardinality(String),
  agent_id String,
  conversation_id String,
  tool_name LowCardinality(String),
  tool_call_id String,
  tool_arguments_preview String,
  finish_reasons Array(LowCardinality(String)),
  input_tokens UInt64,
  output_tokens UInt64,
  cache_read_tokens UInt64,
  cache_write_tokens UInt64,
  reasoning_tokens UInt64,
  usage_is_aggregate Bool,
  reported_cost_usd Nullable(Float64),
  cost_usd Nullable(Float64),
  cost_source LowCardinality(String),
  retrieval_doc_count Nullable(UInt32),
  retrieval_top_score Nullable(Float64),
  retrieval_scores Array(Float64),
  guardrail_name LowCardinality(String),
  guardrail_verdict LowCardinality(String),
  guardrail_reason String,
  evaluations Array(Tuple(name String, score Nullable(Float64), label String, explanation String)),
  attributes Map(LowCardinality(String), String) CODEC(ZSTD(1)),
  resource_attributes Map(LowCardinality(String), String) CODEC(ZSTD(1)),
  events Array(Tuple(time DateTime64(9), name String, attributes Map(String, String))) CODEC(ZSTD(1)),
  links Array(Tuple(trace_id String, span_id String, attributes Map(String, String))),
  ingested_at DateTime64(3) DEFAULT now64(3),
  INDEX idx_linked_traces arrayMap(l -> tupleElement(l, 'trace_id'), links) TYPE bloom_filter(0.01) GRANULARITY 4,
  INDEX idx_start start_time TYPE minmax GRANULARITY 4
) ENGINE = ${engine(t, 'ReplacingMergeTree', 'spans', ['ingested_at'])}
PARTITION BY toYYYYMM(start_time)
ORDER BY (project_id, trace_id, span_id)`;
}

export function spanContentsTable(t: DdlTarget): string {
  return `CREATE TABLE IF NOT EXISTS ${table(t, 'span_contents')}${onCluster(t)} (
  project_id LowCardinality(String),
  trace_id String,
  span_id String,
  start_time DateTime64(9),
  system_instructions String CODEC(ZSTD(3)),
  input_messages String CODEC(ZSTD(3)),
  output_messages String CODEC(ZSTD(3)),
  tool_arguments String CODEC(ZSTD(3)),
  tool_result String CODEC(ZSTD(3)),
  retrieval_query String CODEC(ZSTD(3)),
  retrieval_documents String CODEC(ZSTD(3)),
  ingested_at DateTime64(3) DEFAULT now64(3)
) ENGINE = ${engine(t, 'ReplacingMergeTree', 'span_contents', ['ingested_at'])}
PARTITION BY toYYYYMM(start_time)
ORDER BY (project_id, trace_id, span_id)`;
}

export function traceSummariesTable(t: DdlTarget): string {
  // Keyed by trace id, not start time: a trace's start moves when an earlier span arrives late, and a
  // ReplacingMergeTree only collapses rows with the same key.
  return `CREATE TABLE IF NOT EXISTS ${table(t, 'trace_summaries')}${onCluster(t)} (
  project_id LowCardinality(String),
  trace_id String,
  root_span_id String,
  root_name String,
  service_name LowCardinality(String),
  services Array(LowCardinality(String)),
  start_time DateTime64(9),
  end_time DateTime64(9),
  span_count UInt32,
  error_count UInt32,
  status_code LowCardinality(String),
  agents Array(LowCardinality(String)),
  models Array(LowCardinality(String)),
  node_types Array(LowCardinality(String)),
  llm_call_count UInt32,
  tool_call_count UInt32,
  input_tokens UInt64,
  output_tokens UInt64,
  cache_read_tokens UInt64,
  cache_write_tokens UInt64,
  reasoning_tokens UInt64,
  cost_usd Float64,
  unpriced_count UInt32,
  updated_at DateTime64(3) DEFAULT now64(3),
  INDEX idx_start start_time TYPE minmax GRANULARITY 1
) ENGINE = ${engine(t, 'ReplacingMergeTree', 'trace_summaries', ['updated_at'])}
ORDER BY (project_id, trace_id)`;
}
