/**
 * Cost rollups through a real collector: OTLP exports in, rollups out, compared with the deduplicated spans they
 * come from — by model, agent and service — including a retried export, an agent span that arrives after its
 * model calls, and a recompute after a new price override.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { selectRows } from '../clickhouse/query';
import { createTestDatabase, type TestDatabase } from '../testing/clickhouse';
import { startTestCollector, type TestCollector } from '../testing/collector';
import { recomputeCosts } from './cost-rollups';
import { createPriceOverride } from './price-overrides';

let db: TestDatabase;
let collector: TestCollector;

beforeAll(async () => {
  db = await createTestDatabase('costs');
  collector = await startTestCollector(db);
});
afterAll(async () => {
  await collector?.close();
  await db?.drop();
});

const START_MS = Date.now() - 2 * 3_600_000;
const TRACE_A = 'a1'.repeat(16);
const TRACE_B = 'b2'.repeat(16);
type Attr = string | number;

function span(traceId: string, spanId: string, parent: string, name: string, offsetMs: number, attrs: Record<string, Attr>) {
  const start = BigInt(START_MS + offsetMs) * 1_000_000n;
  return {
    traceId,
    spanId,
    parentSpanId: parent,
    name,
    kind: 1,
    startTimeUnixNano: String(start),
    endTimeUnixNano: String(start + 5_000_000n),
    attributes: Object.entries(attrs).map(([key, v]) => ({ key, value: typeof v === 'number' ? { intValue: String(v) } : { stringValue: v } })),
  };
}

const chat = (provider: string, model: string, input: number, output: number, cacheRead = 0) => ({
  'gen_ai.operation.name': 'chat',
  'gen_ai.provider.name': provider,
  'gen_ai.request.model': model,
  'gen_ai.usage.input_tokens': input,
  'gen_ai.usage.output_tokens': output,
  ...(cacheRead > 0 ? { 'gen_ai.usage.cache_read.input_tokens': cacheRead } : {}),
});

// Trace A (service shop): planner agent → step → gpt-4o; planner → claude; planner → an unpriced house model.
const agentSpan = span(TRACE_A, '0000000000000a01', '', 'invoke_agent planner', 0, {
  'gen_ai.operation.name': 'invoke_agent',
  'gen_ai.agent.name': 'planner',
});
const childrenOfA = [
  span(TRACE_A, '0000000000000a02', '0000000000000a01', 'step', 10, {}),
  span(TRACE_A, '0000000000000a03', '0000000000000a02', 'chat gpt-4o', 20, chat('openai', 'gpt-4o', 10_000, 500, 4_000)),
  span(TRACE_A, '0000000000000a04', '0000000000000a01', 'chat claude', 30, chat('anthropic', 'claude-3-5-sonnet-20241022', 2_000, 100)),
  span(TRACE_A, '0000000000000a05', '0000000000000a01', 'chat house', 40, chat('acme', 'house-model', 1_000, 50)),
];
// Trace B (service search): a model call outside any agent.
const spansOfB = [span(TRACE_B, '0000000000000b01', '', 'chat mini', 0, chat('openai', 'gpt-4o-mini', 3_000, 300))];

function exportBody(service: string, spans: object[]): string {
  return JSON.stringify({
    resourceSpans: [{ resource: { attributes: [{ key: 'service.name', value: { stringValue: service } }] }, scopeSpans: [{ scope: { name: 'test' }, spans }] }],
  });
}

async function send(body: string): Promise<void> {
  const response = await fetch(`${collector.url}/v1/traces`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  expect(response.status).toBe(200);
  await collector.flushDerived();
}

const sums = z.object({ key: z.string(), cost: z.coerce.number(), calls: z.coerce.number(), unpriced: z.coerce.number() });

/** Cost, calls and unpriced calls per dimension from the rollups. */
async function fromRollups(column: 'model' | 'agent' | 'service_name', from: 'cost_rollups' | 'cost_hourly' = 'cost_rollups') {
  const rows = await selectRows({
    client: db.client,
    tag: 'test.rollups',
    sql: `SELECT ${column} AS key, sum(cost_usd) AS cost, sum(llm_calls + embedding_calls + other_calls) AS calls,
      sum(unpriced_calls) AS unpriced FROM ${db.database}.${from} FINAL GROUP BY key ORDER BY key`,
    row: sums,
  });
  return Object.fromEntries(rows.map((r) => [r.key, { cost: r.cost, calls: r.calls, unpriced: r.unpriced }]));
}

/** The same from the deduplicated spans (model calls only). */
async function fromSpans(column: 'model' | 'service_name') {
  const key = column === 'model' ? `if(response_model != '', response_model, request_model)` : column;
  const rows = await selectRows({
    client: db.client,
    tag: 'test.spans',
    sql: `SELECT ${key} AS key, sum(ifNull(cost_usd, 0)) AS cost, count() AS calls, countIf(cost_source = 'unpriced') AS unpriced
      FROM ${db.database}.spans FINAL WHERE node_type = 'llm' AND NOT usage_is_aggregate GROUP BY key ORDER BY key`,
    row: sums,
  });
  return Object.fromEntries(rows.map((r) => [r.key, { cost: r.cost, calls: r.calls, unpriced: r.unpriced }]));
}

function expectSameSums(actual: Record<string, { cost: number; calls: number; unpriced: number }>, expected: typeof actual) {
  expect(Object.keys(actual).sort()).toEqual(Object.keys(expected).sort());
  for (const [key, value] of Object.entries(expected)) {
    expect(actual[key]?.cost, key).toBeCloseTo(value.cost, 12);
    expect(actual[key]?.calls, key).toBe(value.calls);
    expect(actual[key]?.unpriced, key).toBe(value.unpriced);
  }
}

describe('cost rollups', () => {
  it('attribute model calls to the agent above them, even when the agent span arrives last', async () => {
    await send(exportBody('shop', childrenOfA));
    expect(Object.keys(await fromRollups('agent'))).toEqual(['']);
    await send(exportBody('shop', [agentSpan]));
    await send(exportBody('search', spansOfB));
    const byAgent = await fromRollups('agent');
    // The rows first written without an agent were replaced, not left beside the new ones.
    expect(Object.keys(byAgent).sort()).toEqual(['', 'planner']);
    expect(byAgent.planner?.calls).toBe(3);
    expect(byAgent['']?.calls).toBe(1);
    // The hourly table the page reads was rebuilt the same way.
    expectSameSums(await fromRollups('agent', 'cost_hourly'), byAgent);
  });

  it('equal the sums of the span costs by model, agent and service; unpriced calls are counted, not priced', async () => {
    expectSameSums(await fromRollups('model'), await fromSpans('model'));
    expectSameSums(await fromRollups('service_name'), await fromSpans('service_name'));
    const byModel = await fromRollups('model');
    expect(byModel['house-model']).toEqual({ cost: 0, calls: 1, unpriced: 1 });
    expect(byModel['gpt-4o']?.cost).toBeGreaterThan(0);
    const spansOfA = await fromSpans('service_name');
    expect((await fromRollups('agent')).planner?.cost).toBeCloseTo(spansOfA.shop?.cost ?? NaN, 12);
  });

  it('do not change when the same export is sent again (a retried export)', async () => {
    const before = await fromRollups('model');
    await send(exportBody('shop', [agentSpan, ...childrenOfA]));
    await send(exportBody('search', spansOfB));
    expectSameSums(await fromRollups('model'), before);
    expectSameSums(await fromRollups('model'), await fromSpans('model'));
    expectSameSums(await fromRollups('model', 'cost_hourly'), await fromSpans('model'));
  });

  it('follow a recompute with a new override, and keep matching the spans', async () => {
    await createPriceOverride(db.client, db.database, {
      projectId: 'default',
      provider: 'openai',
      model: 'gpt-4o',
      inputPerMTok: 1,
      outputPerMTok: 2,
      effectiveFrom: null,
    });
    await createPriceOverride(db.client, db.database, {
      projectId: 'default',
      provider: '',
      model: 'house-model',
      inputPerMTok: 10,
      outputPerMTok: 10,
      effectiveFrom: null,
    });
    const result = await recomputeCosts(db.client, db.database, 'default', { fromMs: START_MS - 60_000, toMs: Date.now() });
    expect(result.spansChanged).toBe(2);
    expect(result.tracesRefreshed).toBe(1);
    const byModel = await fromRollups('model');
    // No cache-read rate in the override: cache reads are charged at its input rate.
    expect(byModel['gpt-4o']?.cost).toBeCloseTo((10_000 * 1 + 500 * 2) / 1e6, 12);
    expect(byModel['house-model']).toEqual({ cost: (1_000 * 10 + 50 * 10) / 1e6, calls: 1, unpriced: 0 });
    const total = Object.values(byModel).reduce((sum, m) => sum + m.cost, 0);
    expect(result.costAfterUsd).toBeCloseTo(total, 12);
    expectSameSums(byModel, await fromSpans('model'));
    expectSameSums(await fromRollups('service_name'), await fromSpans('service_name'));
    expectSameSums(await fromRollups('service_name', 'cost_hourly'), await fromSpans('service_name'));
    // A second recompute with nothing new changes nothing.
    const again = await recomputeCosts(db.client, db.database, 'default', { fromMs: START_MS - 60_000, toMs: Date.now() });
    expect(again.spansChanged).toBe(0);
  });
});
