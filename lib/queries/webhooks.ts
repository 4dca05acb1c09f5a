/**
 * Webhooks per project and the delivery outbox (`alert_deliveries`). Every change is a new row with a larger
 * version, read with FINAL. A delivery is enqueued once per id (announcement × webhook): enqueueing an id that
 * already exists writes nothing, so an evaluation repeated after a crash cannot reset a delivered row to pending.
 */
import { randomUUID } from 'node:crypto';
import type { ClickHouseClient } from '@clickhouse/client';
import { z } from 'zod';
import { BadRequest, NotFound } from '../errors';
import { table } from '../clickhouse/migrations/ddl';
import { asStorageFailure, selectRows } from '../clickhouse/query';
import { apiAlertSchema, newWebhookSchema } from '../alerts/schema';
import { ALERT_EVENTS, WEBHOOK_FORMATS, type AlertEvent, type ApiAlert, type Webhook } from '../alerts/types';
import { nextRowVersion } from '../alerts/version';

const webhookRow = z.object({
  project_id: z.string(),
  id: z.string(),
  url: z.string(),
  format: z.enum(WEBHOOK_FORMATS),
  enabled: z.boolean(),
  created_ms: z.coerce.number(),
});

const toWebhook = (r: z.infer<typeof webhookRow>): Webhook => ({
  id: r.id,
  projectId: r.project_id,
  url: r.url,
  format: r.format,
  enabled: r.enabled,
  createdAt: new Date(r.created_ms).toISOString(),
});

async function insert(client: ClickHouseClient, database: string, name: string, values: object[], tag: string) {
  try {
    await client.insert({ table: `${database}.${name}`, values, format: 'JSONEachRow' });
  } catch (error) {
    throw asStorageFailure(error, tag);
  }
}

export async function listWebhooks(
  client: ClickHouseClient,
  database: string,
  projectId: string,
  options: { signal?: AbortSignal; enabledOnly?: boolean } = {},
): Promise<Webhook[]> {
  const rows = await selectRows({
    client,
    tag: 'webhooks.list',
    sql: `SELECT project_id, id, url, format, enabled, toUnixTimestamp64Milli(created_at) AS created_ms
      FROM ${table({ database }, 'webhooks')} FINAL
      WHERE project_id = {projectId:String} AND NOT deleted ${options.enabledOnly ? 'AND enabled' : ''}
      ORDER BY created_at, id`,
    params: { projectId },
    row: webhookRow,
    signal: options.signal,
  });
  return rows.map(toWebhook);
}

export async function getWebhook(client: ClickHouseClient, database: string, projectId: string, id: string): Promise<Webhook> {
  const rows = await selectRows({
    client,
    tag: 'webhooks.get',
    sql: `SELECT project_id, id, url, format, enabled, toUnixTimestamp64Milli(created_at) AS created_ms
      FROM ${table({ database }, 'webhooks')} FINAL
      WHERE project_id = {projectId:String} AND id = {id:String} AND NOT deleted`,
    params: { projectId, id },
    row: webhookRow,
  });
  const row = rows[0];
  if (!row) throw new NotFound(`Webhook ${id} not found in project ${projectId}`);
  return toWebhook(row);
}

/** Validates and stores a new webhook; BadRequest names the bad field. */
export async function createWebhook(client: ClickHouseClient, database: string, projectId: string, body: unknown): Promise<Webhook> {
  const parsed = newWebhookSchema.safeParse(body);
  if (!parsed.success) {
    throw new BadRequest(parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; '));
  }
  const now = Date.now();
  const webhook: Webhook = { id: randomUUID(), projectId, ...parsed.data, createdAt: new Date(now).toISOString() };
  await insert(
    client,
    database,
    'webhooks',
    [{ project_id: projectId, id: webhook.id, url: webhook.url, format: webhook.format, enabled: webhook.enabled, deleted: false, created_at: now, version: nextRowVersion() }],
    'webhooks.create',
  );
  return webhook;
}

export async function deleteWebhook(client: ClickHouseClient, database: string, projectId: string, id: string): Promise<void> {
  const webhook = await getWebhook(client, database, projectId, id);
  await insert(
    client,
    database,
    'webhooks',
    [{ project_id: projectId, id, url: webhook.url, format: webhook.format, enabled: false, deleted: true, created_at: Date.parse(webhook.createdAt), version: nextRowVersion() }],
    'webhooks.delete',
  );
}

export const DELIVERY_STATUSES = ['pending', 'delivered', 'cancelled'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

export interface Delivery {
  id: string;
  projectId: string;
  fingerprint: string;
  webhookId: string;
  event: AlertEvent;
  /** The alert as it was when the announcement was made. */
  alert: ApiAlert;
  status: DeliveryStatus;
  attempts: number;
  nextAttemptMs: number;
  lastStatus: number | null;
  lastError: string;
  createdMs: number;
  deliveredMs: number | null;
  /** The worker sending it right now ('' when none). */
  claimedBy: string;
}

const deliveryRow = z.object({
  id: z.string(),
  project_id: z.string(),
  fingerprint: z.string(),
  webhook_id: z.string(),
  event: z.enum(ALERT_EVENTS),
  alert_json: z.string(),
  status: z.enum(DELIVERY_STATUSES),
  attempts: z.coerce.number(),
  next_attempt_ms: z.coerce.number(),
  last_status: z.coerce.number().nullable(),
  last_error: z.string(),
  created_ms: z.coerce.number(),
  delivered_ms: z.coerce.number().nullable(),
  claimed_by: z.string(),
});

const DELIVERY_COLUMNS = `id, project_id, fingerprint, webhook_id, event, alert_json, status, attempts,
  toUnixTimestamp64Milli(next_attempt_at) AS next_attempt_ms, last_status, last_error,
  toUnixTimestamp64Milli(created_at) AS created_ms, toUnixTimestamp64Milli(delivered_at) AS delivered_ms, claimed_by`;

const toDelivery = (r: z.infer<typeof deliveryRow>): Delivery => ({
  id: r.id,
  projectId: r.project_id,
  fingerprint: r.fingerprint,
  webhookId: r.webhook_id,
  event: r.event,
  alert: apiAlertSchema.parse(JSON.parse(r.alert_json)),
  status: r.status,
  attempts: r.attempts,
  nextAttemptMs: r.next_attempt_ms,
  lastStatus: r.last_status,
  lastError: r.last_error,
  createdMs: r.created_ms,
  deliveredMs: r.delivered_ms,
  claimedBy: r.claimed_by,
});

const deliveryToRow = (d: Delivery) => ({
  id: d.id,
  project_id: d.projectId,
  fingerprint: d.fingerprint,
  webhook_id: d.webhookId,
  event: d.event,
  alert_json: JSON.stringify(d.alert),
  status: d.status,
  attempts: d.attempts,
  next_attempt_at: d.nextAttemptMs,
  last_status: d.lastStatus,
  last_error: d.lastError,
  created_at: d.createdMs,
  delivered_at: d.deliveredMs,
  claimed_by: d.claimedBy,
  version: nextRowVersion(),
});

/** Stores the deliveries whose ids are not stored yet; returns how many were new. */
export async function enqueueDeliveries(client: ClickHouseClient, database: string, deliveries: readonly Delivery[]): Promise<number> {
  if (deliveries.length === 0) return 0;
  const existing = await selectRows({
    client,
    tag: 'deliveries.existing',
    sql: `SELECT DISTINCT id FROM ${table({ database }, 'alert_deliveries')} WHERE id IN {ids:Array(String)}`,
    params: { ids: deliveries.map((d) => d.id) },
    row: z.object({ id: z.string() }),
  });
  const known = new Set(existing.map((r) => r.id));
  const fresh = deliveries.filter((d) => !known.has(d.id));
  if (fresh.length > 0) await insert(client, database, 'alert_deliveries', fresh.map(deliveryToRow), 'deliveries.enqueue');
  return fresh.length;
}

/** Pending deliveries whose next attempt is due, oldest first. */
export async function dueDeliveries(client: ClickHouseClient, database: string, nowMs: number, limit: number): Promise<Delivery[]> {
  const rows = await selectRows({
    client,
    tag: 'deliveries.due',
    sql: `SELECT ${DELIVERY_COLUMNS} FROM ${table({ database }, 'alert_deliveries')} FINAL
      WHERE status = 'pending' AND next_attempt_at <= fromUnixTimestamp64Milli({nowMs:Int64})
      ORDER BY next_attempt_at, created_at
      LIMIT {limit:UInt32}`,
    params: { nowMs, limit },
    row: deliveryRow,
  });
  return rows.map(toDelivery);
}

/** Writes deliveries' new state (a claim, the outcome of an attempt, a cancellation). */
export async function saveDeliveries(client: ClickHouseClient, database: string, deliveries: readonly Delivery[]): Promise<void> {
  if (deliveries.length === 0) return;
  await insert(client, database, 'alert_deliveries', deliveries.map(deliveryToRow), 'deliveries.save');
}

/** The current state of the given deliveries. */
export async function deliveriesById(client: ClickHouseClient, database: string, ids: readonly string[]): Promise<Delivery[]> {
  if (ids.length === 0) return [];
  const rows = await selectRows({
    client,
    tag: 'deliveries.by_id',
    sql: `SELECT ${DELIVERY_COLUMNS} FROM ${table({ database }, 'alert_deliveries')} FINAL WHERE id IN {ids:Array(String)}`,
    params: { ids },
    row: deliveryRow,
  });
  return rows.map(toDelivery);
}

export async function listDeliveries(
  client: ClickHouseClient,
  database: string,
  projectId: string,
  options: { fingerprint?: string; signal?: AbortSignal } = {},
): Promise<Delivery[]> {
  const rows = await selectRows({
    client,
    tag: 'deliveries.list',
    sql: `SELECT ${DELIVERY_COLUMNS} FROM ${table({ database }, 'alert_deliveries')} FINAL
      WHERE project_id = {projectId:String} ${options.fingerprint !== undefined ? 'AND fingerprint = {fingerprint:String}' : ''}
      ORDER BY created_at DESC, id
      LIMIT 1000`,
    params: { projectId, fingerprint: options.fingerprint ?? '' },
    row: deliveryRow,
    signal: options.signal,
  });
  return rows.map(toDelivery);
}
