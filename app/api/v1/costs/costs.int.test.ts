/**
 * The cost, budget and price-override routes called as Next calls them, against the real embedded ClickHouse:
 * the API's totals equal the rollups, every view of the same range adds up to the same money, bodies are
 * validated naming the field, and the budget forecast follows the month's spend.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { migrate } from '@/lib/clickhouse/migrate';
import { utcMonth } from '@/lib/costs/forecast';
import { selectRows } from '@/lib/clickhouse/query';
import type { ApiBudgetStatus, ApiCostBreakdown, ApiCostSeries, ApiCostSummary, ApiPriceOverride } from '@/lib/costs/types';
import { spanToRow } from '@/lib/queries/span-rows';
import { refreshDerived } from '@/lib/queries/derived';
import { closeServerClickHouse } from '@/lib/server/clickhouse';
import { createTestDatabase, type TestDatabase } from '@/lib/testing/clickhouse';
import { makeSpan, nanos } from '@/lib/testing/span-factory';
import { GET as getBudget, PUT as putBudget } from '../budgets/route';
import { DELETE as deleteOverride } from '../prices/overrides/[id]/route';
import { GET as getOverrides, POST as postOverride } from '../prices/overrides/route';
import { GET as getBreakdown } from './breakdown/route';
import { GET as getExport } from './export/route';
import { POST as postRecompute } from './recompute/route';
import { GET as getSummary } from './route';
import { GET as getSeries } from './timeseries/route';

// An hour ago, but inside this month, so the budget's month-to-date sees it.
const AT = Math.max(Date.now() - 3_600_000, utcMonth(Date.now()).startMs);
const RANGE = `from=${AT - 86_400_000}&to=${Date.now()}`;
const T1 = 'c057'.padEnd(32, '1');
const T2 = 'c057'.padEnd(32, '2');

const root1 = makeSpan({ traceId: T1, name: 'Plan trip', nodeType: 'agent', agentName: 'planner', serviceName: 'travel', startTimeUnixNano: nanos(AT) });
const llm = (traceId: string, parent: string, model: string, cost: number | null, extra = {}) =>
  makeSpan({
    traceId,
    parentSpanId: parent,
    name: `chat ${model}`,
    nodeType: 'llm',
    provider: 'openai',
    requestModel: model,
    inputTokens: 1000,
    outputTokens: 100,
    costUsd: cost,
    costSource: cost === null ? 'unpriced' : 'catalog',
    startTimeUnixNano: nanos(AT + 10),
    serviceName: 'travel',
    ...extra,
  });
const spans = [
  root1,
  llm(T1, root1.spanId, 'gpt-4o', 0.5, { cacheReadTokens: 400 }),
  llm(T1, root1.spanId, 'gpt-4o-mini', 0.25),
  llm(T1, root1.spanId, 'in-house', null),
  llm(T2, '', 'gpt-4o', 2, { serviceName: 'search' }),
];

let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase('costs_api');
  await migrate(db.client, { database: db.database });
  await db.client.insert({ table: `${db.database}.spans`, values: spans.map(spanToRow), format: 'JSONEachRow' });
  await refreshDerived(db.client, db.database, 'default', [T1, T2]);
  process.env.CLICKHOUSE_URL = db.url;
  process.env.CLICKHOUSE_DATABASE = db.database;
  delete process.env.LOUPE_DEFAULT_PROJECT;
});
afterAll(async () => {
  await closeServerClickHouse();
  await db?.drop();
});

const req = (path: string, init?: RequestInit) => new Request(`http://127.0.0.1:3000${path}`, init);
const json = (method: string, body: unknown) => ({ method, body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });

async function rollupTotal(): Promise<number> {
  const [row] = await selectRows({
    client: db.client,
    tag: 'test.total',
    sql: `SELECT sum(cost_usd) AS cost FROM ${db.database}.cost_rollups FINAL`,
    row: z.object({ cost: z.coerce.number() }),
  });
  return row?.cost ?? NaN;
}

describe('GET /api/v1/costs…', () => {
  it('totals equal the rollups, and unpriced calls are counted apart, never as $0', async () => {
    const summary = (await (await getSummary(req(`/api/v1/costs?${RANGE}`))).json()) as ApiCostSummary;
    expect(summary.costUsd).toBeCloseTo(await rollupTotal(), 12);
    expect(summary.costUsd).toBeCloseTo(2.75, 12);
    expect(summary.calls).toBe(4);
    expect(summary.unpricedCalls).toBe(1);
    expect(summary.unpriced).toEqual([{ provider: 'openai', model: 'in-house', calls: 1, inputTokens: 1000, outputTokens: 100 }]);
    expect(summary.topTraces.map((t) => [t.traceId, t.costUsd])).toEqual([
      [T2, 2],
      [T1, 0.75],
    ]);
    expect(summary.topTraces[1]?.rootName).toBe('Plan trip');
    expect(summary.topAgents).toEqual([{ agent: 'planner', costUsd: 0.75, calls: 3 }]);
    expect(summary.traces).toBe(2);
    expect(summary.tokens).toMatchObject({ uncachedInput: 4000 - 400, cacheRead: 400, output: 400 });
    // gpt-4o: $2.50 input vs $1.25 cache read per million.
    expect(summary.cacheSavingsUsd).toBeCloseTo((400 * (2.5 - 1.25)) / 1e6, 12);
  });

  it('breakdowns and the time series add up to the same total', async () => {
    const byAgent = (await (await getBreakdown(req(`/api/v1/costs/breakdown?dimension=agent&${RANGE}`))).json()) as ApiCostBreakdown;
    expect(byAgent.rows.map((r) => [r.key, r.costUsd, r.calls])).toEqual([
      ['', 2, 1],
      ['planner', 0.75, 3],
    ]);
    const byModel = (await (await getBreakdown(req(`/api/v1/costs/breakdown?dimension=model&${RANGE}`))).json()) as ApiCostBreakdown;
    expect(byModel.rows.find((r) => r.key === 'gpt-4o')?.costUsd).toBeCloseTo(2.5, 12);
    expect(byModel.rows.find((r) => r.key === 'gpt-4o')?.change).toEqual({ deltaUsd: 2.5, ratio: null });
    const series = (await (await getSeries(req(`/api/v1/costs/timeseries?groupBy=service&bucket=hour&${RANGE}`))).json()) as ApiCostSeries;
    expect(series.keys.sort()).toEqual(['search', 'travel']);
    expect(series.points.reduce((sum, p) => sum + p.total, 0)).toBeCloseTo(2.75, 12);
  });

  it('exports a breakdown as CSV with the same rows', async () => {
    const res = await getExport(req(`/api/v1/costs/export?table=service&${RANGE}`));
    expect(res.headers.get('content-type')).toContain('text/csv');
    const lines = (await res.text()).trim().split('\r\n');
    expect(lines[0]).toMatch(/^service,cost_usd,previous_cost_usd/);
    expect(lines.slice(1).map((l) => l.split(',').slice(0, 2))).toEqual([
      ['search', '2'],
      ['travel', '0.75'],
    ]);
    expect((await getExport(req(`/api/v1/costs/export?${RANGE}`))).status).toBe(400);
  });

  it('rejects bad parameters naming them', async () => {
    const res = await getBreakdown(req('/api/v1/costs/breakdown?dimension=colour'));
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toMatch(/^dimension: /);
    const recompute = await postRecompute(req('/api/v1/costs/recompute', json('POST', { from: 'soon' })));
    expect(recompute.status).toBe(400);
  });
});

describe('/api/v1/prices/overrides', () => {
  it.each([
    [{ model: 'gpt-4o', inputPerMTok: -1, outputPerMTok: 1 }, /^inputPerMTok: must not be negative/],
    [{ model: 'gpt-4o', inputPerMTok: 'cheap', outputPerMTok: 1 }, /^inputPerMTok: must be a number/],
    [{ model: '', inputPerMTok: 1, outputPerMTok: 1 }, /^model: /],
    [{ model: 'g*pt', inputPerMTok: 1, outputPerMTok: 1 }, /model pattern "g\*pt"/],
    [{ model: 'gpt-4o', inputPerMTok: 1 }, /^outputPerMTok: /],
    [{ model: 'gpt-4o', inputPerMTok: 1, outputPerMTok: 1, effectiveFrom: 'tomorrow' }, /^effectiveFrom: /],
  ])('400 for %j', async (body, message) => {
    const res = await postOverride(req('/api/v1/prices/overrides', json('POST', body)));
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toMatch(message);
  });

  it('creates, lists (with the catalog price beside it) and soft-deletes an override', async () => {
    const created = await postOverride(
      req('/api/v1/prices/overrides', json('POST', { provider: 'openai', model: 'gpt-4o', inputPerMTok: 1, outputPerMTok: 4, cacheReadPerMTok: '' })),
    );
    expect(created.status).toBe(201);
    const override = (await created.json()) as ApiPriceOverride;
    expect(override).toMatchObject({ model: 'gpt-4o', inputPerMTok: 1, cacheReadPerMTok: null, catalog: { modelId: 'gpt-4o' } });
    const list = (await (await getOverrides(req('/api/v1/prices/overrides'))).json()) as { overrides: ApiPriceOverride[] };
    expect(list.overrides.map((o) => o.id)).toEqual([override.id]);
    const params = { params: Promise.resolve({ id: override.id }) };
    expect((await deleteOverride(req(`/api/v1/prices/overrides/${override.id}`, { method: 'DELETE' }), params)).status).toBe(200);
    const after = (await (await getOverrides(req('/api/v1/prices/overrides'))).json()) as { overrides: ApiPriceOverride[] };
    expect(after.overrides).toEqual([]);
    expect((await deleteOverride(req(`/api/v1/prices/overrides/${override.id}`, { method: 'DELETE' }), params)).status).toBe(404);
  });
});

describe('/api/v1/budgets', () => {
  it('reports month-to-date spend against the budget with a forecast', async () => {
    const none = (await (await getBudget(req('/api/v1/budgets'))).json()) as ApiBudgetStatus;
    expect(none).toMatchObject({ monthlyUsd: null, runOutDate: null });
    const res = await putBudget(req('/api/v1/budgets', json('PUT', { monthlyUsd: 1 })));
    const status = (await res.json()) as ApiBudgetStatus;
    expect(status.monthlyUsd).toBe(1);
    expect(status.actualUsd).toBeCloseTo(await rollupTotal(), 12);
    expect(status.exceeded).toBe(true);
    expect(status.forecastUsd).toBeGreaterThanOrEqual(status.actualUsd);
    expect(status.unpricedCalls).toBe(1);
    const bad = await putBudget(req('/api/v1/budgets', json('PUT', { monthlyUsd: -5 })));
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: string }).error).toMatch(/^monthlyUsd: /);
  });
});
