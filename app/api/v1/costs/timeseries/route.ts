import { parseCostQuery } from '@/lib/costs/params';
import { costSeries } from '@/lib/queries/costs';
import { serverClickHouse } from '@/lib/server/clickhouse';
import { handle, projectOf } from '@/lib/server/http';

export const dynamic = 'force-dynamic';

/** GET /api/v1/costs/timeseries?groupBy=model|agent|service|project&bucket=hour|day&from=&to=: spend over time. */
export async function GET(request: Request): Promise<Response> {
  return handle(request, async () => {
    const { client, database, defaultProject } = serverClickHouse();
    const query = parseCostQuery(new URL(request.url).searchParams, projectOf(request, defaultProject));
    return costSeries(client, database, query, { signal: request.signal });
  });
}
