import { dehydrate, HydrationBoundary, QueryClient } from '@tanstack/react-query';
import type { Metadata } from 'next';
import { BudgetForm } from '@/components/settings/BudgetForm';
import { PriceOverrides } from '@/components/settings/PriceOverrides';
import { RecomputeForm } from '@/components/settings/RecomputeForm';
import { budgetQuery, priceOverridesQuery } from '@/lib/api-client/costs';
import { budgetStatus } from '@/lib/queries/budgets';
import { listPriceOverrides, toApiPriceOverride } from '@/lib/queries/price-overrides';
import { serverClickHouse } from '@/lib/server/clickhouse';

export const dynamic = 'force-dynamic';

export const metadata: Metadata = { title: 'Settings' };

/** Prices and budget: overrides of the catalog, the monthly budget, and re-pricing stored spans. */
export default async function SettingsPage() {
  const queryClient = new QueryClient();
  try {
    const { client, database, defaultProject } = serverClickHouse();
    const overrides = await listPriceOverrides(client, database, defaultProject);
    queryClient.setQueryData(priceOverridesQuery().queryKey, { overrides: overrides.map((o) => toApiPriceOverride(o)) });
    queryClient.setQueryData(budgetQuery().queryKey, await budgetStatus(client, database, defaultProject));
  } catch (error) {
    console.error('Prefetching the settings failed:', error);
  }
  return (
    <HydrationBoundary state={dehydrate(queryClient)}>
      <div className="max-w-6xl space-y-3">
        <h1 className="text-lg font-semibold">Settings</h1>
        <PriceOverrides />
        <div className="grid gap-3 lg:grid-cols-2">
          <BudgetForm />
          <RecomputeForm />
        </div>
      </div>
    </HydrationBoundary>
  );
}
