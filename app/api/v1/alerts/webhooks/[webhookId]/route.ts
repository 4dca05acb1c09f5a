import { deleteWebhook } from '@/lib/queries/webhooks';
import { serverClickHouse } from '@/lib/server/clickhouse';
import { handle, projectOf } from '@/lib/server/http';

export const dynamic = 'force-dynamic';

/** DELETE /api/v1/alerts/webhooks/{id}: removes the webhook; its undelivered alerts are cancelled. */
export async function DELETE(request: Request, context: { params: Promise<{ webhookId: string }> }): Promise<Response> {
  return handle(request, async () => {
    const { webhookId } = await context.params;
    const { client, database, defaultProject } = serverClickHouse();
    await deleteWebhook(client, database, projectOf(request, defaultProject), webhookId);
    return { deleted: webhookId };
  });
}
