/**
 * `budgets`: one monthly budget (USD) per project, and its status: spend so far this UTC month from the cost
 * rollups, the forecast to month end and the day the budget runs out (`lib/costs/forecast.ts`).
 */
import type { ClickHouseClient } from '@clickhouse/client';
import { z } from 'zod';
import { BadRequest } from '../errors';
import { table } from '../clickhouse/migrations/ddl';
import { selectRows } from '../clickhouse/query';
import { budgetForecast, utcMonth } from '../costs/forecast';
import type { ApiBudgetStatus } from '../costs/types';
import { projectSpend } from './costs';

export async function getMonthlyBudget(
  client: ClickHouseClient,
  database: string,
  projectId: string,
  options: { signal?: AbortSignal } = {},
): Promise<number | null> {
  const [row] = await selectRows({
    client,
    tag: 'budgets.get',
    sql: `SELECT monthly_usd FROM ${table({ database }, 'budgets')} FINAL WHERE project_id = {projectId:String}`,
    params: { projectId },
    row: z.object({ monthly_usd: z.union([z.null(), z.coerce.number()]) }),
    signal: options.signal,
  });
  return row?.monthly_usd ?? null;
}

export const budgetBody = z.object({
  monthlyUsd: z.union([z.null(), z.coerce.number().finite().positive('must be a positive amount (or null to remove)').max(1e9)]),
});

export function parseBudgetBody(body: unknown): number | null {
  const parsed = budgetBody.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new BadRequest(`${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'invalid'}`);
  }
  return parsed.data.monthlyUsd;
}

/** Sets (or with null, removes) the project's monthly budget. */
export async function setMonthlyBudget(
  client: ClickHouseClient,
  database: string,
  projectId: string,
  monthlyUsd: number | null,
): Promise<void> {
  await client.insert({
    table: `${database}.budgets`,
    values: [{ project_id: projectId, monthly_usd: monthlyUsd }],
    format: 'JSONEachRow',
  });
}

export async function budgetStatus(
  client: ClickHouseClient,
  database: string,
  projectId: string,
  options: { signal?: AbortSignal; nowMs?: number } = {},
): Promise<ApiBudgetStatus> {
  const nowMs = options.nowMs ?? Date.now();
  const month = utcMonth(nowMs);
  const monthlyUsd = await getMonthlyBudget(client, database, projectId, options);
  const spend = await projectSpend(client, database, projectId, { fromMs: month.startMs, toMs: month.endMs }, options);
  const forecast = budgetForecast({ monthlyUsd, actualUsd: spend.costUsd, nowMs });
  return {
    projectId,
    monthlyUsd,
    monthStart: new Date(month.startMs).toISOString(),
    monthEnd: new Date(month.endMs).toISOString(),
    actualUsd: spend.costUsd,
    unpricedCalls: spend.unpricedCalls,
    ...forecast,
  };
}
