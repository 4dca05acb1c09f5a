/**
 * Time arithmetic of the cost review: the previous period of equal length, the change against it, the bucket size
 * for a range, and the dense time series (every bucket present, zero where nothing was spent) that a stacked chart
 * needs. All in UTC, so a day bucket means the same day to every viewer and in the CSV.
 */
import type { CostBucket, CostChange } from './types';

export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;

/** The name under which the series beyond the largest few are summed. */
export const OTHER_KEY = 'other';

export interface Range {
  fromMs: number;
  toMs: number;
}

/** The period of equal length that ends where this one starts. */
export function previousPeriod(range: Range): Range {
  const length = Math.max(0, range.toMs - range.fromMs);
  return { fromMs: range.fromMs - length, toMs: range.fromMs };
}

export function costChange(current: number, previous: number): CostChange {
  return { deltaUsd: current - previous, ratio: previous > 0 ? (current - previous) / previous : null };
}

/** Hourly buckets up to two days (at most 48 bars), daily beyond. */
export function defaultBucket(range: Range): CostBucket {
  return range.toMs - range.fromMs <= 2 * DAY_MS ? 'hour' : 'day';
}

export function bucketStart(ms: number, bucket: CostBucket): number {
  const size = bucket === 'hour' ? HOUR_MS : DAY_MS;
  return Math.floor(ms / size) * size;
}

/** Every bucket start from the one holding `fromMs` up to the one holding `toMs - 1`. */
export function bucketStarts(range: Range, bucket: CostBucket): number[] {
  const size = bucket === 'hour' ? HOUR_MS : DAY_MS;
  const starts: number[] = [];
  if (range.toMs <= range.fromMs) return starts;
  for (let t = bucketStart(range.fromMs, bucket); t < range.toMs; t += size) starts.push(t);
  return starts;
}

export interface SeriesCell {
  bucketMs: number;
  key: string;
  costUsd: number;
}

export interface DenseSeries {
  keys: string[];
  points: { t: string; total: number; values: Record<string, number> }[];
}

/**
 * Turns sparse (bucket, key, cost) cells into one point per bucket with a value for every key. The `maxKeys`
 * largest keys over the whole range keep their own series; the rest are summed under OTHER_KEY, so a chart of
 * forty models stays readable and its stacks still add up to the total.
 */
export function denseSeries(cells: readonly SeriesCell[], range: Range, bucket: CostBucket, maxKeys = 8): DenseSeries {
  const totals = new Map<string, number>();
  for (const cell of cells) totals.set(cell.key, (totals.get(cell.key) ?? 0) + cell.costUsd);
  const ranked = [...totals.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([key]) => key);
  const kept = ranked.length > maxKeys ? ranked.slice(0, maxKeys - 1) : ranked;
  const keptSet = new Set(kept);
  const keys = ranked.length > kept.length ? [...kept, OTHER_KEY] : kept;

  const byBucket = new Map<number, Record<string, number>>();
  for (const start of bucketStarts(range, bucket)) {
    byBucket.set(start, Object.fromEntries(keys.map((key) => [key, 0])));
  }
  for (const cell of cells) {
    const values = byBucket.get(bucketStart(cell.bucketMs, bucket));
    if (!values) continue;
    const key = keptSet.has(cell.key) ? cell.key : OTHER_KEY;
    values[key] = (values[key] ?? 0) + cell.costUsd;
  }
  const points = [...byBucket.entries()].map(([start, values]) => ({
    t: new Date(start).toISOString(),
    total: Object.values(values).reduce((sum, v) => sum + v, 0),
    values,
  }));
  return { keys, points };
}
