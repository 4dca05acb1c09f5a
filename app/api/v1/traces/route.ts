import { traceListInputFromSearch, listTraces } from '@/lib/queries/traces';
import { serverClickHouse } from '@/lib/server/clickhouse';
import { handle, projectOf } from '@/lib/server/http';

export const dynamic = 'force-dynamic';

/** GET /api/v1/traces: one page of trace summaries; see `traceListParams` for the query parameters. */
export async function GET(request: Request): Promise<Response> {
  return handle(request, async () => {
    const { client, database, defaultProject } = serverClickHouse();
    const input = traceListInputFromSearch(new URL(request.url).searchParams);
    return listTraces(client, database, { ...input, projectId: projectOf(request, defaultProject) }, { signal: request.signal });
  });
}
