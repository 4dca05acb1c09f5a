/**
 * The windowed rule (cost rate over its baseline) through the alert runner against real ClickHouse: hourly cost
 * rollups as the collector writes them, an hour whose spend jumps, the alerts that fire per agent, model and service,
 * and their resolution once the spend is gone — found through the firing alerts alone, with no spend left in the
 * window to name the project.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '@/lib/clickhouse/migrate';
import { windowedAlerts } from '@/lib/queries/alerts';
import { createTestDatabase, type TestDatabase } from '@/lib/testing/clickhouse';
import { defaultAlertOptions } from './config';
import { AlertRunner } from './runner';

const PROJECT = 'rates';
const HOUR = 3_600_000;
const THIS_HOUR = Date.parse('2026-03-10T14:00:00.000Z');
const NOW = THIS_HOUR + 30 * 60_000;

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase('alerts_windowed');
  await migrate(db.client, { database: db.database });
});
afterAll(async () => {
  await db?.drop();
});

/** One run's rollup for an hour: gpt-4o calls by the `billing` agent of the `invoices` service. */
const rollup = (hourMs: number, costUsd: number, calls: number, version: number, deleted = false) => ({
  project_id: PROJECT,
  hour: hourMs / 1000,
  service_name: 'invoices',
  agent: 'billing',
  provider: 'openai',
  model: 'gpt-4o',
  trace_id: `trace-${hourMs}`,
  cost_usd: costUsd,
  priced_calls: calls,
  llm_calls: calls,
  uncached_input_tokens: calls * 1_000,
  output_tokens: calls * 100,
  is_deleted: deleted ? 1 : 0,
  updated_at: version,
});

async function insertRollups(rows: ReturnType<typeof rollup>[]): Promise<void> {
  await db.client.insert({ table: `${db.database}.cost_rollups`, values: rows, format: 'JSONEachRow' });
}

const runner = () =>
  new AlertRunner({ client: db.client, database: db.database, options: defaultAlertOptions(), log: () => undefined, now: () => NOW });

describe('the cost rate rule', () => {
  it('fires per agent, model and service when an hour costs far more than the same hour on previous days', async () => {
    // A week of the same afternoon hour at about a dollar, then this hour at $20 in half an hour.
    const baseline = [1, 0.9, 1.1, 1, 1.05, 0.95, 1].map((cost, day) => rollup(THIS_HOUR - (day + 1) * 24 * HOUR, cost, 10, 1));
    await insertRollups([...baseline, rollup(THIS_HOUR, 20, 200, 1)]);

    await runner().runWindowedNow();
    const alerts = await windowedAlerts(db.client, db.database, PROJECT);
    expect(alerts.map((a) => [a.dimension?.kind, a.dimension?.name, a.state]).sort()).toEqual([
      ['agent', 'billing', 'firing'],
      ['model', 'gpt-4o', 'firing'],
      ['service', 'invoices', 'firing'],
    ]);
    for (const alert of alerts) expect(alert).toMatchObject({ ruleId: 'cost_rate_anomaly', traceId: null, traceStartMs: 0, firedAtMs: NOW });
  });

  it('resolves them once the spend is gone, though no spend is left in the window to name the project', async () => {
    // Every rollup of the project tombstoned, as a cost recompute or a retention job would leave them.
    const hours = [...Array.from({ length: 7 }, (_, day) => THIS_HOUR - (day + 1) * 24 * HOUR), THIS_HOUR];
    await insertRollups(hours.map((hour) => rollup(hour, 0, 0, 2, true)));

    await runner().runWindowedNow();
    const alerts = await windowedAlerts(db.client, db.database, PROJECT);
    expect(alerts).toHaveLength(3);
    for (const alert of alerts) expect(alert).toMatchObject({ state: 'resolved', resolvedAtMs: NOW, traceStartMs: 0 });
  });
});
