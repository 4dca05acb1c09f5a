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
import { ALERTS_TABLE, alertsByTraceStartStatements, UNKNOWN_TRACE_START } from './migrations/v8-alerts-by-trace-start';

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

      expect((await migrate(old.client, { database: old.database }, MIGRATIONS.filter((m) => m.version <= 7))).applied).toEqual([7]);
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

  it("copies the alerts stored before version 8, newest versions only, each with its trace's start", async () => {
    const old = await createTestDatabase('migrate_v8');
    try {
      await migrate(old.client, { database: old.database }, MIGRATIONS.filter((m) => m.version <= 7));
      const traced = makeSpan({ traceId: 'a'.repeat(32), spanId: 'a1', startTimeUnixNano: 1772334000123456789n });
      const summary = { project_id: 'default', ...summarizeTrace([traced]) };
      await old.client.insert({ table: `${old.database}.trace_summaries`, values: [summary], format: 'JSONEachRow' });
      const row = (fingerprint: string, traceId: string, state: string, version: number) => ({
        project_id: 'default', fingerprint, rule_id: 'repeated_tool_call', state, severity: 'warning', title: fingerprint,
        summary: '', trace_id: traceId, evidence_span_ids: [], finding_key: fingerprint, dimension_kind: '', dimension_name: '',
        value: 4, threshold: 3, first_seen_at: 1772334060000, last_seen_at: 1772334060000, fired_at: 1772334060000,
        resolved_at: null, firings: 1, version,
      });
      await old.client.insert({
        table: `${old.database}.alerts`,
        values: [
          row('loop', 'a'.repeat(32), 'firing', 1),
          row('loop', 'a'.repeat(32), 'resolved', 2),
          row('orphan', 'b'.repeat(32), 'firing', 1),
          row('rate', '', 'firing', 1),
        ],
        format: 'JSONEachRow',
      });

      expect((await migrate(old.client, { database: old.database })).applied).toEqual([8, 9]);
      const copied = async () => {
        const result = await old.client.query({
          query: `SELECT fingerprint, state, toString(trace_started_at) AS started FROM ${old.database}.${ALERTS_TABLE} FINAL ORDER BY fingerprint`,
          format: 'JSONEachRow',
        });
        return result.json();
      };
      const expected = [
        { fingerprint: 'loop', state: 'resolved', started: '2026-03-01 03:00:00.123' },
        { fingerprint: 'orphan', state: 'firing', started: `${UNKNOWN_TRACE_START}.000` },
        { fingerprint: 'rate', state: 'firing', started: '1970-01-01 00:00:00.000' },
      ];
      expect(await copied()).toEqual(expected);
      const tables = await old.client.query({
        query: `SELECT name FROM system.tables WHERE database = {db:String} AND name = 'alerts'`,
        query_params: { db: old.database },
        format: 'JSONEachRow',
      });
      expect(await tables.json()).toEqual([]);

      // Version 8 again over a copy that holds the alerts (a process that died before recording it): nothing twice.
      await old.client.command({ query: MIGRATIONS.find((m) => m.version === 3)?.statements({ database: old.database })[0] ?? '' });
      await old.client.insert({ table: `${old.database}.alerts`, values: [row('loop', 'a'.repeat(32), 'firing', 1)], format: 'JSONEachRow' });
      for (const statement of alertsByTraceStartStatements({ database: old.database })) await old.client.command({ query: statement });
      const count = await old.client.query({ query: `SELECT count() AS n FROM ${old.database}.${ALERTS_TABLE}`, format: 'JSONEachRow' });
      expect(await count.json()).toEqual([{ n: 3 }]);
      expect(await copied()).toEqual(expected);
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
