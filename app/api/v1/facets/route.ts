import { listFacets } from '@/lib/queries/traces';
import { serverClickHouse } from '@/lib/server/clickhouse';
import { handle, projectOf } from '@/lib/server/http';

export const dynamic = 'force-dynamic';

/** GET /api/v1/facets?from=&to=: the services, agents and models seen in the window, for filter dropdowns. */
export async function GET(request: Request): Promise<Response> {
  return handle(request, async () => {
    const { client, database, defaultProject } = serverClickHouse();
    const search = new URL(request.url).searchParams;
    const project = projectOf(request, defaultProject);
    return listFacets(client, database, project, search.get('from') ?? undefined, search.get('to') ?? undefined, {
      signal: request.signal,
    });
  });
}
