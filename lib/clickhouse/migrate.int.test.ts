/**
 * Migrations against the real engine: a fresh database gets every version, a database at an older version is
 * brought forward with its rows intact, and running them again changes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { summarizeTrace } from '../derived/derive';
import { spanToRow } from '../queries/span-rows';
import { createTestDatabase, type TestDatabase } from '../testing/clickhouse';
import { makeSpan } from '../testing/span-factory';
import { migrate } from './migrate';
import { MIGRATIONS } from './migrations';
import { PLAIN_STRING_SPAN_COLUMNS } from './migrations/v4-span-strings';
import { COMPACT_PART_MAX_BYTES } from './migrations/v5-compact-parts';
import { MERGE_SELECTOR_BASE } from './migrations/v6-merge-selector';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase('migrate');
});
afterAll(async () => {
  await db?.drop();
});

async function columnTypes(): Promise<Map<string, string>> {
  const result = await db.client.query({
    query: `SELECT name, type FROM system.columns WHERE database = {db:String} AND table = 'spans'`,
    query_params: { db: db.database },
    format: 'JSONEachRow',
  });
  return new Map((await result.json<{ name: string; type: string }>()).map((c) => [c.name, c.type]));
}

describe('migrate', () => {
  it('brings a database at version 3 with spans in it to the latest version, keeping every value', async () => {
    const before = await migrate(db.client, { database: db.database }, MIGRATIONS.filter((m) => m.version <= 3));
    expect(before.applied).toEqual([1, 2, 3]);
    expect((await columnTypes()).get('request_model')).toBe('LowCardinality(String)');
    const span = makeSpan({ requestModel: 'gpt-4o', agentName: 'researcher', attributes: { 'gen_ai.system': 'openai' } });
    await db.client.insert({ table: `${db.database}.spans`, values: [spanToRow(span)], format: 'JSONEachRow' });

    const after = await migrate(db.client, { database: db.database });
    expect(after.applied).toEqual(MIGRATIONS.map((m) => m.version).filter((v) => v > 3));
    const types = await columnTypes();
    for (const name of PLAIN_STRING_SPAN_COLUMNS) expect(types.get(name), name).toBe('String');
    expect(types.get('attributes')).toBe('Map(String, String)');
    expect(types.get('project_id')).toBe('LowCardinality(String)');
    for (const name of ['spans', 'span_contents']) {
      const tables = await db.client.query({
        query: `SELECT engine_full FROM system.tables WHERE database = {db:String} AND name = {name:String}`,
        query_params: { db: db.database, name },
        format: 'JSONEachRow',
      });
      const [row] = await tables.json<{ engine_full: string }>();
      expect(row?.engine_full, name).toContain(`min_bytes_for_wide_part = ${COMPACT_PART_MAX_BYTES}`);
      expect(row?.engine_full, name).toContain(`merge_selector_base = ${MERGE_SELECTOR_BASE}`);
    }

    const result = await db.client.query({
      query: `SELECT request_model, agent_name, attributes FROM ${db.database}.spans WHERE span_id = {id:String}`,
      query_params: { id: span.spanId },
      format: 'JSONEachRow',
    });
    expect(await result.json()).toEqual([
      { request_model: 'gpt-4o', agent_name: 'researcher', attributes: { 'gen_ai.system': 'openai' } },
    ]);
  });

  it('does nothing when run again', async () => {
    const again = await migrate(db.client, { database: db.database });
    expect(again.applied).toEqual([]);
    expect(again.alreadyApplied).toEqual(MIGRATIONS.map((m) => m.version));
  });

  it('records a migration whose MergeTree setting the server does not know as skipped, without running it', async () => {
    const version = 1000;
    const unknown = {
      version,
      name: 'a setting from a future ClickHouse',
      // Would fail if it ran: no ClickHouse knows this setting.
      statements: () => [`ALTER TABLE ${db.database}.spans MODIFY SETTING loupe_future_setting = 1`],
      needsMergeTreeSettings: ['loupe_future_setting'],
    };
    const report = await migrate(db.client, { database: db.database }, [...MIGRATIONS, unknown]);
    expect(report.applied).toEqual([]);
    expect(report.skipped).toEqual([{ version, missingSettings: ['loupe_future_setting'] }]);
    const again = await migrate(db.client, { database: db.database }, [...MIGRATIONS, unknown]);
    expect(again.skipped).toEqual([]);
    expect(again.alreadyApplied).toContain(version);
  });

  it('gives the summaries stored before version 7 the guardrail verdicts of their spans, the rest unchanged', async () => {
    const old = await createTestDatabase('migrate_v7');
    try {
      await migrate(old.client, { database: old.database }, MIGRATIONS.filter((m) => m.version <= 6));
      const guarded = [
        makeSpan({ traceId: 'a'.repeat(32), spanId: 'a1', name: 'invoke_agent refunds', nodeType: 'agent' }),
        ...(['pass', 'rewrite', 'block', 'rewrite'] as const).map((verdict, i) =>
          makeSpan({ traceId: 'a'.repeat(32), spanId: `g${i}`, parentSpanId: 'a1', nodeType: 'guardrail', guardrailVerdict: verdict }),
        ),
      ];
      const plain = [makeSpan({ traceId: 'b'.repeat(32), spanId: 'b1', name: 'invoke_agent search' })];
      await old.client.insert({ table: `${old.database}.spans`, values: [...guarded, ...plain].map(spanToRow), format: 'JSONEachRow' });
      // Summaries as a collector before version 7 wrote them: without the column.
      const rows = [guarded, plain].map((spans) => {
        const { guardrail_interventions: _new, ...summary } = summarizeTrace(spans);
        return { project_id: 'default', ...summary };
      });
      await old.client.insert({ table: `${old.database}.trace_summaries`, values: rows, format: 'JSONEachRow' });

      expect((await migrate(old.client, { database: old.database })).applied).toEqual([7]);
      const result = await old.client.query({
        query: `SELECT trace_id, root_name, span_count, guardrail_interventions FROM ${old.database}.trace_summaries FINAL ORDER BY trace_id`,
        format: 'JSONEachRow',
      });
      expect(await result.json()).toEqual([
        { trace_id: 'a'.repeat(32), root_name: 'invoke_agent refunds', span_count: 5, guardrail_interventions: ['block', 'rewrite'] },
        { trace_id: 'b'.repeat(32), root_name: 'invoke_agent search', span_count: 1, guardrail_interventions: [] },
      ]);
    } finally {
      await old.drop();
    }
  });

  it('can run every statement twice (a process that died before recording its version)', async () => {
    for (const migration of MIGRATIONS) {
      for (const statement of migration.statements({ database: db.database })) {
        await db.client.command({ query: statement });
      }
    }
    expect((await columnTypes()).get('request_model')).toBe('String');
  });
});
