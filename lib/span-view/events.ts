/**
 * A span's events as a timeline (offset from the span's start, in time order) and its links as navigable
 * targets. Exception events are singled out: their type and message lead, the stack trace is kept apart so it
 * can be folded, and the remaining attributes are listed. Times are nanosecond decimal strings; differences are
 * taken in bigint so that a 19-digit epoch never loses its microseconds to float rounding.
 */
import type { ApiSpan } from '@/lib/span/api-types';

export interface EventRow {
  key: string;
  name: string;
  /** Milliseconds after the span started; null when a time cannot be read. */
  offsetMs: number | null;
  isException: boolean;
  exceptionType: string;
  exceptionMessage: string;
  stacktrace: string;
  /** Attributes other than the exception's type, message and stack trace, sorted by key. */
  attributes: [string, string][];
}

export interface LinkRow {
  key: string;
  traceId: string;
  spanId: string;
  /** Same trace: selecting the span is enough; another trace: navigate. */
  sameTrace: boolean;
  href: string;
  attributes: [string, string][];
}

const EXCEPTION_KEYS = new Set(['exception.type', 'exception.message', 'exception.stacktrace']);

function nanos(value: string): bigint | null {
  try {
    return BigInt(value);
  } catch {
    return null;
  }
}

function sortedEntries(attributes: Readonly<Record<string, string>>, skip?: ReadonlySet<string>): [string, string][] {
  return Object.entries(attributes)
    .filter(([key]) => !skip?.has(key))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

export function eventRows(span: Pick<ApiSpan, 'startTimeUnixNano' | 'events'>): EventRow[] {
  const start = nanos(span.startTimeUnixNano);
  const rows = span.events.map((event, i) => {
    const at = nanos(event.timeUnixNano);
    const isException = event.name === 'exception';
    return {
      sortKey: at,
      row: {
        key: `${i}`,
        name: event.name,
        offsetMs: at !== null && start !== null ? Number(at - start) / 1e6 : null,
        isException,
        exceptionType: event.attributes['exception.type'] ?? '',
        exceptionMessage: event.attributes['exception.message'] ?? '',
        stacktrace: event.attributes['exception.stacktrace'] ?? '',
        attributes: sortedEntries(event.attributes, isException ? EXCEPTION_KEYS : undefined),
      },
    };
  });
  // Stable sort by time; events whose time cannot be read keep their place at the end.
  rows.sort((a, b) => {
    if (a.sortKey === null || b.sortKey === null) return (a.sortKey === null ? 1 : 0) - (b.sortKey === null ? 1 : 0);
    return a.sortKey < b.sortKey ? -1 : a.sortKey > b.sortKey ? 1 : 0;
  });
  return rows.map((r) => r.row);
}

export function spanHref(traceId: string, spanId: string): string {
  const base = `/traces/${encodeURIComponent(traceId)}`;
  return spanId === '' ? base : `${base}?span=${encodeURIComponent(spanId)}`;
}

export function linkRows(span: Pick<ApiSpan, 'traceId' | 'links'>): LinkRow[] {
  return span.links.map((link, i) => ({
    key: `${i}`,
    traceId: link.traceId,
    spanId: link.spanId,
    sameTrace: link.traceId === span.traceId,
    href: spanHref(link.traceId, link.spanId),
    attributes: sortedEntries(link.attributes),
  }));
}
