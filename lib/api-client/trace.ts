/**
 * The trace detail as TanStack Query options, shared by the page's client island and any prefetch. The query key
 * stays private to this module: callers spread `traceDetailQuery(id)` and never spell the key themselves, so the
 * cache cannot be split between two spellings of the same trace.
 */
import { queryOptions } from '@tanstack/react-query';
import type { ApiTraceDetail } from '@/lib/span/api-types';
import { fetchJson } from './http';

const detailKey = (traceId: string) => ['trace-detail', traceId] as const;

export function fetchTraceDetail(traceId: string, signal?: AbortSignal): Promise<ApiTraceDetail> {
  return fetchJson<ApiTraceDetail>(`/api/v1/traces/${encodeURIComponent(traceId)}`, { signal });
}

/**
 * A finished trace does not change, so it stays fresh for a minute; a refetch of a 10,000-span trace rebuilds
 * the whole tree, which is not worth doing on every focus or remount.
 */
export function traceDetailQuery(traceId: string) {
  return queryOptions({
    queryKey: detailKey(traceId),
    queryFn: ({ signal }) => fetchTraceDetail(traceId, signal),
    staleTime: 60_000,
  });
}
