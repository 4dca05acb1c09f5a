/**
 * What the spend chart needs beyond the series: a stable colour per series, the budget as a per-bucket line, and
 * the axis labels. The budget line is the monthly budget spread evenly over the month's days (or hours), so a bar
 * above it is a day that spent faster than the budget allows.
 */
import { OTHER_KEY } from './period';
import type { CostBucket } from './types';

const SERIES_COLOURS = ['#2457c5', '#1f9d8b', '#d08a1a', '#8a4fbf', '#c2456e', '#4a8f2f', '#6b7b8c', '#b5651d'];
const OTHER_COLOUR = '#b8bfc8';

export function seriesColour(key: string, index: number): string {
  return key === OTHER_KEY ? OTHER_COLOUR : (SERIES_COLOURS[index % SERIES_COLOURS.length] ?? OTHER_COLOUR);
}

export function daysInUtcMonth(ms: number): number {
  const d = new Date(ms);
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
}

/** The budget's share of one bucket, or null when no budget is set. */
export function budgetPerBucket(monthlyUsd: number | null, bucket: CostBucket, nowMs: number): number | null {
  if (monthlyUsd === null || !(monthlyUsd > 0)) return null;
  const perDay = monthlyUsd / daysInUtcMonth(nowMs);
  return bucket === 'day' ? perDay : perDay / 24;
}

/** Axis label of a bucket start (UTC): "Nov 23" for days, "Nov 23 14:00" for hours. */
export function bucketLabel(iso: string, bucket: CostBucket): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const day = `${d.toLocaleString('en-US', { month: 'short', timeZone: 'UTC' })} ${d.getUTCDate()}`;
  return bucket === 'day' ? day : `${day} ${String(d.getUTCHours()).padStart(2, '0')}:00`;
}

/** "+12%", "−8%", "new" (nothing spent before), "—" (nothing either time). */
export function formatChange(ratio: number | null, current: number): string {
  if (ratio === null) return current > 0 ? 'new' : '—';
  const pct = Math.round(ratio * 100);
  if (pct === 0) return '±0%';
  return pct > 0 ? `+${pct}%` : `−${Math.abs(pct)}%`;
}

/** The key as shown: an empty agent, service or model is named, not left blank. */
export function dimensionLabel(key: string, dimension: string): string {
  if (key !== '') return key;
  return dimension === 'agent' ? '(no agent)' : dimension === 'model' ? '(no model)' : `(no ${dimension})`;
}
