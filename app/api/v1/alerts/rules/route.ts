import { readJsonBody } from '@/lib/alerts/params';
import type { ApiAlertRules } from '@/lib/alerts/types';
import { DEFAULT_DETECTOR_CONFIG, type DetectorConfig } from '@/lib/detectors/config';
import { getAlertRules, updateAlertRules } from '@/lib/queries/alert-rules';
import { serverClickHouse } from '@/lib/server/clickhouse';
import { handle, projectOf } from '@/lib/server/http';

export const dynamic = 'force-dynamic';

/** GET /api/v1/alerts/rules: the project's detector rules (the defaults until edited). */
export async function GET(request: Request): Promise<Response> {
  return handle(request, async (): Promise<ApiAlertRules<DetectorConfig>> => {
    const { client, database, defaultProject } = serverClickHouse();
    const stored = await getAlertRules(client, database, projectOf(request, defaultProject), { signal: request.signal });
    return { rules: stored.config, defaults: DEFAULT_DETECTOR_CONFIG, customised: stored.customised };
  });
}

/**
 * PUT /api/v1/alerts/rules: a whole rules object, or only the rules and fields to change. 400 names the first
 * field that is wrong; nothing is stored then.
 */
export async function PUT(request: Request): Promise<Response> {
  return handle(request, async (): Promise<ApiAlertRules<DetectorConfig>> => {
    const { client, database, defaultProject } = serverClickHouse();
    const projectId = projectOf(request, defaultProject);
    const rules = await updateAlertRules(client, database, projectId, await readJsonBody(request));
    return { rules, defaults: DEFAULT_DETECTOR_CONFIG, customised: true };
  });
}
