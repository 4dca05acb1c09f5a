import { getTraceDetail } from '@/lib/queries/traces';
import { serverClickHouse } from '@/lib/server/clickhouse';
import { handle, parseTraceId, projectOf } from '@/lib/server/http';

export const dynamic = 'force-dynamic';

/** GET /api/v1/traces/{traceId}: the trace's summary and all of its spans, ordered by start time. */
export async function GET(request: Request, context: { params: Promise<{ traceId: string }> }): Promise<Response> {
  return handle(request, async () => {
    const { traceId } = await context.params;
    const { client, database, defaultProject } = serverClickHouse();
    const project = projectOf(request, defaultProject);
    return getTraceDetail(client, database, project, parseTraceId(traceId), { signal: request.signal });
  });
}
