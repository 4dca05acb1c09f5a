import { randomUUID } from 'node:crypto';
import { sampleAlert } from '@/lib/alerts/sample';
import { sendWebhook } from '@/lib/alerts/send';
import type { WebhookTestResult } from '@/lib/alerts/types';
import { publicWebUrl, readEnv } from '@/lib/env';
import { getWebhook } from '@/lib/queries/webhooks';
import { serverClickHouse } from '@/lib/server/clickhouse';
import { handle, projectOf } from '@/lib/server/http';

export const dynamic = 'force-dynamic';

/**
 * POST /api/v1/alerts/webhooks/{id}/test: posts a sample alert to the webhook now and reports the receiver's
 * answer (status and the start of its body, or the network error). A failed test is a 200 with `ok: false`:
 * the request worked, the receiver did not.
 */
export async function POST(request: Request, context: { params: Promise<{ webhookId: string }> }): Promise<Response> {
  return handle(request, async (): Promise<WebhookTestResult> => {
    const { webhookId } = await context.params;
    const { client, database, defaultProject } = serverClickHouse();
    const projectId = projectOf(request, defaultProject);
    const webhook = await getWebhook(client, database, projectId, webhookId);
    return sendWebhook({
      url: webhook.url,
      format: webhook.format,
      alert: sampleAlert(projectId, Date.now()),
      event: 'firing',
      publicUrl: publicWebUrl(readEnv()),
      idempotencyKey: `test-${randomUUID()}`,
    });
  });
}
