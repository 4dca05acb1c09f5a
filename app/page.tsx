import { dehydrate, HydrationBoundary, QueryClient } from '@tanstack/react-query';
import { OverviewDashboard } from '@/components/overview/OverviewDashboard';
import { overviewOptions } from '@/lib/api-client/traces';
import { getOverview } from '@/lib/queries/overview';
import { serverClickHouse } from '@/lib/server/clickhouse';

export const dynamic = 'force-dynamic';

/**
 * The overview: failures in the last hour, today's spend, the most expensive and the failed runs, or, before
 * any trace has arrived, how to send the first one. Read here and hydrated, so the figures come with the HTML.
 */
export default async function OverviewPage() {
  const queryClient = new QueryClient();
  try {
    const { client, database, defaultProject } = serverClickHouse();
    queryClient.setQueryData(overviewOptions().queryKey, await getOverview(client, database, defaultProject, Date.now()));
  } catch (error) {
    // The island fetches for itself and shows the failure with a retry, rather than the page failing outright.
    console.error('Prefetching the overview failed:', error);
  }
  return (
    <HydrationBoundary state={dehydrate(queryClient)}>
      <OverviewDashboard />
    </HydrationBoundary>
  );
}
