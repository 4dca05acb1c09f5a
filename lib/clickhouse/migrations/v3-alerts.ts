/**
 * Version 3 of the schema: alerting.
 *
 * - `alerts`: one row per problem, keyed by (project, fingerprint). Every state change writes a new row with a
 *   larger `version`; reads use FINAL, so the latest state wins whether or not a merge has happened.
 * - `alert_rules`: the detector configuration of a project as validated JSON, latest `version` wins.
 * - `webhooks`: receivers per project; deleting one writes a row with `deleted = 1`.
 * - `alert_deliveries`: the outbox. One row per announcement × webhook; the delivery worker moves it from
 *   `pending` to `delivered` (or `cancelled` when its webhook went away), retrying with backoff in between.
 *   `claimed_by` names the worker that is sending it, so two collectors do not post the same delivery at once.
 */
import type { DdlTarget } from './ddl';
import { engine, onCluster, table } from './ddl';

/** The columns of an alert row at version 3 (version 8 orders a copy of the table by its trace's start). */
export const ALERT_COLUMNS = `project_id LowCardinality(String),
  fingerprint String,
  rule_id LowCardinality(String),
  state LowCardinality(String),
  severity LowCardinality(String),
  title String,
  summary String,
  trace_id String,
  evidence_span_ids Array(String),
  finding_key String,
  dimension_kind LowCardinality(String),
  dimension_name String,
  value Float64,
  threshold Float64,
  first_seen_at DateTime64(3, 'UTC'),
  last_seen_at DateTime64(3, 'UTC'),
  fired_at DateTime64(3, 'UTC'),
  resolved_at Nullable(DateTime64(3, 'UTC')),
  firings UInt32,
  version UInt64`;

export function alertsTable(t: DdlTarget): string {
  return `CREATE TABLE IF NOT EXISTS ${table(t, 'alerts')}${onCluster(t)} (
  ${ALERT_COLUMNS},
  INDEX idx_trace trace_id TYPE bloom_filter(0.01) GRANULARITY 4
) ENGINE = ${engine(t, 'ReplacingMergeTree', 'alerts', ['version'])}
ORDER BY (project_id, fingerprint)`;
}

export function alertRulesTable(t: DdlTarget): string {
  return `CREATE TABLE IF NOT EXISTS ${table(t, 'alert_rules')}${onCluster(t)} (
  project_id LowCardinality(String),
  config String,
  version UInt64
) ENGINE = ${engine(t, 'ReplacingMergeTree', 'alert_rules', ['version'])}
ORDER BY project_id`;
}

export function webhooksTable(t: DdlTarget): string {
  return `CREATE TABLE IF NOT EXISTS ${table(t, 'webhooks')}${onCluster(t)} (
  project_id LowCardinality(String),
  id String,
  url String,
  format LowCardinality(String),
  enabled Bool,
  deleted Bool,
  created_at DateTime64(3, 'UTC'),
  version UInt64
) ENGINE = ${engine(t, 'ReplacingMergeTree', 'webhooks', ['version'])}
ORDER BY (project_id, id)`;
}

export function alertDeliveriesTable(t: DdlTarget): string {
  return `CREATE TABLE IF NOT EXISTS ${table(t, 'alert_deliveries')}${onCluster(t)} (
  id String,
  project_id LowCardinality(String),
  fingerprint String,
  webhook_id String,
  event LowCardinality(String),
  alert_json String CODEC(ZSTD(1)),
  status LowCardinality(String),
  attempts UInt32,
  next_attempt_at DateTime64(3, 'UTC'),
  last_status Nullable(UInt16),
  last_error String,
  created_at DateTime64(3, 'UTC'),
  delivered_at Nullable(DateTime64(3, 'UTC')),
  claimed_by String,
  version UInt64
) ENGINE = ${engine(t, 'ReplacingMergeTree', 'alert_deliveries', ['version'])}
ORDER BY id`;
}

export const alertsMigrationStatements = (t: DdlTarget): string[] => [
  alertsTable(t),
  alertRulesTable(t),
  webhooksTable(t),
  alertDeliveriesTable(t),
];
