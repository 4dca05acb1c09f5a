import { BadRequest } from '@/lib/errors';
import { budgetStatus, parseBudgetBody, setMonthlyBudget } from '@/lib/queries/budgets';
import { serverClickHouse } from '@/lib/server/clickhouse';
import { handle, projectOf } from '@/lib/server/http';

export const dynamic = 'force-dynamic';

/** GET /api/v1/budgets: the project's monthly budget with month-to-date spend, forecast and run-out day. */
export async function GET(request: Request): Promise<Response> {
  return handle(request, async () => {
    const { client, database, defaultProject } = serverClickHouse();
    return budgetStatus(client, database, projectOf(request, defaultProject), { signal: request.signal });
  });
}

/** PUT /api/v1/budgets {monthlyUsd: number | null}: sets (null removes) the monthly budget; answers the status. */
export async function PUT(request: Request): Promise<Response> {
  return handle(request, async () => {
    const { client, database, defaultProject } = serverClickHouse();
    const projectId = projectOf(request, defaultProject);
    const body: unknown = await request.json().catch(() => {
      throw new BadRequest('body: expected JSON {"monthlyUsd": number | null}');
    });
    await setMonthlyBudget(client, database, projectId, parseBudgetBody(body));
    return budgetStatus(client, database, projectId);
  });
}
