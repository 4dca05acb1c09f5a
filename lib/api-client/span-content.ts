/**
 * A span's content (messages, tool arguments and results, retrieved documents) as TanStack Query options. The
 * content is fetched apart from the trace because it can be large and only the selected span needs it. Stored
 * content never changes, so it stays fresh for the life of the tab; the query key stays private to this module.
 */
import { queryOptions } from '@tanstack/react-query';
import type { ApiSpanContent } from '@/lib/span/api-types';
import { TraceApiError } from './trace';

const contentKey = (traceId: string, spanId: string) => ['span-content', traceId, spanId] as const;

async function failureMessage(response: Response): Promise<string> {
  try {
    const body = (await response.json()) as unknown;
    if (typeof body === 'object' && body !== null && 'error' in body && typeof body.error === 'string') return body.error;
  } catch {
    // Not JSON (a proxy's error page): the status line says enough.
  }
  return `${response.status} ${response.statusText}`.trim();
}

export async function fetchSpanContent(traceId: string, spanId: string, signal?: AbortSignal): Promise<ApiSpanContent> {
  const url = `/api/v1/traces/${encodeURIComponent(traceId)}/spans/${encodeURIComponent(spanId)}/content`;
  const response = await fetch(url, { signal, headers: { accept: 'application/json' } });
  if (!response.ok) throw new TraceApiError(await failureMessage(response), response.status);
  return (await response.json()) as ApiSpanContent;
}

export function spanContentQuery(traceId: string, spanId: string) {
  return queryOptions({
    queryKey: contentKey(traceId, spanId),
    queryFn: ({ signal }) => fetchSpanContent(traceId, spanId, signal),
    staleTime: Infinity,
  });
}
