/**
 * Span times as the tree uses them. API v1 sends nanosecond timestamps as decimal strings because they exceed
 * Number's exact range; parsing them to bigint keeps ordering exact (two spans 1 ns apart stay apart).
 */
import type { ApiSpan } from '@/lib/span/api-types';

const DECIMAL = /^\d+$/;

/** Start in ns since the epoch; falls back to the ISO time, then to 0, so a malformed span still sorts. */
export function spanStartNs(span: Pick<ApiSpan, 'startTimeUnixNano' | 'startTime'>): bigint {
  if (DECIMAL.test(span.startTimeUnixNano)) return BigInt(span.startTimeUnixNano);
  const ms = Date.parse(span.startTime);
  return Number.isFinite(ms) ? BigInt(ms) * 1_000_000n : 0n;
}

/** Duration in ns, or null when the span has no usable end (not finished, negative or non-finite). */
export function spanDurationNs(durationMs: number): number | null {
  return Number.isFinite(durationMs) && durationMs >= 0 ? Math.round(durationMs * 1e6) : null;
}

export function compareBigint(a: bigint, b: bigint): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function minBigint(a: bigint, b: bigint): bigint {
  return a < b ? a : b;
}

export function maxBigint(a: bigint, b: bigint): bigint {
  return a > b ? a : b;
}
