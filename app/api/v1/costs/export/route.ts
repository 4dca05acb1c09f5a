import { BadRequest } from '@/lib/errors';
import { breakdownCsv, exportFileName, summaryCsv } from '@/lib/costs/export';
import { parseCostQuery } from '@/lib/costs/params';
import { costBreakdown, costSummary } from '@/lib/queries/costs';
import { serverClickHouse } from '@/lib/server/clickhouse';
import { errorResponse, projectOf } from '@/lib/server/http';

export const dynamic = 'force-dynamic';

const EXPORT_LIMIT = 100;

/**
 * GET /api/v1/costs/export?table=model|agent|service|project|traces|agents|unpriced|cache&from=&to=: the same rows
 * as the cost page's table, as CSV.
 */
export async function GET(request: Request): Promise<Response> {
  try {
    const { client, database, defaultProject } = serverClickHouse();
    const search = new URL(request.url).searchParams;
    const query = parseCostQuery(search, projectOf(request, defaultProject));
    const table = query.table;
    if (table === undefined) throw new BadRequest('table: required (model, agent, service, project, traces, agents, unpriced or cache)');
    const from = new Date(query.fromMs).toISOString();
    const to = new Date(query.toMs).toISOString();
    let csv: string;
    if (table === 'model' || table === 'agent' || table === 'service' || table === 'project') {
      csv = breakdownCsv(await costBreakdown(client, database, { ...query, dimension: table }, { signal: request.signal }));
    } else {
      const limit = search.has('limit') ? query.limit : EXPORT_LIMIT;
      csv = summaryCsv(table, await costSummary(client, database, { ...query, limit }, { signal: request.signal }));
    }
    return new Response(csv, {
      headers: {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="${exportFileName(table, from, to)}"`,
        'cache-control': 'no-store',
      },
    });
  } catch (error) {
    return errorResponse(error, request);
  }
}
