import type { Metadata } from 'next';
import { TracesExplorer, type TracesSeed } from '@/components/traces/TracesExplorer';
import { listFacets, listTraces } from '@/lib/queries/traces';
import { serverClickHouse } from '@/lib/server/clickhouse';
import { resolveRange } from '@/lib/traces-view/time-range';
import { parseTracesView, traceListApiParams, tracesViewToSearch } from '@/lib/traces-view/view-state';

export const dynamic = 'force-dynamic';

export const metadata: Metadata = { title: 'Traces' };

interface Props {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

/**
 * The trace list. The view comes from the URL (validated; bad parameters are ignored and named on the page),
 * and the first page and the filter facets are read here, straight from ClickHouse, so the list arrives with
 * the HTML instead of after a second round trip.
 */
export default async function TracesPage({ searchParams }: Props) {
  const { view } = parseTracesView(await searchParams);
  const seed: TracesSeed = { viewKey: tracesViewToSearch({ ...view, live: false }), list: null, facets: null };
  try {
    const { client, database, defaultProject: projectId } = serverClickHouse();
    const now = Date.now();
    const list = await listTraces(client, database, { ...traceListApiParams(view, now), projectId });
    seed.list = { data: list, fetchedAt: Date.now() };
    const { fromMs, toMs } = resolveRange(view.range, now);
    seed.facets = { data: await listFacets(client, database, projectId, fromMs, toMs), fetchedAt: Date.now() };
  } catch (error) {
    // The island fetches for itself and shows the failure next to the filters, with a retry, instead of the
    // whole page failing while ClickHouse restarts.
    console.error('Prefetching the trace list failed:', error);
  }
  return <TracesExplorer seed={seed} />;
}
