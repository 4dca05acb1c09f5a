/**
 * Stores one evaluation's outcome, or an alert resolved by hand. Deliveries are enqueued before the alert rows are written: if the process dies
 * in between, the next evaluation still sees no stored alert, announces again, and the enqueue skips the ids it
 * already holds — so an announcement is neither lost nor doubled.
 */
import type { ClickHouseClient } from '@clickhouse/client';
import { alertToApi } from './api';
import { deliveryId } from './fingerprint';
import type { AlertTransition } from './state';
import { saveAlerts } from '../queries/alerts';
import { enqueueDeliveries, listWebhooks, type Delivery } from '../queries/webhooks';

export async function persistTransition(
  client: ClickHouseClient,
  database: string,
  projectId: string,
  transition: AlertTransition,
  nowMs: number,
): Promise<{ enqueued: number }> {
  let enqueued = 0;
  if (transition.notifications.length > 0) {
    const webhooks = await listWebhooks(client, database, projectId, { enabledOnly: true });
    const deliveries: Delivery[] = [];
    for (const { alert, event } of transition.notifications) {
      for (const webhook of webhooks) {
        deliveries.push({
          id: deliveryId(alert.fingerprint, webhook.id, event, alert.firings),
          projectId,
          fingerprint: alert.fingerprint,
          webhookId: webhook.id,
          event,
          alert: alertToApi(alert),
          status: 'pending',
          attempts: 0,
          nextAttemptMs: nowMs,
          lastStatus: null,
          lastError: '',
          createdMs: nowMs,
          deliveredMs: null,
          claimedBy: '',
        });
      }
    }
    enqueued = await enqueueDeliveries(client, database, deliveries);
  }
  await saveAlerts(client, database, transition.changed);
  return { enqueued };
}
