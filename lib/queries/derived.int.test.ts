/**
 * Derived tables against the real embedded ClickHouse: the backfill of spans stored without rollups, and the
 * per-trace refresh, agree with each other and with the deduplicated spans, and a refresh run twice changes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { migrate } from '../clickhouse/migrate';
import { selectRows } from '../clickhouse/query';
import { createTestDatabase, type TestDatabase } from '../testing/clickhouse';
import { makeSpan, nanos } from '../testing/span-factory';
import { backfillDerived, refreshCostHourly, refreshDerived, traceIdBounds } from './derived';
import { spanToRow } from './span-rows';
import { getTraceDetails } from './traces';

const AT = Date.now() - 3 * 3_600_000;
// Ids at both ends of the hex range and one that is not hex at all: every slice boundary is crossed.
const TRACES = ['0'.repeat(32), 'f'.repeat(32), '7a'.padEnd(32, 'b'), 'not-a-hex-trace-id'];

function traceSpans(traceId: string, index: number) {
  const agent = makeSpan({
    traceId,
    name: 'invoke_agent',
    nodeType: 'agent',
    agentName: `agent-${index}`,
    attributes: { 'gen_ai.agent.name': `agent-${index}`, 'app.user': 'u1' },
    startTimeUnixNano: nanos(AT),
  });
  const step = makeSpan({ traceId, parentSpanId: agent.spanId, name: 'step', startTimeUnixNano: nanos(AT + 1) });
  const call = (offsetMs: number, cost: number | null) =>
    makeSpan({
      traceId,
      parentSpanId: step.spanId,
      name: 'chat',
      nodeType: 'llm',
      provider: 'openai',
      requestModel: 'gpt-4o',
      inputTokens: 1000,
      outputTokens: 10 * (index + 1),
      costUsd: cost,
      costSource: cost === null ? 'unpriced' : 'catalog',
      startTimeUnixNano: nanos(AT + offsetMs),
    });
  // The second call falls into the next hour.
  return [agent, step, call(10, 0.25 * (index + 1)), call(3_600_000, null)];
}

const spans = TRACES.flatMap(traceSpans);
const sums = z.object({ agent: z.string(), cost: z.coerce.number(), calls: z.coerce.number(), output: z.coerce.number() });

let db: TestDatabase;

async function costsByAgent(from: 'cost_rollups' | 'cost_hourly') {
  return selectRows({
    client: db.client,
    tag: 'test.derived',
    sql: `SELECT agent, sum(cost_usd) AS cost, sum(llm_calls) AS calls, sum(output_tokens) AS output
      FROM ${db.database}.${from} FINAL GROUP BY agent ORDER BY agent`,
    row: sums,
  });
}

async function summaries() {
  return selectRows({
    client: db.client,
    tag: 'test.summaries',
    sql: `SELECT trace_id, span_count, cost_usd, output_tokens, agents FROM ${db.database}.trace_summaries FINAL ORDER BY trace_id`,
    row: z.object({ trace_id: z.string(), span_count: z.coerce.number(), cost_usd: z.coerce.number(), output_tokens: z.coerce.number(), agents: z.array(z.string()) }),
  });
}

const expected = TRACES.map((_, index) => ({ agent: `agent-${index}`, cost: 0.25 * (index + 1), calls: 2, output: 20 * (index + 1) }));

beforeAll(async () => {
  db = await createTestDatabase('derived');
  await migrate(db.client, { database: db.database });
  // A retried export: every span stored twice.
  for (let i = 0; i < 2; i++) await db.client.insert({ table: `${db.database}.spans`, values: spans.map(spanToRow), format: 'JSONEachRow' });
});
afterAll(async () => {
  await db?.drop();
});

describe('backfillDerived', () => {
  it('builds rollups, hourly costs and summaries of spans stored without them, each trace once', async () => {
    await backfillDerived(db.client, db.database, { summaries: true });
    expect(await costsByAgent('cost_rollups')).toEqual(expected);
    expect(await costsByAgent('cost_hourly')).toEqual(expected);
    const rows = await summaries();
    expect(rows.map((r) => r.trace_id)).toEqual([...TRACES].sort());
    for (const row of rows) expect(row.span_count).toBe(4);
  });

  it('cuts the trace-id range into contiguous slices that cover every id', () => {
    for (const digits of [1, 2, 3] as const) {
      const bounds = traceIdBounds(digits);
      expect(bounds).toHaveLength(16 ** digits + 1);
      expect(bounds[0]).toBe('');
      expect([...bounds].sort()).toEqual(bounds);
    }
  });
});

describe('refreshDerived', () => {
  it('rebuilds the same rows as the backfill, and again without change when run twice', async () => {
    const before = { rollups: await costsByAgent('cost_rollups'), summaries: await summaries() };
    for (let i = 0; i < 2; i++) await refreshDerived(db.client, db.database, 'default', TRACES);
    expect(await costsByAgent('cost_rollups')).toEqual(before.rollups);
    expect(await costsByAgent('cost_hourly')).toEqual(expected);
    expect(await summaries()).toEqual(before.summaries);
  });

  it('returns each trace exactly as the alert runner would read it back, with the same attributes', async () => {
    const keys = ['gen_ai.agent.name', 'absent'];
    const rebuilt = await refreshDerived(db.client, db.database, 'default', TRACES, { spanAttributes: keys });
    const read = await getTraceDetails(db.client, db.database, 'default', TRACES, { attributeKeys: keys });
    expect([...rebuilt.keys()].sort()).toEqual([...TRACES].sort());
    for (const traceId of TRACES) expect(rebuilt.get(traceId), traceId).toEqual(read.get(traceId));
    expect(rebuilt.get(TRACES[0]!)!.spans.map((span) => span.attributes)).toContainEqual({ 'gen_ai.agent.name': 'agent-0' });
  });

  it('moves a trace’s calls to the agent whose span arrived later, leaving nothing under the old key', async () => {
    const traceId = 'ab'.repeat(16);
    const agent = makeSpan({ traceId, name: 'invoke_agent', nodeType: 'agent', agentName: 'late-agent', startTimeUnixNano: nanos(AT) });
    const call = makeSpan({ traceId, parentSpanId: agent.spanId, name: 'chat', nodeType: 'llm', provider: 'openai', requestModel: 'gpt-4o', outputTokens: 7, costUsd: 1, costSource: 'catalog', startTimeUnixNano: nanos(AT + 5) });
    await db.client.insert({ table: `${db.database}.spans`, values: [spanToRow(call)], format: 'JSONEachRow' });
    await refreshDerived(db.client, db.database, 'default', [traceId]);
    expect((await costsByAgent('cost_hourly')).find((r) => r.agent === '')).toEqual({ agent: '', cost: 1, calls: 1, output: 7 });
    await db.client.insert({ table: `${db.database}.spans`, values: [spanToRow(agent)], format: 'JSONEachRow' });
    await refreshDerived(db.client, db.database, 'default', [traceId]);
    const hourly = await costsByAgent('cost_hourly');
    expect(hourly.find((r) => r.agent === '')).toBeUndefined();
    expect(hourly.find((r) => r.agent === 'late-agent')).toEqual({ agent: 'late-agent', cost: 1, calls: 1, output: 7 });
  });

  it('hands the hours to recompute to deferHourly, leaving cost_hourly as it was until they are recomputed', async () => {
    const traceId = 'cd'.repeat(16);
    const call = makeSpan({ traceId, name: 'chat', nodeType: 'llm', agentName: 'deferred', provider: 'openai', requestModel: 'gpt-4o', outputTokens: 3, costUsd: 2, costSource: 'catalog', startTimeUnixNano: nanos(AT + 9) });
    await db.client.insert({ table: `${db.database}.spans`, values: [spanToRow(call)], format: 'JSONEachRow' });
    const deferred: [string, readonly number[]][] = [];
    await refreshDerived(db.client, db.database, 'default', [traceId], { deferHourly: (projectId, hours) => deferred.push([projectId, hours]) });
    const hour = Math.floor((AT + 9) / 3_600_000) * 3600;
    expect(deferred).toEqual([['default', [hour]]]);
    expect((await costsByAgent('cost_rollups')).find((r) => r.agent === 'deferred')).toEqual({ agent: 'deferred', cost: 2, calls: 1, output: 3 });
    expect((await costsByAgent('cost_hourly')).find((r) => r.agent === 'deferred')).toBeUndefined();
    await refreshCostHourly(db.client, db.database, 'default', [hour]);
    expect((await costsByAgent('cost_hourly')).find((r) => r.agent === 'deferred')).toEqual({ agent: 'deferred', cost: 2, calls: 1, output: 3 });
  });
});
