import { getOverview } from '@/lib/queries/overview';
import { serverClickHouse } from '@/lib/server/clickhouse';
import { handle, projectOf } from '@/lib/server/http';

export const dynamic = 'force-dynamic';

/**
 * GET /api/v1/overview: traces and failures in the last hour, spend and tokens since midnight UTC, the most
 * expensive and the newest failed runs of the last 24 hours, and when the newest trace arrived.
 */
export async function GET(request: Request): Promise<Response> {
  return handle(request, async () => {
    const { client, database, defaultProject } = serverClickHouse();
    return getOverview(client, database, projectOf(request, defaultProject), Date.now(), { signal: request.signal });
  });
}
