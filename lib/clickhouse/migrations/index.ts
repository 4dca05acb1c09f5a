/**
 * Versioned schema migrations. Each migration is a list of idempotent statements (CREATE … IF NOT EXISTS, ALTER …
 * MODIFY COLUMN to a type, ALTER … MODIFY SETTING to a value), recorded in
 * `schema_migrations` once all of its statements succeeded; a process that died half-way re-runs the migration
 * at its next start and the statements that already took effect do nothing.
 */
import type { DdlTarget } from './ddl';
import { engine, ident, onCluster, table } from './ddl';
import { spansTable, spanContentsTable, traceSummariesTable } from './v1-spans';
import { costsMigrationStatements } from './v2-costs';
import { alertsMigrationStatements } from './v3-alerts';
import { spanStringsMigrationStatements } from './v4-span-strings';
import { compactPartsMigrationStatements } from './v5-compact-parts';
import { MERGE_SELECTOR_SETTINGS, mergeSelectorMigrationStatements } from './v6-merge-selector';
import { guardrailInterventionsMigrationStatements } from './v7-guardrail-interventions';
import { alertsByTraceStartStatements, dropFingerprintOrderedAlertsStatements } from './v8-alerts-by-trace-start';

export interface Migration {
  version: number;
  name: string;
  statements: (target: DdlTarget) => string[];
  /**
   * MergeTree settings the statements set that older ClickHouse servers do not know: on such a server the migration
   * is recorded as skipped instead of failing, and the tables keep ClickHouse's defaults.
   */
  needsMergeTreeSettings?: readonly string[];
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'spans, span contents and trace summaries',
    statements: (t) => [spansTable(t), spanContentsTable(t), traceSummariesTable(t)],
  },
  { version: 2, name: 'cost rollups, price overrides and budgets', statements: costsMigrationStatements },
  { version: 3, name: 'alerts, alert rules, webhooks and deliveries', statements: alertsMigrationStatements },
  { version: 4, name: 'spans: plain String columns instead of LowCardinality', statements: spanStringsMigrationStatements },
  { version: 5, name: 'spans and contents: compact parts up to 64 MiB', statements: compactPartsMigrationStatements },
  {
    version: 6,
    name: 'spans and contents: merge parts ten at a time',
    statements: mergeSelectorMigrationStatements,
    needsMergeTreeSettings: MERGE_SELECTOR_SETTINGS,
  },
  {
    version: 7,
    name: 'trace summaries: how guardrails intervened',
    statements: guardrailInterventionsMigrationStatements,
  },
  { version: 8, name: 'alerts: a copy ordered by the start of their trace', statements: alertsByTraceStartStatements },
  { version: 9, name: 'alerts: the table ordered by fingerprint dropped', statements: dropFingerprintOrderedAlertsStatements },
];

export function createDatabaseStatement(target: DdlTarget): string {
  return `CREATE DATABASE IF NOT EXISTS ${ident(target.database)}${onCluster(target)}`;
}

export function migrationsTableStatement(target: DdlTarget): string {
  return `CREATE TABLE IF NOT EXISTS ${table(target, 'schema_migrations')}${onCluster(target)} (
  version UInt32,
  name String,
  applied_at DateTime64(3) DEFAULT now64(3)
) ENGINE = ${engine(target, 'ReplacingMergeTree', 'schema_migrations', ['applied_at'])}
ORDER BY version`;
}
