import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { TraceView } from '@/components/trace/TraceView';
import { TraceIdInvalid } from '@/components/trace/TraceIdInvalid';
import { NotFound } from '@/lib/errors';
import { getTraceDetail, getTraceSummary } from '@/lib/queries/traces';
import { serverClickHouse } from '@/lib/server/clickhouse';
import { parseTraceViewState } from '@/lib/trace-view/url-state';
import { z } from 'zod';

export const dynamic = 'force-dynamic';

const traceIdParam = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[0-9a-f]{32}$/, 'a trace id is 32 hexadecimal digits');

interface Props {
  params: Promise<{ traceId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { traceId } = await params;
  return { title: `Trace ${traceId.slice(0, 8)}` };
}

/**
 * Up to this many spans the trace travels inside the page (no loading flash for the engineer who followed a link);
 * a larger trace is fetched by the browser as API JSON instead, which is smaller and faster to produce than the
 * same spans serialised into the page, so a 10,000-span run opens in about the time its JSON takes to arrive.
 */
const INLINE_SPAN_LIMIT = 1_500;

/**
 * One trace: validates the id, loads its summary (and, for a trace of ordinary size, all its spans) on the
 * server, and hands them to the client island with the view state from the URL.
 */
export default async function TracePage({ params, searchParams }: Props) {
  const [{ traceId: raw }, search] = await Promise.all([params, searchParams]);
  const parsed = traceIdParam.safeParse(decodeURIComponent(raw));
  if (!parsed.success) return <TraceIdInvalid value={raw} />;
  const traceId = parsed.data;
  const { client, database, defaultProject } = serverClickHouse();
  const rethrow = (error: unknown): never => {
    if (error instanceof NotFound) notFound();
    throw error;
  };
  const summary = await getTraceSummary(client, database, defaultProject, traceId).catch(rethrow);
  const detail =
    summary.spanCount <= INLINE_SPAN_LIMIT ? await getTraceDetail(client, database, defaultProject, traceId).catch(rethrow) : null;
  return <TraceView traceId={traceId} summary={summary} initialDetail={detail} initialState={parseTraceViewState(search)} />;
}
