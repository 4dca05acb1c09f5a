import { alertToApi } from '@/lib/alerts/api';
import { parseAlertListParams } from '@/lib/alerts/params';
import type { ApiAlertList } from '@/lib/alerts/types';
import { alertCounts, listAlerts } from '@/lib/queries/alerts';
import { runsOfAlertWindow } from '@/lib/queries/overview';
import { serverClickHouse } from '@/lib/server/clickhouse';
import { handle, projectOf } from '@/lib/server/http';

export const dynamic = 'force-dynamic';

/**
 * GET /api/v1/alerts?state=firing|resolved&traceId=&rule=&limit=&window=all|24h: the project's alerts, firing first,
 * then critical first, newest first; with the project's counts per state and rule. `window=24h` keeps the alerts of
 * the runs that started in the last 24 hours and the windowed (rate) alerts, as the overview counts them, in the list
 * and the counts.
 */
export async function GET(request: Request): Promise<Response> {
  return handle(request, async (): Promise<ApiAlertList> => {
    const { client, database, defaultProject } = serverClickHouse();
    const projectId = projectOf(request, defaultProject);
    const { window, ...params } = parseAlertListParams(new URL(request.url).searchParams);
    const runs = runsOfAlertWindow(window, Date.now());
    const alerts = await listAlerts(client, database, { projectId, ...params, runs }, { signal: request.signal });
    const counts = await alertCounts(client, database, projectId, { signal: request.signal, runs });
    return { alerts: alerts.map(alertToApi), counts: counts.byState, countsByRule: counts.byRule };
  });
}
