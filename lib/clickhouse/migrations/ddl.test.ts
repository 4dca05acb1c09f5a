import { describe, expect, it } from 'vitest';
import { createDatabaseStatement, MIGRATIONS, migrationsTableStatement } from './index';
import { engine, ident } from './ddl';

const single = { database: 'loupe' };
const cluster = { database: 'loupe', cluster: 'prod_cluster' };

describe('DDL for a single server', () => {
  it('uses plain MergeTree engines and no ON CLUSTER', () => {
    const all = [createDatabaseStatement(single), migrationsTableStatement(single), ...MIGRATIONS.flatMap((m) => m.statements(single))];
    for (const statement of all) {
      expect(statement).not.toContain('ON CLUSTER');
      expect(statement).not.toContain('Replicated');
    }
    expect(all.find((s) => s.includes('`spans`'))).toContain('ENGINE = ReplacingMergeTree(ingested_at)');
  });

  it('makes every statement idempotent', () => {
    for (const statement of [createDatabaseStatement(single), ...MIGRATIONS.flatMap((m) => m.statements(single))]) {
      // ALTER … MODIFY COLUMN to a type the column already has, MODIFY SETTING to its value, or ADD COLUMN IF NOT
      // EXISTS of a column that exists, does nothing; a backfill writes only rows that still lack the new value, a
      // copy only the rows its target does not hold yet; a table dropped is dropped only if it exists.
      expect(statement).toMatch(
        /^(CREATE (TABLE|DATABASE|MATERIALIZED VIEW) IF NOT EXISTS |ALTER TABLE \S+\n(( {2}MODIFY COLUMN [^\n]+,\n)* {2}MODIFY COLUMN [^\n]+| {2}MODIFY SETTING [^\n]+| {2}ADD COLUMN IF NOT EXISTS [^\n]+)$|INSERT INTO [\s\S]+\nWHERE empty\(s\.\w+\)$|INSERT INTO (?<target>\S+)\n[\s\S]+\nWHERE \(a\.project_id, a\.fingerprint\) NOT IN \(SELECT project_id, fingerprint FROM \k<target>\)$|DROP TABLE IF EXISTS )/,
      );
    }
  });
});

describe('DDL for a cluster', () => {
  const all = [createDatabaseStatement(cluster), migrationsTableStatement(cluster), ...MIGRATIONS.flatMap((m) => m.statements(cluster))];

  it('runs every DDL statement ON CLUSTER; a backfill runs once, and replication copies its rows', () => {
    for (const statement of all) {
      if (statement.startsWith('INSERT INTO')) expect(statement).not.toContain('ON CLUSTER');
      else expect(statement).toContain('ON CLUSTER `prod_cluster`');
    }
    expect(all.filter((s) => s.startsWith('INSERT INTO'))).toHaveLength(2);
  });

  it('uses replicated engines whose path names the database and table', () => {
    const spans = all.find((s) => s.includes('`loupe`.`spans`'));
    expect(spans).toContain(
      "ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/loupe/spans', '{replica}', ingested_at)",
    );
    for (const statement of all.filter((s) => s.startsWith('CREATE TABLE'))) {
      expect(statement).toMatch(/ENGINE = Replicated\w+MergeTree\('\/clickhouse\/tables\/\{shard\}\/loupe\//);
    }
  });

  it('keeps engine arguments after the replication path', () => {
    expect(engine(cluster, 'SummingMergeTree', 'rollup', ['(a, b)'])).toBe(
      "ReplicatedSummingMergeTree('/clickhouse/tables/{shard}/loupe/rollup', '{replica}', (a, b))",
    );
  });
});

describe('identifiers', () => {
  it.each(['loupe', 'loupe_test_1', '_x'])('accepts %s', (name) => {
    expect(ident(name)).toBe(`\`${name}\``);
  });
  it.each(['drop table', 'a`b', '1abc', '', 'db;--'])('rejects %j', (name) => {
    expect(() => ident(name)).toThrow(/Not a valid ClickHouse identifier/);
  });
});
