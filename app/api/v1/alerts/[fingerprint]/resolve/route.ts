import { alertToApi } from '@/lib/alerts/api';
import { persistTransition } from '@/lib/alerts/persist';
import { resolveByHand } from '@/lib/alerts/state';
import type { ApiAlert } from '@/lib/alerts/types';
import { getAlert } from '@/lib/queries/alerts';
import { serverClickHouse } from '@/lib/server/clickhouse';
import { handle, parseFingerprint, projectOf } from '@/lib/server/http';

export const dynamic = 'force-dynamic';

/**
 * POST /api/v1/alerts/{fingerprint}/resolve: someone on call resolves a firing alert. The resolution is announced to
 * the project's webhooks like one the rules found (the collector's delivery worker sends it from the outbox); an
 * alert already resolved is answered as it is, announced once only. 404 for an unknown fingerprint.
 */
export async function POST(request: Request, context: { params: Promise<{ fingerprint: string }> }): Promise<Response> {
  return handle(request, async (): Promise<ApiAlert> => {
    const fingerprint = parseFingerprint((await context.params).fingerprint);
    const { client, database, defaultProject } = serverClickHouse();
    const projectId = projectOf(request, defaultProject);
    const alert = await getAlert(client, database, projectId, fingerprint);
    const nowMs = Date.now();
    const transition = resolveByHand(alert, nowMs);
    await persistTransition(client, database, projectId, transition, nowMs);
    return alertToApi(transition.changed[0] ?? alert);
  });
}
