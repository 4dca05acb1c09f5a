/**
 * The alerts API called as Next calls it, against real ClickHouse through the server's own client singleton.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReceiver, type TestReceiver } from '@/collector/alerts/test-receiver';
import { findingToAlert } from '@/lib/alerts/state';
import type { ApiAlert, ApiAlertList, ApiAlertRules, ApiWebhookList, Webhook, WebhookTestResult } from '@/lib/alerts/types';
import { migrate } from '@/lib/clickhouse/migrate';
import { DEFAULT_DETECTOR_CONFIG, type DetectorConfig } from '@/lib/detectors/config';
import { saveAlerts } from '@/lib/queries/alerts';
import { createWebhook, listDeliveries } from '@/lib/queries/webhooks';
import { closeServerClickHouse } from '@/lib/server/clickhouse';
import { createTestDatabase, type TestDatabase } from '@/lib/testing/clickhouse';
import { POST as resolveAlert } from './[fingerprint]/resolve/route';
import { GET as getRules, PUT as putRules } from './rules/route';
import { GET as getAlerts } from './route';
import { DELETE as deleteWebhook } from './webhooks/[webhookId]/route';
import { POST as testWebhook } from './webhooks/[webhookId]/test/route';
import { GET as getWebhooks, POST as postWebhook } from './webhooks/route';

const TRACE = 'c0ffee'.padEnd(32, '0');
let db: TestDatabase;
let hook: TestReceiver;

beforeAll(async () => {
  db = await createTestDatabase('alerts_api');
  await migrate(db.client, { database: db.database });
  process.env.CLICKHOUSE_URL = db.url;
  process.env.CLICKHOUSE_DATABASE = db.database;
  delete process.env.LOUPE_DEFAULT_PROJECT;
  hook = await startReceiver();
  const base = {
    severity: 'warning' as const,
    summary: 's',
    evidenceSpanIds: ['00000000000000a1', '00000000000000a2'],
    value: 5,
    threshold: 3,
  };
  await saveAlerts(db.client, db.database, [
    findingToAlert('default', { ...base, ruleId: 'repeated_tool_call', title: 'loop', traceId: TRACE, key: 'a' }, 1_000, 500),
    {
      ...findingToAlert('default', { ...base, ruleId: 'silent_failure', title: 'silent', traceId: TRACE, key: 'b' }, 2_000, 500),
      state: 'resolved',
      resolvedAtMs: 3_000,
    },
  ]);
});
afterAll(async () => {
  await closeServerClickHouse();
  await hook?.close();
  await db?.drop();
});

const url = (path: string) => `http://127.0.0.1:3000${path}`;
const json = (method: string, path: string, body: unknown) =>
  new Request(url(path), { method, body: typeof body === 'string' ? body : JSON.stringify(body), headers: { 'content-type': 'application/json' } });
const params = <T>(value: T) => ({ params: Promise.resolve(value) });

describe('GET /api/v1/alerts', () => {
  it('lists alerts with links to the evidence, filtered by state and trace', async () => {
    const all = (await (await getAlerts(new Request(url('/api/v1/alerts')))).json()) as ApiAlertList;
    expect(all.alerts.map((a) => [a.ruleId, a.state])).toEqual([
      ['repeated_tool_call', 'firing'],
      ['silent_failure', 'resolved'],
    ]);
    expect(all.counts).toEqual({ firing: 1, resolved: 1 });
    expect(all.alerts[0]?.link).toBe(`/traces/${TRACE}?span=00000000000000a1&highlight=00000000000000a1,00000000000000a2`);

    const resolved = (await (await getAlerts(new Request(url(`/api/v1/alerts?state=resolved&traceId=${TRACE.toUpperCase()}`)))).json()) as ApiAlertList;
    expect(resolved.alerts.map((a) => a.title)).toEqual(['silent']);
    expect(resolved.alerts[0]?.resolvedAt).toBe(new Date(3_000).toISOString());
  });

  it("keeps the last day's runs only with window=24h", async () => {
    // The alerts above fired on a run that started in 1970.
    const all = (await (await getAlerts(new Request(url('/api/v1/alerts?window=all')))).json()) as ApiAlertList;
    expect(all.counts).toEqual({ firing: 1, resolved: 1 });
    const day = (await (await getAlerts(new Request(url('/api/v1/alerts?window=24h')))).json()) as ApiAlertList;
    expect(day.alerts).toEqual([]);
    expect(day.counts).toEqual({ firing: 0, resolved: 0 });
  });

  it.each(['state=open', 'limit=0', 'traceId=xyz', 'colour=red', 'window=week'])('answers 400 to %s', async (query) => {
    const res = await getAlerts(new Request(url(`/api/v1/alerts?${query}`)));
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toMatch(new RegExp(`^${query.split('=')[0]}|query`));
  });
});

describe('/api/v1/alerts/rules', () => {
  it('serves the defaults, stores an edit and serves it back', async () => {
    const initial = (await (await getRules(new Request(url('/api/v1/alerts/rules')))).json()) as ApiAlertRules<DetectorConfig>;
    expect(initial).toEqual({ rules: DEFAULT_DETECTOR_CONFIG, defaults: DEFAULT_DETECTOR_CONFIG, customised: false });
    const res = await putRules(json('PUT', '/api/v1/alerts/rules', { cost_per_run: { budgetUsd: 2.5 } }));
    expect(res.status).toBe(200);
    const after = (await (await getRules(new Request(url('/api/v1/alerts/rules')))).json()) as ApiAlertRules<DetectorConfig>;
    expect(after.rules.cost_per_run).toEqual({ enabled: true, budgetUsd: 2.5 });
    expect(after.customised).toBe(true);
  });

  it.each([
    [{ step_explosion: { maxModelCalls: 0 } }, /^step_explosion\.maxModelCalls: /],
    ['{not json', /^body: /],
  ])('answers 400 naming the field for %j', async (body, message) => {
    const res = await putRules(json('PUT', '/api/v1/alerts/rules', body));
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toMatch(message);
  });
});

describe('/api/v1/alerts/webhooks', () => {
  it('adds, lists, tests and deletes a webhook', async () => {
    const created = await postWebhook(json('POST', '/api/v1/alerts/webhooks', { url: hook.url, format: 'generic' }));
    expect(created.status).toBe(201);
    const webhook = (await created.json()) as Webhook;
    const list = (await (await getWebhooks(new Request(url('/api/v1/alerts/webhooks')))).json()) as ApiWebhookList;
    expect(list.webhooks.map((w) => w.url)).toEqual([hook.url]);

    const tested = (await (await testWebhook(json('POST', '', {}), params({ webhookId: webhook.id }))).json()) as WebhookTestResult;
    expect(tested).toMatchObject({ ok: true, status: 200, detail: 'accepted' });
    expect(hook.requests.at(-1)?.body).toMatchObject({ event: 'firing', alert: { title: expect.stringMatching(/^Test alert/) } });

    expect((await deleteWebhook(new Request(url(''), { method: 'DELETE' }), params({ webhookId: webhook.id }))).status).toBe(200);
    const empty = (await (await getWebhooks(new Request(url('/api/v1/alerts/webhooks')))).json()) as ApiWebhookList;
    expect(empty.webhooks).toEqual([]);
    expect((await deleteWebhook(new Request(url(''), { method: 'DELETE' }), params({ webhookId: webhook.id }))).status).toBe(404);
  });

  it('reports a receiver that is not there', async () => {
    const created = (await (await postWebhook(json('POST', '/api/v1/alerts/webhooks', { url: 'http://127.0.0.1:9/none', format: 'slack' }))).json()) as Webhook;
    const tested = (await (await testWebhook(json('POST', '', {}), params({ webhookId: created.id }))).json()) as WebhookTestResult;
    expect(tested.ok).toBe(false);
    expect(tested.status).toBeNull();
    expect(tested.detail).toMatch(/ECONNREFUSED|fetch failed/);
  });

  it('answers 400 naming a bad url', async () => {
    const res = await postWebhook(json('POST', '/api/v1/alerts/webhooks', { url: 'not a url' }));
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toMatch(/^url: /);
  });
});

describe('POST /api/v1/alerts/{fingerprint}/resolve', () => {
  const headers = { 'x-loupe-project': 'oncall' };
  const resolve = (fingerprint: string) =>
    resolveAlert(new Request(url(`/api/v1/alerts/${fingerprint}/resolve`), { method: 'POST', headers }), params({ fingerprint }));

  it('resolves a firing alert and announces it once to each webhook; a second time changes nothing', async () => {
    const webhook = await createWebhook(db.client, db.database, 'oncall', { url: hook.url, format: 'generic' });
    const finding = { severity: 'critical' as const, summary: 's', evidenceSpanIds: [], value: 4, threshold: 2 };
    const alert = findingToAlert('oncall', { ...finding, ruleId: 'agent_ping_pong', title: 'ping-pong', traceId: TRACE, key: 'pp' }, 5_000, 500);
    await saveAlerts(db.client, db.database, [alert]);

    const first = await resolve(alert.fingerprint.toUpperCase());
    expect(first.status).toBe(200);
    const resolved = (await first.json()) as ApiAlert;
    expect(resolved).toMatchObject({ fingerprint: alert.fingerprint, state: 'resolved', firedAt: new Date(5_000).toISOString() });
    expect(Date.now() - Date.parse(resolved.resolvedAt ?? '')).toBeLessThan(60_000);
    const list = (await (await getAlerts(new Request(url('/api/v1/alerts?state=resolved'), { headers }))).json()) as ApiAlertList;
    expect(list.alerts.map((a) => a.fingerprint)).toEqual([alert.fingerprint]);
    expect(list.counts).toEqual({ firing: 0, resolved: 1 });
    const announced = (await listDeliveries(db.client, db.database, 'oncall')).map((d) => [d.webhookId, d.fingerprint, d.event, d.status]);
    expect(announced).toEqual([[webhook.id, alert.fingerprint, 'resolved', 'pending']]);

    const again = await resolve(alert.fingerprint);
    expect(again.status).toBe(200);
    expect(((await again.json()) as ApiAlert).resolvedAt).toBe(resolved.resolvedAt);
    expect(await listDeliveries(db.client, db.database, 'oncall')).toHaveLength(1);
  });

  it.each([
    ['0'.repeat(32), 404, /not found/],
    ['not-a-fingerprint', 400, /^fingerprint: /],
  ])('answers %s with %i', async (fingerprint, status, message) => {
    const res = await resolve(fingerprint);
    expect(res.status).toBe(status);
    expect(((await res.json()) as { error: string }).error).toMatch(message);
  });
});
