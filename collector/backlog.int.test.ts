/**
 * The backlog gauges on /metrics: how many traces wait for their derived tables and for their alert rules, so an
 * operator (and bench/ingest) can see how far behind ingest the collector's own work is.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultAlertOptions } from './alerts';
import { createTestDatabase, type TestDatabase } from '../lib/testing/clickhouse';
import { startTestCollector, type TestCollector } from '../lib/testing/collector';

let db: TestDatabase;
let collector: TestCollector;

beforeAll(async () => {
  db = await createTestDatabase('backlog');
  // Rebuilds and alert rules wait long enough that the test sees them waiting.
  collector = await startTestCollector(db, { refreshIntervalMs: 60_000, alerts: defaultAlertOptions({ quietMs: 60_000 }) });
});
afterAll(async () => {
  await collector?.close();
  await db?.drop();
});

const span = (traceId: string, spanId: string) => ({
  traceId,
  spanId,
  name: 'step',
  kind: 1,
  startTimeUnixNano: String(BigInt(Date.now()) * 1_000_000n),
  endTimeUnixNano: String(BigInt(Date.now() + 5) * 1_000_000n),
});

async function metricsText(): Promise<string> {
  return (await fetch(`${collector.url}/metrics`)).text();
}

const value = (text: string, name: string) => Number(new RegExp(`^${name} (\\d+)$`, 'm').exec(text)?.[1] ?? NaN);

async function gauges(): Promise<{ derived: number; alerts: number }> {
  const text = await metricsText();
  return { derived: value(text, 'loupe_derived_backlog_traces'), alerts: value(text, 'loupe_alert_backlog_traces') };
}

describe('backlog gauges', () => {
  it('count the traces waiting for a rebuild, then for their alert rules', async () => {
    expect(await gauges()).toEqual({ derived: 0, alerts: 0 });
    const body = { resourceSpans: [{ scopeSpans: [{ spans: [span('ab'.repeat(16), '01'.repeat(8)), span('cd'.repeat(16), '02'.repeat(8))] }] }] };
    const response = await fetch(`${collector.url}/v1/traces`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect(response.status).toBe(200);
    expect(await gauges()).toEqual({ derived: 2, alerts: 0 });
    await collector.flushDerived();
    expect(await gauges()).toEqual({ derived: 0, alerts: 2 });
    // Both traces were new, so both were rebuilt from the spans the collector had just written.
    const text = await metricsText();
    expect(value(text, 'loupe_remembered_spans')).toBe(2);
    expect(value(text, 'loupe_derived_traces_total\\{source="memory"\\}')).toBe(2);
    expect(value(text, 'loupe_derived_traces_total\\{source="storage"\\}')).toBe(0);
    // Nothing is waiting to be decoded once the exports were answered.
    expect(value(text, 'loupe_exports_waiting_bytes')).toBe(0);
  });
});
