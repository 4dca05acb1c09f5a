import { parseCostQuery } from '@/lib/costs/params';
import { costSummary } from '@/lib/queries/costs';
import { serverClickHouse } from '@/lib/server/clickhouse';
import { handle, projectOf } from '@/lib/server/http';

export const dynamic = 'force-dynamic';

/**
 * GET /api/v1/costs?from=&to=&limit=: totals with the change against the previous period, tokens by class, cache
 * savings, unpriced usage, and the most expensive traces and agents (`ApiCostSummary`).
 */
export async function GET(request: Request): Promise<Response> {
  return handle(request, async () => {
    const { client, database, defaultProject } = serverClickHouse();
    const query = parseCostQuery(new URL(request.url).searchParams, projectOf(request, defaultProject));
    return costSummary(client, database, query, { signal: request.signal });
  });
}
