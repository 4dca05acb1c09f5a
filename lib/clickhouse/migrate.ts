/**
 * Applies the migrations that the database has not recorded yet, in version order. Safe to run at every start
 * and from several processes at once: statements are idempotent and a version is recorded only after all of its
 * statements succeeded.
 */
import type { ClickHouseClient } from '@clickhouse/client';
import { z } from 'zod';
import type { DdlTarget } from './migrations/ddl';
import { table } from './migrations/ddl';
import { createDatabaseStatement, MIGRATIONS, migrationsTableStatement, type Migration } from './migrations';
import { runCommand, selectRows } from './query';

const appliedRow = z.object({ version: z.coerce.number() });

export interface MigrationReport {
  applied: number[];
  alreadyApplied: number[];
  /** Recorded without running: the server lacks a MergeTree setting they set (see `Migration.needsMergeTreeSettings`). */
  skipped: { version: number; missingSettings: string[] }[];
}

/**
 * `client` must not be bound to the target database (it may not exist yet); every statement names it.
 */
export async function migrate(
  client: ClickHouseClient,
  target: DdlTarget,
  migrations: readonly Migration[] = MIGRATIONS,
): Promise<MigrationReport> {
  await runCommand(client, 'migrate.database', createDatabaseStatement(target));
  await runCommand(client, 'migrate.table', migrationsTableStatement(target));
  const rows = await selectRows({
    client,
    tag: 'migrate.applied',
    sql: `SELECT DISTINCT version FROM ${table(target, 'schema_migrations')}`,
    row: appliedRow,
  });
  const done = new Set(rows.map((r) => r.version));
  const report: MigrationReport = { applied: [], alreadyApplied: [], skipped: [] };
  for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
    if (done.has(migration.version)) {
      report.alreadyApplied.push(migration.version);
      continue;
    }
    const missingSettings = await unknownMergeTreeSettings(client, migration.needsMergeTreeSettings ?? []);
    if (missingSettings.length === 0) {
      for (const statement of migration.statements(target)) {
        await runCommand(client, `migrate.v${migration.version}`, statement);
      }
    }
    await client.insert({
      table: `${target.database}.schema_migrations`,
      values: [{ version: migration.version, name: migration.name }],
      format: 'JSONEachRow',
    });
    if (missingSettings.length === 0) report.applied.push(migration.version);
    else report.skipped.push({ version: migration.version, missingSettings });
  }
  return report;
}

const settingRow = z.object({ name: z.string() });

/** Which of these MergeTree settings the server does not know. */
async function unknownMergeTreeSettings(client: ClickHouseClient, names: readonly string[]): Promise<string[]> {
  if (names.length === 0) return [];
  const known = await selectRows({
    client,
    tag: 'migrate.settings',
    sql: 'SELECT name FROM system.merge_tree_settings WHERE name IN {names:Array(String)}',
    params: { names },
    row: settingRow,
  });
  const knownNames = new Set(known.map((row) => row.name));
  return names.filter((name) => !knownNames.has(name));
}
