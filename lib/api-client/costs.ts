/**
 * The cost API as TanStack Query options and mutation calls, shared by the cost page, the settings page and the
 * server-side prefetch. Query keys stay private: callers spread the option factories and call `invalidateCosts`
 * after a change, so one resource never lives in the cache under two spellings.
 *
 * The cost page asks for "the last N days": the window is computed when a query runs, so a refetch moves it.
 */
import { queryOptions, type QueryClient } from '@tanstack/react-query';
import type {
  ApiBudgetStatus,
  ApiCostBreakdown,
  ApiCostSeries,
  ApiCostSummary,
  ApiPriceOverride,
  ApiRecomputeResult,
  CostDimension,
} from '@/lib/costs/types';
import { fetchJson as call } from './http';

export const COST_RANGE_DAYS = [7, 30, 90] as const;
export type CostRangeDays = (typeof COST_RANGE_DAYS)[number];

const keys = {
  all: ['costs'] as const,
  summary: (days: CostRangeDays) => ['costs', 'summary', days] as const,
  series: (days: CostRangeDays, groupBy: CostDimension) => ['costs', 'series', days, groupBy] as const,
  breakdown: (days: CostRangeDays, dimension: CostDimension) => ['costs', 'breakdown', days, dimension] as const,
  budget: ['costs', 'budget'] as const,
  overrides: ['costs', 'overrides'] as const,
};


const DAY_MS = 86_400_000;

/** `from`/`to` of the last `days` days, plus extra parameters. */
export function rangeSearch(days: CostRangeDays, extra: Record<string, string> = {}, nowMs = Date.now()): string {
  return new URLSearchParams({ from: String(nowMs - days * DAY_MS), to: String(nowMs), ...extra }).toString();
}

/** By `days` rather than from/to, so the link is the same on the server and in the browser and never goes stale. */
export function exportCsvUrl(days: CostRangeDays, table: string): string {
  return `/api/v1/costs/export?${new URLSearchParams({ days: String(days), table }).toString()}`;
}

export function costSummaryQuery(days: CostRangeDays) {
  return queryOptions({
    queryKey: keys.summary(days),
    queryFn: ({ signal }) => call<ApiCostSummary>(`/api/v1/costs?${rangeSearch(days)}`, { signal }),
  });
}

export function costSeriesQuery(days: CostRangeDays, groupBy: CostDimension) {
  return queryOptions({
    queryKey: keys.series(days, groupBy),
    queryFn: ({ signal }) => call<ApiCostSeries>(`/api/v1/costs/timeseries?${rangeSearch(days, { groupBy })}`, { signal }),
  });
}

export function costBreakdownQuery(days: CostRangeDays, dimension: CostDimension) {
  return queryOptions({
    queryKey: keys.breakdown(days, dimension),
    queryFn: ({ signal }) => call<ApiCostBreakdown>(`/api/v1/costs/breakdown?${rangeSearch(days, { dimension })}`, { signal }),
  });
}

export function budgetQuery() {
  return queryOptions({
    queryKey: keys.budget,
    queryFn: ({ signal }) => call<ApiBudgetStatus>('/api/v1/budgets', { signal }),
  });
}

export function priceOverridesQuery() {
  return queryOptions({
    queryKey: keys.overrides,
    queryFn: ({ signal }) => call<{ overrides: ApiPriceOverride[] }>('/api/v1/prices/overrides', { signal }),
  });
}

export type PriceOverrideInput = Record<string, string | number | null>;

export function createPriceOverride(input: PriceOverrideInput): Promise<ApiPriceOverride> {
  return call<ApiPriceOverride>('/api/v1/prices/overrides', { method: 'POST', body: JSON.stringify(input) });
}

export function deletePriceOverride(id: string): Promise<{ deleted: string }> {
  return call(`/api/v1/prices/overrides/${encodeURIComponent(id)}`, { method: 'DELETE' });
}

export function setBudget(monthlyUsd: number | null): Promise<ApiBudgetStatus> {
  return call<ApiBudgetStatus>('/api/v1/budgets', { method: 'PUT', body: JSON.stringify({ monthlyUsd }) });
}

export function recomputeCosts(fromIso: string, toIso: string): Promise<ApiRecomputeResult> {
  return call<ApiRecomputeResult>('/api/v1/costs/recompute', { method: 'POST', body: JSON.stringify({ from: fromIso, to: toIso }) });
}

/** After an override, budget or recompute: every cost figure may have changed. */
export function invalidateCosts(client: QueryClient): Promise<void> {
  return client.invalidateQueries({ queryKey: keys.all });
}
