import { parseCostQuery } from '@/lib/costs/params';
import { costBreakdown } from '@/lib/queries/costs';
import { serverClickHouse } from '@/lib/server/clickhouse';
import { handle, projectOf } from '@/lib/server/http';

export const dynamic = 'force-dynamic';

/** GET /api/v1/costs/breakdown?dimension=model|agent|service|project&from=&to=: spend per value, with change. */
export async function GET(request: Request): Promise<Response> {
  return handle(request, async () => {
    const { client, database, defaultProject } = serverClickHouse();
    const query = parseCostQuery(new URL(request.url).searchParams, projectOf(request, defaultProject));
    return costBreakdown(client, database, query, { signal: request.signal });
  });
}
