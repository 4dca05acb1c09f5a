import { dehydrate, HydrationBoundary, QueryClient } from '@tanstack/react-query';
import type { Metadata } from 'next';
import { CostReview } from '@/components/costs/CostReview';
import { budgetQuery, costBreakdownQuery, costSeriesQuery, costSummaryQuery, rangeSearch } from '@/lib/api-client/costs';
import { parseCostQuery } from '@/lib/costs/params';
import { parseCostView } from '@/lib/costs/view';
import { budgetStatus } from '@/lib/queries/budgets';
import { costBreakdown, costSeries, costSummary } from '@/lib/queries/costs';
import { serverClickHouse } from '@/lib/server/clickhouse';

export const dynamic = 'force-dynamic';

export const metadata: Metadata = { title: 'Costs' };

interface Props {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

/**
 * The cost review. The view (range, grouping) comes from the URL; the figures for it are read here, straight from
 * ClickHouse with the same functions the API uses, so the page arrives with its numbers.
 */
export default async function CostsPage({ searchParams }: Props) {
  const view = parseCostView(await searchParams);
  const queryClient = new QueryClient();
  try {
    const { client, database, defaultProject } = serverClickHouse();
    const now = Date.now();
    const query = (extra: Record<string, string> = {}) =>
      parseCostQuery(new URLSearchParams(rangeSearch(view.days, extra, now)), defaultProject, now);
    queryClient.setQueryData(costSummaryQuery(view.days).queryKey, await costSummary(client, database, query()));
    queryClient.setQueryData(
      costSeriesQuery(view.days, view.groupBy).queryKey,
      await costSeries(client, database, query({ groupBy: view.groupBy })),
    );
    for (const dimension of ['model', 'agent', 'service', 'project'] as const) {
      queryClient.setQueryData(
        costBreakdownQuery(view.days, dimension).queryKey,
        await costBreakdown(client, database, query({ dimension })),
      );
    }
    queryClient.setQueryData(budgetQuery().queryKey, await budgetStatus(client, database, defaultProject, { nowMs: now }));
  } catch (error) {
    // The island fetches for itself and shows the failure, instead of the whole page failing while ClickHouse restarts.
    console.error('Prefetching the cost review failed:', error);
  }
  return (
    <HydrationBoundary state={dehydrate(queryClient)}>
      <CostReview initialView={view} />
    </HydrationBoundary>
  );
}
