/**
 * The delivery worker: posts due deliveries from the outbox (`alert_deliveries`) to their webhooks. A delivery
 * stays pending until a receiver answers 2xx — failures (refused connection, timeout, 5xx, 4xx) are recorded and
 * retried with exponential backoff for as long as it takes, so a receiver that is down gets its alerts when it is
 * back. Each request carries the delivery id as `Idempotency-Key`, so a receiver can drop a repeat it already
 * processed (an answer lost on the way back is retried).
 *
 * Several collectors may run workers on one database. A round claims its deliveries (writes them with its worker
 * id and a next attempt past the time it needs), waits `claimSettleMs`, reads them back and sends only those it
 * still holds: of two workers claiming together, the later claim wins and the other backs off. A worker that dies
 * mid-round leaves claims that expire, and the deliveries become due again.
 *
 * Deliveries to one webhook go in order, one at a time; webhooks are served in parallel.
 */
import { randomUUID } from 'node:crypto';
import type { ClickHouseClient } from '@clickhouse/client';
import { backoffDelayMs } from '../../lib/alerts/backoff';
import { sendWebhook } from '../../lib/alerts/send';
import type { Webhook } from '../../lib/alerts/types';
import { NotFound } from '../../lib/errors';
import { deliveriesById, dueDeliveries, getWebhook, saveDeliveries, type Delivery } from '../../lib/queries/webhooks';
import type { AlertingMetrics } from '../metrics';
import type { AlertOptions } from './config';

export interface DeliveryWorkerDeps {
  client: ClickHouseClient;
  database: string;
  options: AlertOptions;
  log: (message: string) => void;
  now?: () => number;
  /** Delivery attempts by outcome, counted when given. */
  metrics?: Pick<AlertingMetrics, 'webhookDeliveries'>;
}

const CLAIM_MARGIN_MS = 5_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function groupByWebhook(deliveries: readonly Delivery[]): Delivery[][] {
  const groups = new Map<string, Delivery[]>();
  for (const delivery of deliveries) {
    const key = `${delivery.projectId}\u0000${delivery.webhookId}`;
    groups.set(key, [...(groups.get(key) ?? []), delivery]);
  }
  return [...groups.values()];
}

export class DeliveryWorker {
  readonly id = randomUUID();
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = false;
  /** Rounds in a row that found nothing due: the wait before the next one doubles with each, up to `idlePollMaxMs`. */
  private idleRounds = 0;
  /** The earliest retry this worker scheduled and has not looked for yet: the next round comes no later. */
  private retryAtMs: number | null = null;
  private roundsRun = 0;
  private readonly now: () => number;

  constructor(private readonly deps: DeliveryWorkerDeps) {
    this.now = deps.now ?? Date.now;
  }

  start(): void {
    this.kick();
  }

  /** How many times this worker has looked at the outbox. */
  get rounds(): number {
    return this.roundsRun;
  }

  /** Looks for due deliveries now (after the current round, if one is running): new alerts call this. */
  kick(): void {
    this.idleRounds = 0;
    this.poll();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  private poll(): void {
    if (this.stopped) return;
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    if (this.running) {
      this.again = true;
      return;
    }
    if (this.retryAtMs !== null && this.retryAtMs <= this.now()) this.retryAtMs = null;
    this.roundsRun++;
    this.running = this.round()
      .then((found) => {
        this.idleRounds = found ? 0 : this.idleRounds + 1;
      })
      .catch((error: unknown) => this.deps.log(`alerts: delivery round failed, retrying: ${String(error)}`))
      .finally(() => {
        this.running = null;
        if (this.again) {
          this.again = false;
          this.poll();
        } else {
          this.scheduleNext();
        }
      });
  }

  /**
   * An idle worker looks less and less often (each look is a query): other collectors' deliveries and claims
   * left by a collector that died are still found within `idlePollMaxMs`, and this worker's own new alerts and
   * retries wake it at once.
   */
  private scheduleNext(): void {
    if (this.stopped) return;
    const { pollMs, idlePollMaxMs } = this.deps.options.delivery;
    let delay = Math.min(pollMs * 2 ** Math.min(this.idleRounds, 20), Math.max(pollMs, idlePollMaxMs));
    if (this.retryAtMs !== null) delay = Math.min(delay, Math.max(0, this.retryAtMs - this.now()));
    this.timer = setTimeout(() => this.poll(), delay);
    this.timer.unref();
  }

  private retryAt(ms: number): void {
    if (this.retryAtMs === null || ms < this.retryAtMs) this.retryAtMs = ms;
  }

  /** One look at the outbox; whether anything was due. */
  private async round(): Promise<boolean> {
    const { client, database, options } = this.deps;
    const due = await dueDeliveries(client, database, this.now(), options.delivery.batchSize);
    if (due.length === 0) return false;
    const now = this.now();
    const claims = groupByWebhook(due).flatMap((queue) =>
      queue.map((d, position) => ({
        ...d,
        claimedBy: this.id,
        nextAttemptMs: now + (position + 1) * options.delivery.timeoutMs + CLAIM_MARGIN_MS,
      })),
    );
    await saveDeliveries(client, database, claims);
    await sleep(options.delivery.claimSettleMs);
    const held = (await deliveriesById(client, database, claims.map((d) => d.id))).filter(
      (d) => d.claimedBy === this.id && d.status === 'pending',
    );
    await Promise.all(groupByWebhook(held).map((queue) => this.serve(queue)));
    return true;
  }

  private async serve(queue: Delivery[]): Promise<void> {
    const first = queue[0];
    if (!first) return;
    const { client, database } = this.deps;
    const webhook = await getWebhook(client, database, first.projectId, first.webhookId).catch((error: unknown) => {
      if (error instanceof NotFound) return null;
      throw error;
    });
    if (!webhook || !webhook.enabled) {
      const lastError = webhook ? 'webhook disabled' : 'webhook deleted';
      await saveDeliveries(client, database, queue.map((d) => ({ ...d, status: 'cancelled' as const, claimedBy: '', lastError })));
      this.deps.metrics?.webhookDeliveries.inc({ outcome: 'cancelled' }, queue.length);
      return;
    }
    for (const [index, delivery] of queue.entries()) {
      if (this.stopped) return; // the claims expire and another round (or process) takes over
      const retryAtMs = await this.attempt(delivery, webhook);
      if (retryAtMs !== null) {
        // A receiver that just failed would likely fail the rest too: they wait for the same retry time.
        const rest = queue.slice(index + 1).map((d) => ({ ...d, claimedBy: '', nextAttemptMs: retryAtMs }));
        await saveDeliveries(client, database, rest);
        this.retryAt(retryAtMs);
        return;
      }
    }
  }

  /** One attempt: null when the receiver accepted it, else when to try again. */
  private async attempt(delivery: Delivery, webhook: Webhook): Promise<number | null> {
    const { client, database, options } = this.deps;
    const result = await sendWebhook({
      url: webhook.url,
      format: webhook.format,
      alert: delivery.alert,
      event: delivery.event,
      publicUrl: options.publicUrl,
      idempotencyKey: delivery.id,
      timeoutMs: options.delivery.timeoutMs,
    });
    const attempts = delivery.attempts + 1;
    const now = this.now();
    const settled = { ...delivery, attempts, claimedBy: '', lastStatus: result.status };
    if (result.ok) {
      await saveDeliveries(client, database, [{ ...settled, status: 'delivered', lastError: '', deliveredMs: now }]);
      this.deps.metrics?.webhookDeliveries.inc({ outcome: 'delivered' });
      return null;
    }
    const retryAtMs = now + backoffDelayMs(attempts, options.delivery.backoff);
    await saveDeliveries(client, database, [{ ...settled, nextAttemptMs: retryAtMs, lastError: result.detail }]);
    this.deps.metrics?.webhookDeliveries.inc({ outcome: 'failed' });
    if (attempts === 1 || attempts % 10 === 0) {
      this.deps.log(`alerts: delivery to ${webhook.url} failed (attempt ${attempts}): ${result.detail.slice(0, 120)}`);
    }
    return retryAtMs;
  }
}
