/**
 * A span's content (messages, tool arguments and results, retrieved documents) as TanStack Query options. The
 * content is fetched apart from the trace because it can be large and only the selected span needs it. Stored
 * content never changes, so it stays fresh for the life of the tab; the query key stays private to this module.
 */
import { queryOptions } from '@tanstack/react-query';
import type { ApiSpanContent } from '@/lib/span/api-types';
import { fetchJson } from './http';

const contentKey = (traceId: string, spanId: string) => ['span-content', traceId, spanId] as const;

export function fetchSpanContent(traceId: string, spanId: string, signal?: AbortSignal): Promise<ApiSpanContent> {
  const url = `/api/v1/traces/${encodeURIComponent(traceId)}/spans/${encodeURIComponent(spanId)}/content`;
  return fetchJson<ApiSpanContent>(url, { signal });
}

export function spanContentQuery(traceId: string, spanId: string) {
  return queryOptions({
    queryKey: contentKey(traceId, spanId),
    queryFn: ({ signal }) => fetchSpanContent(traceId, spanId, signal),
    staleTime: Infinity,
  });
}
