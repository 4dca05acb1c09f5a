import { readJsonBody } from '@/lib/alerts/params';
import type { ApiWebhookList } from '@/lib/alerts/types';
import { createWebhook, listWebhooks } from '@/lib/queries/webhooks';
import { serverClickHouse } from '@/lib/server/clickhouse';
import { errorResponse, handle, jsonResponse, projectOf } from '@/lib/server/http';

export const dynamic = 'force-dynamic';

/** GET /api/v1/alerts/webhooks: the project's webhooks. */
export async function GET(request: Request): Promise<Response> {
  return handle(request, async (): Promise<ApiWebhookList> => {
    const { client, database, defaultProject } = serverClickHouse();
    return { webhooks: await listWebhooks(client, database, projectOf(request, defaultProject), { signal: request.signal }) };
  });
}

/** POST /api/v1/alerts/webhooks `{ url, format: "generic" | "slack", enabled? }`: 201 with the stored webhook. */
export async function POST(request: Request): Promise<Response> {
  try {
    const { client, database, defaultProject } = serverClickHouse();
    const webhook = await createWebhook(client, database, projectOf(request, defaultProject), await readJsonBody(request));
    return jsonResponse(webhook, 201);
  } catch (error) {
    return errorResponse(error, request);
  }
}
