/**
 * Version 4 of the schema: the `spans` columns that were `LowCardinality(String)` become plain `String`, all but
 * `project_id` (one value per project, part of the sorting key).
 *
 * A `LowCardinality` column builds a dictionary of its values for every inserted block and again at every merge.
 * On the spans table, written at every export, that made storing spans about a third dearer (bench/span-insert:
 * 42.5 against 31.7 ms of ClickHouse CPU per 1,000 spans with contents, as RowBinary). Reads barely notice: lists
 * and aggregates read the derived tables (which keep theirs), and span reads are trace-id ranges.
 *
 * `MODIFY COLUMN` to the type a column already has does nothing, so the statement can run again; on a table with
 * data it rewrites those columns in the background (a mutation) while reads and inserts go on.
 */
import type { DdlTarget } from './ddl';
import { onCluster, table } from './ddl';

export const PLAIN_STRING_SPAN_COLUMNS = [
  'kind', 'service_name', 'scope_name', 'scope_version', 'status_code', 'error_type', 'node_type', 'operation',
  'provider', 'request_model', 'response_model', 'agent_name', 'tool_name', 'cost_source', 'guardrail_name',
  'guardrail_verdict',
] as const;

export function spanStringsMigrationStatements(t: DdlTarget): string[] {
  const modify = [
    ...PLAIN_STRING_SPAN_COLUMNS.map((name) => `MODIFY COLUMN ${name} String`),
    'MODIFY COLUMN attributes Map(String, String) CODEC(ZSTD(1))',
    'MODIFY COLUMN resource_attributes Map(String, String) CODEC(ZSTD(1))',
  ];
  return [`ALTER TABLE ${table(t, 'spans')}${onCluster(t)}\n  ${modify.join(',\n  ')}`];
}
