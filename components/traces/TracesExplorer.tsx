'use client';

import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { RefreshCw } from 'lucide-react';
import { useRouter, useSearchParams } from 'next/navigation';
import { useCallback, useMemo, useState, useTransition } from 'react';
import { facetsOptions, traceListOptions, type ApiFacets, type Seed } from '@/lib/api-client/traces';
import type { ApiTraceList } from '@/lib/span/api-types';
import { arrivedTraceIds, countFailed, dayKey, toTraceRowModel, uniqueTraces } from '@/lib/traces-view/row-model';
import { rangePhrase, widerPreset } from '@/lib/traces-view/time-range';
import {
  activeFilterCount,
  parseTracesView,
  tracesHref,
  tracesViewToSearch,
  withFilter,
  withRange,
  type TracesFilters,
  type TracesView,
} from '@/lib/traces-view/view-state';
import { LiveToggle } from './LiveToggle';
import { TimeRangePicker } from './TimeRangePicker';
import { TraceFilters } from './TraceFilters';
import { TracesEmptyState } from './TracesEmptyState';
import { TracesFooter } from './TracesFooter';
import { TracesTable } from './TracesTable';
import { useKeepRowsInPlace } from './useKeepRowsInPlace';
import { useReaderTimeZone } from './useReaderTimeZone';

/**
 * The trace list's client island. The URL is the state: every control writes the view back with
 * `router.replace`, the server component re-renders with the new parameters and hands over its first page as a
 * seed, and this island reads the view from `useSearchParams`. A shared or reloaded URL therefore shows the
 * same list. The seed only starts a view the cache does not know yet; it never replaces loaded pages.
 */
export interface TracesSeed {
  /** The view the server read for (`tracesViewToSearch` without live mode). */
  viewKey: string;
  list: Seed<ApiTraceList> | null;
  facets: Seed<ApiFacets> | null;
}

export function TracesExplorer({ seed }: { seed: TracesSeed }) {
  const router = useRouter();
  const searchParams = useSearchParams();
  const [navigating, startTransition] = useTransition();
  const { view, ignored } = useMemo(() => parseTracesView(searchParams), [searchParams]);

  const navigate = useCallback(
    (next: TracesView) => startTransition(() => router.replace(tracesHref(next), { scroll: false })),
    [router],
  );
  const setFilter = <K extends keyof TracesFilters>(key: K, value: TracesFilters[K] | undefined) =>
    navigate(withFilter(view, key, value));
  const clearFilters = () => navigate({ ...view, filters: {} });

  // Until the URL and the server's props agree (mid-navigation), the seed belongs to another view.
  const viewKey = tracesViewToSearch({ ...view, live: false });
  const seeded = seed.viewKey === viewKey;
  const list = useInfiniteQuery(traceListOptions(view, { live: view.live, seed: (seeded && seed.list) || undefined }));
  const facets = useQuery(facetsOptions(view.range, (seeded && seed.facets) || undefined));

  const timeZone = useReaderTimeZone();
  const today = useMemo(() => dayKey(Date.now(), timeZone), [timeZone]);
  const rows = useMemo(
    () => uniqueTraces(list.data?.pages ?? []).map((trace) => toTraceRowModel(trace, { today, timeZone })),
    [list.data, today, timeZone],
  );

  // Rows that a live refresh brought in since the previous one; a new view starts with none.
  const idsKey = rows.map((row) => row.traceId).join(',');
  const [tracked, setTracked] = useState({ viewKey, idsKey, ids: new Set<string>(), arrived: new Set<string>() });
  if (tracked.viewKey !== viewKey || tracked.idsKey !== idsKey) {
    const ids = rows.map((row) => row.traceId);
    const sameView = tracked.viewKey === viewKey;
    setTracked({ viewKey, idsKey, ids: new Set(ids), arrived: sameView && view.live ? arrivedTraceIds(tracked.ids, ids) : new Set() });
  }

  useKeepRowsInPlace(idsKey, view.live);

  const filtered = activeFilterCount(view) > 0;
  const phrase = rangePhrase(view.range, timeZone, list.dataUpdatedAt || undefined);
  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-lg font-semibold">Traces</h1>
        <div className="flex flex-wrap items-center gap-2">
          <TimeRangePicker range={view.range} onChange={(range) => navigate(withRange(view, range))} />
          <LiveToggle
            live={view.live}
            disabled={view.range.kind === 'custom'}
            onToggle={(live) => navigate({ ...view, live })}
          />
          <button
            type="button"
            data-testid="refresh"
            aria-label="Refresh"
            title="Refresh"
            onClick={() => void list.refetch()}
            className="rounded-md border border-line-strong bg-panel p-1.5 text-muted hover:text-ink"
          >
            <RefreshCw aria-hidden size={13} className={list.isFetching ? 'animate-spin' : ''} />
          </button>
        </div>
      </div>
      <TraceFilters view={view} facets={facets.data} onFilter={setFilter} onClear={clearFilters} />
      {ignored.length > 0 && (
        <p role="status" className="text-xs text-warn">
          Ignored invalid link parameter{ignored.length === 1 ? '' : 's'}: {ignored.join(', ')}
        </p>
      )}
      {list.isError && (
        <div role="alert" data-testid="traces-error" className="rounded-md border border-error/40 bg-error-soft px-3 py-2 text-sm text-error">
          Could not load traces: {list.error.message}{' '}
          <button type="button" className="ml-1 underline" onClick={() => void list.refetch()}>
            Try again
          </button>
        </div>
      )}
      {list.isPending && !list.isError ? (
        <p role="status" className="py-8 text-center text-muted">
          Loading traces…
        </p>
      ) : rows.length === 0 && !list.isError ? (
        <TracesEmptyState
          rangePhrase={phrase}
          custom={view.range.kind === 'custom'}
          filtered={filtered}
          wider={widerPreset(view.range)}
          onWiden={(preset) => navigate(withRange(view, { kind: 'preset', preset }))}
          onClearFilters={clearFilters}
        />
      ) : rows.length > 0 ? (
        <>
          <TracesTable
            rows={rows}
            arrived={tracked.arrived}
            sort={view.sort}
            order={view.order}
            onSort={(sort, order) => navigate({ ...view, sort, order })}
            stale={navigating}
          />
          <TracesFooter
            shown={rows.length}
            failed={countFailed(rows)}
            rangePhrase={phrase}
            hasMore={list.hasNextPage}
            loadingMore={list.isFetchingNextPage}
            onLoadMore={() => void list.fetchNextPage()}
            live={view.live}
            updatedAt={list.dataUpdatedAt}
            timeZone={timeZone}
          />
        </>
      ) : null}
    </div>
  );
}
