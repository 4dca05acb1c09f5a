/**
 * Row versions for the alerting tables (ReplacingMergeTree keeps the row with the largest version). Microsecond
 * clock, forced strictly increasing within the process: a state that fires and resolves within one millisecond
 * must still leave "resolved" as the newer row.
 */
let last = 0;

export function nextRowVersion(nowMs: number = Date.now()): number {
  last = Math.max(last + 1, Math.floor(nowMs * 1000));
  return last;
}
