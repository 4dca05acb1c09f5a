/**
 * The trace detail as TanStack Query options, shared by the page's client island and any prefetch. The query key
 * stays private to this module: callers spread `traceDetailQuery(id)` and never spell the key themselves, so the
 * cache cannot be split between two spellings of the same trace.
 */
import { queryOptions } from '@tanstack/react-query';
import type { ApiTraceDetail } from '@/lib/span/api-types';

const detailKey = (traceId: string) => ['trace-detail', traceId] as const;

/** An API answer other than 200, with the server's own message (`{ error }`) when it sent one. */
export class TraceApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
    this.name = 'TraceApiError';
  }
}

async function errorMessage(response: Response): Promise<string> {
  try {
    const body = (await response.json()) as unknown;
    if (typeof body === 'object' && body !== null && 'error' in body && typeof body.error === 'string') return body.error;
  } catch {
    // Not JSON (a proxy's HTML error page): the status line below says enough.
  }
  return `${response.status} ${response.statusText}`.trim();
}

export async function fetchTraceDetail(traceId: string, signal?: AbortSignal): Promise<ApiTraceDetail> {
  const response = await fetch(`/api/v1/traces/${encodeURIComponent(traceId)}`, {
    signal,
    headers: { accept: 'application/json' },
  });
  if (!response.ok) throw new TraceApiError(await errorMessage(response), response.status);
  return (await response.json()) as ApiTraceDetail;
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
