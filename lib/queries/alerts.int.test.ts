/**
 * The alerting tables against real ClickHouse: alert state read back as its newest version, rules stored as
 * validated edits over the defaults, webhooks, and an outbox that never re-opens a delivered announcement.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findingToAlert } from '../alerts/state';
import type { Alert } from '../alerts/types';
import { migrate } from '../clickhouse/migrate';
import { DEFAULT_DETECTOR_CONFIG } from '../detectors/config';
import { BadRequest, NotFound } from '../errors';
import { createTestDatabase, type TestDatabase } from '../testing/clickhouse';
import { getAlertRules, updateAlertRules } from './alert-rules';
import { alertCounts, alertsOfTraces, firingAlertsOfTraces, listAlerts, saveAlerts, windowedAlerts } from './alerts';
import {
  createWebhook,
  deleteWebhook,
  dueDeliveries,
  enqueueDeliveries,
  listDeliveries,
  listWebhooks,
  saveDeliveries,
  type Delivery,
} from './webhooks';

const T0 = Date.parse('2026-03-01T03:00:00.000Z');
const TRACE = 'ab'.repeat(16);
/** When TRACE started, as the evaluations below saw it. */
const STARTED = T0 - 120_000;
let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase('alerts_queries');
  await migrate(db.client, { database: db.database });
});
afterAll(async () => {
  await db?.drop();
});

const alert = (key: string, overrides: Partial<Alert> = {}): Alert => ({
  ...findingToAlert(
    'p1',
    {
      ruleId: 'repeated_tool_call',
      severity: 'warning',
      title: `loop ${key}`,
      summary: 'same call again',
      traceId: TRACE,
      evidenceSpanIds: ['00000000000000a1', '00000000000000a2'],
      key,
      value: 4,
      threshold: 3,
    },
    T0,
    STARTED,
  ),
  ...overrides,
});

describe('alerts', () => {
  it('reads back the newest state of each alert, with every field', async () => {
    const first = alert('k1');
    await saveAlerts(db.client, db.database, [first, alert('k2', { firedAtMs: T0 + 10 })]);
    await saveAlerts(db.client, db.database, [{ ...first, state: 'resolved', resolvedAtMs: T0 + 60_000 }]);

    const all = (await alertsOfTraces(db.client, db.database, 'p1', [{ traceId: TRACE, startMs: STARTED }])).get(TRACE) ?? [];
    expect(all).toHaveLength(2);
    expect(all.find((a) => a.findingKey === 'k1')).toEqual({ ...first, state: 'resolved', resolvedAtMs: T0 + 60_000 });

    const firing = await listAlerts(db.client, db.database, { projectId: 'p1', state: 'firing', limit: 10 });
    expect(firing.map((a) => a.findingKey)).toEqual(['k2']);
    expect(await alertCounts(db.client, db.database, 'p1')).toEqual({
      byState: { firing: 1, resolved: 1 },
      byRule: { firing: { repeated_tool_call: 1 }, resolved: { repeated_tool_call: 1 } },
    });
    const byRule = await listAlerts(db.client, db.database, { projectId: 'p1', ruleId: 'silent_failure', limit: 10 });
    expect(byRule).toEqual([]);
    expect(await listAlerts(db.client, db.database, { projectId: 'p1', traceId: 'cd'.repeat(16), limit: 10 })).toEqual([]);
    expect(await listAlerts(db.client, db.database, { projectId: 'other', limit: 10 })).toEqual([]);
  });

  it('keeps windowed alerts (no trace) in their own scope', async () => {
    const windowed = alert('model:gpt-4o', {
      ruleId: 'cost_rate_anomaly',
      traceId: null,
      dimension: { kind: 'model', name: 'gpt-4o' },
      traceStartMs: 0,
    });
    await saveAlerts(db.client, db.database, [windowed]);
    expect(await windowedAlerts(db.client, db.database, 'p1')).toEqual([windowed]);
  });

  it("lists and counts the alerts of a window's runs, and the windowed ones", async () => {
    const runs = { fromMs: T0 - 3_600_000, untilMs: T0 + 3_600_000 };
    const at = (key: string, traceStartMs: number, overrides: Partial<Alert> = {}) =>
      alert(key, { projectId: 'window', traceStartMs, fingerprint: `window:${key}`, ...overrides });
    await saveAlerts(db.client, db.database, [
      at('inside', T0),
      at('before', T0 - 7_200_000),
      at('after', T0 + 7_200_000),
      at('inside resolved', T0 - 60_000, { state: 'resolved', resolvedAtMs: T0 }),
      at('rate', 0, { ruleId: 'cost_rate_anomaly', traceId: null, dimension: { kind: 'model', name: 'gpt-4o' } }),
    ]);
    const listed = await listAlerts(db.client, db.database, { projectId: 'window', limit: 10, runs });
    expect(listed.map((a) => a.findingKey).sort()).toEqual(['inside', 'inside resolved', 'rate']);
    const counts = await alertCounts(db.client, db.database, 'window', { runs });
    expect(counts.byState).toEqual({ firing: 2, resolved: 1 });
    expect((await alertCounts(db.client, db.database, 'window')).byState).toEqual({ firing: 4, resolved: 1 });
  });

  it("reads a trace's alerts from the trace's start on, including those fired when it seemed to start later", async () => {
    const traces = { early: 'e1'.repeat(16), late: 'f1'.repeat(16), other: 'f2'.repeat(16) };
    const at = (traceId: string, key: string, traceStartMs: number) => alert(key, { traceId, traceStartMs, fingerprint: `${traceId}:${key}` });
    await saveAlerts(db.client, db.database, [
      at(traces.early, 'a', T0 - 86_400_000),
      // Fired before the run's root span arrived: the run seemed to start two hours after it does.
      at(traces.late, 'b', T0 + 7_200_000),
      at(traces.late, 'c', T0),
      // Stored with a start a day before its trace's (which later spans cannot do): outside the read.
      at(traces.other, 'd', T0 - 86_400_000),
    ]);
    const read = await alertsOfTraces(db.client, db.database, 'p1', [
      { traceId: traces.early, startMs: T0 - 86_400_000 },
      { traceId: traces.late, startMs: T0 },
    ]);
    expect(new Map([...read].map(([traceId, alerts]) => [traceId, alerts.map((a) => a.findingKey).sort()]))).toEqual(
      new Map([
        [traces.early, ['a']],
        [traces.late, ['b', 'c']],
      ]),
    );
    const firing = await firingAlertsOfTraces(db.client, db.database, 'p1', [
      { traceId: traces.late, startMs: T0 },
      { traceId: traces.other, startMs: T0 },
    ]);
    expect([...firing.keys()]).toEqual([traces.late]);
    expect(firing.get(traces.late)).toHaveLength(2);
  });
});

describe('alert rules', () => {
  it('are the defaults until edited, then the edit over the defaults', async () => {
    expect(await getAlertRules(db.client, db.database, 'rules')).toEqual({ config: DEFAULT_DETECTOR_CONFIG, customised: false });
    await updateAlertRules(db.client, db.database, 'rules', { repeated_tool_call: { minCalls: 5 }, silent_failure: { enabled: false } });
    const stored = await getAlertRules(db.client, db.database, 'rules');
    expect(stored.customised).toBe(true);
    expect(stored.config.repeated_tool_call).toEqual({ enabled: true, minCalls: 5 });
    expect(stored.config.silent_failure).toEqual({ enabled: false });
    expect(stored.config.cost_per_run).toEqual(DEFAULT_DETECTOR_CONFIG.cost_per_run);
  });

  it.each([
    [{ cost_per_run: { budgetUsd: -1 } }, /^cost_per_run\.budgetUsd: /],
    [{ repeated_tool_call: { minCalls: 'many' } }, /^repeated_tool_call\.minCalls: /],
    [{ no_such_rule: {} }, /no_such_rule/],
  ])('reject %j naming the field, storing nothing', async (edit, message) => {
    const before = await getAlertRules(db.client, db.database, 'rules');
    const error = await updateAlertRules(db.client, db.database, 'rules', edit).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BadRequest);
    expect((error as Error).message).toMatch(message);
    expect(await getAlertRules(db.client, db.database, 'rules')).toEqual(before);
  });
});

describe('webhooks', () => {
  it('are created, listed per project and deleted', async () => {
    const hook = await createWebhook(db.client, db.database, 'hooks', { url: 'https://hooks.example.com/a', format: 'slack' });
    expect(hook).toMatchObject({ projectId: 'hooks', url: 'https://hooks.example.com/a', format: 'slack', enabled: true });
    expect((await listWebhooks(db.client, db.database, 'hooks')).map((w) => w.id)).toEqual([hook.id]);
    expect(await listWebhooks(db.client, db.database, 'elsewhere')).toEqual([]);
    await deleteWebhook(db.client, db.database, 'hooks', hook.id);
    expect(await listWebhooks(db.client, db.database, 'hooks')).toEqual([]);
    await expect(deleteWebhook(db.client, db.database, 'hooks', hook.id)).rejects.toBeInstanceOf(NotFound);
  });

  it.each([
    [{ url: 'ftp://x' }, /^url: expected an http/],
    [{ url: 'https://x', format: 'teams' }, /^format: /],
    [{}, /^url: /],
  ])('reject %j naming the field', async (body, message) => {
    await expect(createWebhook(db.client, db.database, 'hooks', body)).rejects.toThrow(message);
  });
});

describe('the delivery outbox', () => {
  const delivery = (id: string): Delivery => ({
    id,
    projectId: 'outbox',
    fingerprint: 'f',
    webhookId: 'w',
    event: 'firing',
    alert: {
      fingerprint: 'f',
      projectId: 'outbox',
      ruleId: 'silent_failure',
      state: 'firing',
      severity: 'critical',
      title: 't',
      summary: 's',
      traceId: TRACE,
      evidenceSpanIds: [],
      dimension: null,
      value: 1,
      threshold: 0,
      firstSeen: new Date(T0).toISOString(),
      lastSeen: new Date(T0).toISOString(),
      firedAt: new Date(T0).toISOString(),
      resolvedAt: null,
      link: `/traces/${TRACE}`,
    },
    status: 'pending',
    attempts: 0,
    nextAttemptMs: T0,
    lastStatus: null,
    lastError: '',
    createdMs: T0,
    deliveredMs: null,
    claimedBy: '',
  });

  it('enqueues an announcement once and never re-opens a delivered one', async () => {
    expect(await enqueueDeliveries(db.client, db.database, [delivery('d1'), delivery('d2')])).toBe(2);
    expect((await dueDeliveries(db.client, db.database, T0, 10)).map((d) => d.id).sort()).toEqual(['d1', 'd2']);
    expect(await dueDeliveries(db.client, db.database, T0 - 1, 10)).toEqual([]);

    await saveDeliveries(db.client, db.database, [{ ...delivery('d1'), status: 'delivered', attempts: 3, deliveredMs: T0 + 5 }]);
    expect(await enqueueDeliveries(db.client, db.database, [delivery('d1'), delivery('d3')])).toBe(1);
    const stored = await listDeliveries(db.client, db.database, 'outbox');
    expect(stored.find((d) => d.id === 'd1')).toMatchObject({ status: 'delivered', attempts: 3, deliveredMs: T0 + 5 });
    expect((await dueDeliveries(db.client, db.database, T0, 10)).map((d) => d.id).sort()).toEqual(['d2', 'd3']);
  });
});
