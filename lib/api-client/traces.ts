/**
 * TanStack Query options for the trace list, its filter facets and the overview. The same factories serve the
 * server components (which read the database and hand the result over, as hydrated cache or as a seed) and the
 * client islands (which fetch the API), so both agree on the cache keys; the keys stay private to this module.
 *
 * Cancellation runs end to end: TanStack Query's `signal` goes to `fetch`, and the route handler passes the
 * request's signal to ClickHouse.
 */
import { infiniteQueryOptions, queryOptions } from '@tanstack/react-query';
import type { ApiOverview } from '../queries/overview';
import type { ApiFacets } from '../queries/traces';
import type { ApiTraceList } from '../span/api-types';
import { rangeKey, resolveRange, type TimeRange } from '../traces-view/time-range';
import { FILTER_KEYS, traceListApiParams, type TracesView } from '../traces-view/view-state';

export type { ApiFacets };

/** How often live mode asks for new traces, and how often the overview refreshes itself. */
export const LIVE_INTERVAL_MS = 5_000;
export const OVERVIEW_INTERVAL_MS = 15_000;

/** An API answer that was not a success: the status and the API's own message. */
export class ApiRequestError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
    this.name = 'ApiRequestError';
  }
}

async function getJson<T>(path: string, params: Record<string, string>, signal: AbortSignal): Promise<T> {
  const search = new URLSearchParams(params).toString();
  const response = await fetch(search ? `${path}?${search}` : path, { signal, headers: { accept: 'application/json' } });
  if (!response.ok) {
    let message = `${response.status} ${response.statusText}`;
    try {
      const body: unknown = await response.json();
      if (body && typeof body === 'object' && 'error' in body && typeof body.error === 'string') message = body.error;
    } catch {
      // A body that is not our JSON error (a proxy's HTML page): the status line says enough.
    }
    throw new ApiRequestError(message, response.status);
  }
  return (await response.json()) as T;
}

/** Everything that selects rows, and nothing else: live mode changes how often the list refreshes, not which rows. */
function listKey(view: TracesView) {
  const filters = FILTER_KEYS.map((key) => view.filters[key] ?? null);
  return ['traces', 'list', rangeKey(view.range), view.sort, view.order, ...filters] as const;
}

/** A server component's first read, handed to the client island as its starting data. */
export interface Seed<T> {
  data: T;
  /** When it was read (epoch ms), so the island knows how fresh it is. */
  fetchedAt: number;
}

/**
 * The trace list as pages. The first page resolves the window against the clock when it is fetched, so every
 * refresh (and every live poll) of a relative range sees the newest traces; later pages follow `nextCursor`,
 * which keeps that first page's window, so a page boundary cannot move under the reader.
 *
 * A seed is starting data only: TanStack Query uses it when the cache has nothing for this view, and never lets
 * it replace pages already loaded, so a server re-render cannot take away what "Load more" fetched.
 */
export function traceListOptions(view: TracesView, options: { live?: boolean; seed?: Seed<ApiTraceList> } = {}) {
  const { seed } = options;
  return infiniteQueryOptions({
    queryKey: listKey(view),
    queryFn: ({ pageParam, signal }) =>
      getJson<ApiTraceList>('/api/v1/traces', traceListApiParams(view, Date.now(), pageParam ?? undefined), signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    initialData: seed ? { pages: [seed.data], pageParams: [null] } : undefined,
    initialDataUpdatedAt: seed?.fetchedAt,
    refetchInterval: options.live ? LIVE_INTERVAL_MS : false,
    // Polling stops while the tab is hidden; it resumes, and catches up, when the engineer comes back.
    refetchIntervalInBackground: false,
  });
}

/** The services, agents and models seen in the range, for the filter dropdowns. */
export function facetsOptions(range: TimeRange, seed?: Seed<ApiFacets>) {
  return queryOptions({
    queryKey: ['traces', 'facets', rangeKey(range)] as const,
    initialData: seed?.data,
    initialDataUpdatedAt: seed?.fetchedAt,
    queryFn: ({ signal }) => {
      const { fromMs, toMs } = resolveRange(range, Date.now());
      return getJson<ApiFacets>('/api/v1/facets', { from: String(fromMs), to: String(toMs) }, signal);
    },
    staleTime: 60_000,
    // While another range's facets load, the dropdowns keep the previous options rather than emptying.
    placeholderData: (previous) => previous,
  });
}

export function overviewOptions() {
  return queryOptions({
    queryKey: ['overview'] as const,
    queryFn: ({ signal }) => getJson<ApiOverview>('/api/v1/overview', {}, signal),
    refetchInterval: OVERVIEW_INTERVAL_MS,
    refetchIntervalInBackground: false,
  });
}
