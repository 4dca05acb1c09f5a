import { alertToApi } from '@/lib/alerts/api';
import { parseAlertListParams } from '@/lib/alerts/params';
import type { ApiAlertList } from '@/lib/alerts/types';
import { alertCounts, listAlerts } from '@/lib/queries/alerts';
import { serverClickHouse } from '@/lib/server/clickhouse';
import { handle, projectOf } from '@/lib/server/http';

export const dynamic = 'force-dynamic';

/**
 * GET /api/v1/alerts?state=firing|resolved&traceId=&rule=&limit=: the project's alerts, firing first, then critical
 * first, newest first; with the project's counts per state and rule.
 */
export async function GET(request: Request): Promise<Response> {
  return handle(request, async (): Promise<ApiAlertList> => {
    const { client, database, defaultProject } = serverClickHouse();
    const projectId = projectOf(request, defaultProject);
    const params = parseAlertListParams(new URL(request.url).searchParams);
    const options = { signal: request.signal };
    const alerts = await listAlerts(client, database, { projectId, ...params }, options);
    const counts = await alertCounts(client, database, projectId, options);
    return { alerts: alerts.map(alertToApi), counts: counts.byState, countsByRule: counts.byRule };
  });
}
