import { getSpanContent } from '@/lib/queries/traces';
import { serverClickHouse } from '@/lib/server/clickhouse';
import { handle, parseSpanId, parseTraceId, projectOf } from '@/lib/server/http';

export const dynamic = 'force-dynamic';

/**
 * GET /api/v1/traces/{traceId}/spans/{spanId}/content: the span's messages, tool arguments and results, and
 * retrieved documents (all null for a span that carried none).
 */
export async function GET(
  request: Request,
  context: { params: Promise<{ traceId: string; spanId: string }> },
): Promise<Response> {
  return handle(request, async () => {
    const { traceId, spanId } = await context.params;
    const { client, database, defaultProject } = serverClickHouse();
    const project = projectOf(request, defaultProject);
    return getSpanContent(client, database, project, parseTraceId(traceId), parseSpanId(spanId), {
      signal: request.signal,
    });
  });
}
