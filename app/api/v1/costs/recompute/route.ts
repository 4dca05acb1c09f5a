import { BadRequest } from '@/lib/errors';
import { parseRecomputeBody } from '@/lib/costs/params';
import type { ApiRecomputeResult } from '@/lib/costs/types';
import { recomputeCosts } from '@/lib/queries/cost-rollups';
import { serverClickHouse } from '@/lib/server/clickhouse';
import { handle, projectOf } from '@/lib/server/http';

export const dynamic = 'force-dynamic';

/**
 * POST /api/v1/costs/recompute {from, to}: re-prices the project's spans that started in the range with the
 * current overrides and catalog (reported costs stay), and rebuilds their traces' summaries and rollups.
 */
export async function POST(request: Request): Promise<Response> {
  return handle(request, async (): Promise<ApiRecomputeResult> => {
    const { client, database, defaultProject } = serverClickHouse();
    const projectId = projectOf(request, defaultProject);
    const body: unknown = await request.json().catch(() => {
      throw new BadRequest('body: expected JSON {"from": …, "to": …}');
    });
    const range = parseRecomputeBody(body);
    const result = await recomputeCosts(client, database, projectId, range);
    return { from: new Date(range.fromMs).toISOString(), to: new Date(range.toMs).toISOString(), ...result };
  });
}
