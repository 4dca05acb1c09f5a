/**
 * Alerting end to end: traces sent through a real collector (OTLP over HTTP, the demo's tool-loop scenario), the
 * runner evaluating them against real ClickHouse, and the delivery worker posting to receivers on 127.0.0.1.
 */
import { context, trace, TraceFlags } from '@opentelemetry/api';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '@/lib/clickhouse/migrate';
import { emitScenario } from '@/lib/demo';
import { toolLoop } from '@/lib/demo/scenarios/tool-loop';
import { listAlerts } from '@/lib/queries/alerts';
import { nsToMs } from '@/lib/queries/span-rows';
import { getTraceDetail } from '@/lib/queries/traces';
import { createWebhook, enqueueDeliveries, listDeliveries } from '@/lib/queries/webhooks';
import { createTestDatabase, type TestDatabase } from '@/lib/testing/clickhouse';
import { startTestCollector, type TestCollector } from '@/lib/testing/collector';
import { createTestTracer } from '@/lib/testing/otel';
import { defaultAlertOptions } from './config';
import { DeliveryWorker } from './delivery-worker';
import { startReceiver, waitFor, type TestReceiver } from './test-receiver';

const PUBLIC_URL = 'http://loupe.test';
const fastAlerts = defaultAlertOptions({
  quietMs: 150,
  publicUrl: PUBLIC_URL,
  delivery: { pollMs: 50, backoff: { baseMs: 50, maxMs: 400 }, timeoutMs: 2_000 },
});

let db: TestDatabase;
const open: { collectors: TestCollector[]; receivers: TestReceiver[] } = { collectors: [], receivers: [] };

beforeAll(async () => {
  db = await createTestDatabase('alerts_delivery');
  await migrate(db.client, { database: db.database });
});
afterEach(async () => {
  for (const collector of open.collectors.splice(0)) await collector.close().catch(() => undefined);
  for (const receiver of open.receivers.splice(0)) await receiver.close();
});
afterAll(async () => {
  await db?.drop();
});

async function collectorFor(project: string, alerts = fastAlerts): Promise<TestCollector> {
  const collector = await startTestCollector(db, { defaultProject: project, alerts, refreshIntervalMs: 20 });
  open.collectors.push(collector);
  return collector;
}

async function receiver(respond?: (n: number) => number, port?: number): Promise<TestReceiver> {
  const r = await startReceiver(respond, port);
  open.receivers.push(r);
  return r;
}

async function sendLoop(collector: TestCollector, seed: string): Promise<string> {
  const { run } = await emitScenario(toolLoop, { endpoint: collector.url, seed, now: Date.now(), spreadMs: 0 });
  const traceId = run.traceIds[0];
  if (!traceId) throw new Error('the tool-loop scenario sent no trace');
  return traceId;
}

const loopAlerts = async (project: string) =>
  (await listAlerts(db.client, db.database, { projectId: project, limit: 100 })).filter((a) => a.ruleId === 'repeated_tool_call');

const acceptedPerKey = (r: TestReceiver) => {
  const counts = new Map<string, number>();
  for (const req of r.requests) if (req.status < 300) counts.set(req.idempotencyKey, (counts.get(req.idempotencyKey) ?? 0) + 1);
  return counts;
};

describe('a loop trace sent through the collector', () => {
  it('raises a repeated_tool_call alert whose link names the evidence spans, delivered once past a flaky receiver', async () => {
    const project = 'flaky';
    // Fails the first two requests it gets, then accepts everything.
    const hook = await receiver((n) => (n <= 2 ? 503 : 200));
    const webhook = await createWebhook(db.client, db.database, project, { url: hook.url, format: 'generic' });
    const collector = await collectorFor(project);
    const traceId = await sendLoop(collector, 'flaky-1');

    const [alert] = await waitFor('the loop alert', async () => {
      const found = await loopAlerts(project);
      return found.length > 0 ? found : undefined;
    });
    expect(alert).toMatchObject({ state: 'firing', traceId, ruleId: 'repeated_tool_call' });
    const detail = await getTraceDetail(db.client, db.database, project, traceId);
    const evidence = detail.spans.filter((s) => alert?.evidenceSpanIds.includes(s.spanId));
    expect(evidence.length).toBeGreaterThanOrEqual(3);
    expect(evidence.every((s) => s.toolName === 'get_order_status')).toBe(true);

    await waitFor('a successful delivery of the loop alert', () =>
      hook.requests.some((r) => r.status === 200 && JSON.stringify(r.body).includes('repeated_tool_call')) ? true : undefined,
    );
    // Give the worker time to (wrongly) send anything twice.
    await new Promise((resolve) => setTimeout(resolve, 500));

    const deliveries = await listDeliveries(db.client, db.database, project);
    expect(deliveries.length).toBeGreaterThan(0);
    expect(deliveries.every((d) => d.status === 'delivered' && d.webhookId === webhook.id)).toBe(true);
    const accepted = acceptedPerKey(hook);
    for (const delivery of deliveries) expect(accepted.get(delivery.id)).toBe(1);
    expect(hook.requests.filter((r) => r.status === 503)).toHaveLength(2);

    const loopBody = hook.requests.find((r) => r.status === 200 && JSON.stringify(r.body).includes('repeated_tool_call'))?.body as {
      event: string;
      alert: { url: string; evidenceSpanIds: string[] };
    };
    const ids = alert?.evidenceSpanIds ?? [];
    expect(loopBody.event).toBe('firing');
    expect(loopBody.alert.url).toBe(`${PUBLIC_URL}/traces/${traceId}?span=${ids[0]}&highlight=${ids.join(',')}`);

    // What an operator of the collector sees of it on /metrics.
    const metrics = await (await fetch(`${collector.url}/metrics`)).text();
    expect(counter(metrics, 'loupe_webhook_deliveries_total', 'outcome', 'failed')).toBe(2);
    expect(counter(metrics, 'loupe_webhook_deliveries_total', 'outcome', 'delivered')).toBe(deliveries.length);
    expect(counter(metrics, 'loupe_alert_announcements_total', 'event', 'firing')).toBe(deliveries.length);
    expect(counter(metrics, 'loupe_alert_evaluations_total', 'outcome', 'ok')).toBeGreaterThan(0);
    expect(counter(metrics, 'loupe_alert_evaluations_total', 'outcome', 'failed')).toBe(0);
  });
});

/** A labelled counter's value in Prometheus text; 0 when the series has not been counted yet. */
function counter(text: string, name: string, label: string, value: string): number {
  return Number(new RegExp(`^${name}\\{${label}="${value}"\\} (\\d+)$`, 'm').exec(text)?.[1] ?? 0);
}

describe('a trace whose summary is rebuilt late', () => {
  it('is judged once it has been quiet for the quiet period since its spans were committed, not since the rebuild', async () => {
    const project = 'late-rebuild';
    const quietMs = 3_000;
    // No rebuild until the test asks for one (refreshIntervalMs), as under load a rebuild can lag for seconds.
    const collector = await startTestCollector(db, {
      defaultProject: project,
      alerts: { ...fastAlerts, quietMs },
      refreshIntervalMs: 600_000,
    });
    open.collectors.push(collector);
    await sendLoop(collector, 'late-1');
    await new Promise((r) => setTimeout(r, quietMs));
    await collector.flushDerived();
    const rebuiltAt = Date.now();
    // Already quiet for 3 s: judged at the runner's next tick (every 300 ms), not 3 s after the rebuild.
    await waitFor('the loop alert', async () => ((await loopAlerts(project)).length > 0 ? true : undefined), quietMs - 1_000);
    expect(Date.now() - rebuiltAt).toBeLessThan(quietMs);
  });
});

describe('a receiver that is down', () => {
  it('gets the alert once it comes back', async () => {
    const project = 'down';
    const placeholder = await startReceiver();
    const port = placeholder.port;
    await placeholder.close(); // nothing listens on the port now
    await createWebhook(db.client, db.database, project, { url: `http://127.0.0.1:${port}/hook`, format: 'slack' });
    const collector = await collectorFor(project);
    const traceId = await sendLoop(collector, 'down-1');

    const failing = await waitFor('failed attempts to the dead receiver', async () => {
      const deliveries = await listDeliveries(db.client, db.database, project);
      const retried = deliveries.filter((d) => d.status === 'pending' && d.attempts >= 2);
      return retried.length > 0 ? retried : undefined;
    });
    expect(failing[0]?.lastError).not.toBe('');

    const hook = await receiver(() => 200, port);
    await waitFor('every delivery delivered', async () => {
      const deliveries = await listDeliveries(db.client, db.database, project);
      return deliveries.length > 0 && deliveries.every((d) => d.status === 'delivered') ? true : undefined;
    });
    const slack = hook.requests.map((r) => r.body as { text: string; blocks: unknown[] });
    const loop = slack.find((b) => b.text.includes('Repeated tool call'));
    expect(loop?.blocks.length).toBeGreaterThan(0);
    expect(JSON.stringify(loop)).toContain(`${PUBLIC_URL}/traces/${traceId}?span=`);
    for (const count of acceptedPerKey(hook).values()) expect(count).toBe(1);
  });
});

describe('a restarted collector', () => {
  it('neither forgets a trace it had not evaluated nor pages twice for one it had', async () => {
    const project = 'restart';
    const hook = await receiver();
    await createWebhook(db.client, db.database, project, { url: hook.url, format: 'generic' });

    // The first process stores the trace but stops before the trace has been quiet long enough to evaluate.
    const first = await collectorFor(project, { ...fastAlerts, quietMs: 60_000 });
    const traceId = await sendLoop(first, 'restart-1');
    await first.flushDerived();
    await first.close();
    expect(await loopAlerts(project)).toEqual([]);

    // The second one picks the trace up at start and fires once.
    const second = await collectorFor(project);
    await waitFor('the alert after the restart', async () => ((await loopAlerts(project)).length > 0 ? true : undefined));
    await waitFor('its delivery', () => (hook.requests.length > 0 ? true : undefined));
    await waitFor('the runner to settle', () => (second.alerting.runner.idle ? true : undefined));
    await second.close();
    const [fired] = await loopAlerts(project);
    const deliveredBefore = hook.requests.length;

    // The third re-evaluates the same trace: same alert, nothing new announced.
    const third = await collectorFor(project);
    await new Promise((resolve) => setTimeout(resolve, 400));
    await waitFor('the runner to settle', () => (third.alerting.runner.idle ? true : undefined));
    await new Promise((resolve) => setTimeout(resolve, 300));
    await third.close();

    const after = await loopAlerts(project);
    expect(after).toHaveLength(1);
    expect(after[0]).toMatchObject({ fingerprint: fired?.fingerprint, state: 'firing', firedAtMs: fired?.firedAtMs, traceId });
    expect(after[0]?.lastSeenMs).toBeGreaterThan(fired?.lastSeenMs ?? Infinity);
    expect(hook.requests.length).toBe(deliveredBefore);
    for (const count of acceptedPerKey(hook).values()) expect(count).toBe(1);
  });
});

describe('a run whose earliest span arrives after its alert fired', () => {
  it('keeps one alert, with the start it fired with, and announces it once', async () => {
    const project = 'late-root';
    const hook = await receiver();
    await createWebhook(db.client, db.database, project, { url: hook.url, format: 'generic' });
    const collector = await collectorFor(project);
    const traceId = await sendLoop(collector, 'late-root-1');
    const fired = await waitFor('the loop alert', async () => (await loopAlerts(project))[0]);
    await waitFor('its delivery', () => (hook.requests.some((r) => r.status === 200) ? true : undefined));

    // The run's root, sent last, started three hours before every span the alert was judged on.
    const rootStartMs = fired.traceStartMs - 3 * 3_600_000;
    const { tracer, shutdown } = createTestTracer({ collectorUrl: collector.url, protocol: 'protobuf', serviceName: 'support' });
    const inTrace = trace.setSpanContext(context.active(), { traceId, spanId: '00000000000000ff', traceFlags: TraceFlags.SAMPLED });
    tracer.startSpan('invoke_agent support', { startTime: rootStartMs }, inTrace).end(rootStartMs + 1_000);
    await shutdown();

    await waitFor('the re-evaluation', async () => {
      const [alert] = await loopAlerts(project);
      return alert && alert.lastSeenMs > fired.lastSeenMs ? alert : undefined;
    });
    await waitFor('the runner to settle', () => (collector.alerting.runner.idle ? true : undefined));
    const detail = await getTraceDetail(db.client, db.database, project, traceId);
    expect(Math.floor(nsToMs(detail.trace.startTimeUnixNano))).toBe(rootStartMs);

    const after = await loopAlerts(project);
    expect(after).toHaveLength(1);
    expect(after[0]).toMatchObject({ fingerprint: fired.fingerprint, state: 'firing', firedAtMs: fired.firedAtMs, traceStartMs: fired.traceStartMs });
    const loopFirings = hook.requests.filter((r) => r.status === 200 && JSON.stringify(r.body).includes('repeated_tool_call'));
    expect(loopFirings).toHaveLength(1);
  });
});

describe('two collectors on one database', () => {
  it('deliver each announcement once between them', async () => {
    const project = 'pair';
    const hook = await receiver();
    await createWebhook(db.client, db.database, project, { url: hook.url, format: 'generic' });
    const a = await collectorFor(project);
    const b = await collectorFor(project);
    await sendLoop(a, 'pair-1');
    await sendLoop(b, 'pair-2');
    await waitFor('both loop alerts', async () => ((await loopAlerts(project)).length === 2 ? true : undefined));
    await waitFor('every delivery delivered', async () => {
      const deliveries = await listDeliveries(db.client, db.database, project);
      return deliveries.length >= 2 && deliveries.every((d) => d.status === 'delivered') ? true : undefined;
    });
    await new Promise((resolve) => setTimeout(resolve, 500));
    const deliveries = await listDeliveries(db.client, db.database, project);
    expect([...acceptedPerKey(hook).keys()].sort()).toEqual(deliveries.map((d) => d.id).sort());
    for (const count of acceptedPerKey(hook).values()) expect(count).toBe(1);
  });
});

describe('an idle delivery worker', () => {
  it('looks at the outbox less and less often, and still finds a delivery it was not told about', async () => {
    const project = 'idle';
    const hook = await receiver();
    await createWebhook(db.client, db.database, project, { url: hook.url, format: 'generic' });
    await sendLoop(await collectorFor(project), 'idle-1');
    await waitFor('the first delivery', async () => ((await listDeliveries(db.client, db.database, project))[0]?.status === 'delivered' ? true : undefined));
    for (const collector of open.collectors.splice(0)) await collector.close();
    const [delivered] = await listDeliveries(db.client, db.database, project);
    if (!delivered) throw new Error('no delivery was stored');

    const options = { ...fastAlerts, delivery: { ...fastAlerts.delivery, pollMs: 50, idlePollMaxMs: 400 } };
    const worker = new DeliveryWorker({ client: db.client, database: db.database, options, log: () => undefined });
    worker.start();
    try {
      await new Promise((resolve) => setTimeout(resolve, 1500));
      // Every 50 ms that would be 30 looks; doubling from 50 ms up to 400 ms it is 6 (at 0, 50, 150, 350, 750, 1150 ms).
      expect(worker.rounds).toBeGreaterThanOrEqual(2);
      expect(worker.rounds).toBeLessThanOrEqual(7);

      // As another collector would leave it: in the outbox, without waking this worker.
      const stranger = { ...delivered, id: `${delivered.id}-again`, status: 'pending' as const, attempts: 0, deliveredMs: null, nextAttemptMs: Date.now() };
      await enqueueDeliveries(db.client, db.database, [stranger]);
      await waitFor('the delivery left by another collector', async () => (acceptedPerKey(hook).has(stranger.id) ? true : undefined));
    } finally {
      await worker.stop();
    }
  });
});
