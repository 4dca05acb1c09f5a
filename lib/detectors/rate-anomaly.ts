/**
 * cost_rate_anomaly: the current hour's spend (or token) rate for one agent, model or service against a robust
 * baseline. The baseline is the same hour of day over the previous days (traffic has a daily shape: a busy
 * afternoon is compared with other afternoons, not with nights), falling back to every previous hour of the window
 * while fewer same-hour samples exist. Median and MAD (median absolute deviation) rather than mean and standard
 * deviation, so one earlier spike in the window does not raise the bar for the next.
 *
 * Fires when rate > median + k · max(MAD, minMadShare · median) — the floor keeps a perfectly steady series
 * (MAD 0) from paging on the first small wobble — and the hour really moved money: at least minCostUsd and
 * minCalls as measured (tokens: minTokens), so a quiet hour pages no one. Hours a dimension had no points for,
 * after its first point, count as zero. A partial current hour is projected to a full hour.
 * Cost: O(points + dimensions × samples log samples).
 */
import { DEFAULT_DETECTOR_CONFIG, type DetectorConfig } from './config';
import { formatTokens, formatUsd, plural } from './format';
import { severityFor } from './prepare';
import type { Finding, HourlyAggregate } from './types';

export const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

type Metric = 'costUsd' | 'tokens';
type Hour = Pick<HourlyAggregate, 'costUsd' | 'tokens' | 'calls'>;

export interface RateBaseline {
  median: number;
  mad: number;
  samples: number;
  /** True when the samples are the same hour of day on previous days; false for the all-hours fallback. */
  sameHour: boolean;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function medianAbsoluteDeviation(values: readonly number[], center = median(values)): number {
  return median(values.map((value) => Math.abs(value - center)));
}

/** The hours of the baseline for `hourStart`, or null while the dimension has too little history. */
export function baselineHours(
  series: ReadonlyMap<number, Hour>,
  firstHour: number,
  hourStart: number,
  rule: DetectorConfig['cost_rate_anomaly'],
): { hours: number[]; sameHour: boolean } | null {
  const sameHour: number[] = [];
  for (let day = 1; day <= rule.baselineDays; day++) {
    const hour = hourStart - day * DAY_MS;
    if (hour >= firstHour) sameHour.push(hour);
  }
  if (sameHour.length >= rule.minSameHourSamples) return { hours: sameHour, sameHour: true };
  const all: number[] = [];
  for (let hour = Math.max(firstHour, hourStart - rule.baselineDays * DAY_MS); hour < hourStart; hour += HOUR_MS) all.push(hour);
  return all.length >= rule.minSameHourSamples ? { hours: all, sameHour: false } : null;
}

function baselineOf(series: ReadonlyMap<number, Hour>, hours: readonly number[], metric: Metric, sameHour: boolean): RateBaseline {
  const values = hours.map((hour) => series.get(hour)?.[metric] ?? 0);
  const center = median(values);
  return { median: center, mad: medianAbsoluteDeviation(values, center), samples: values.length, sameHour };
}

export function limitOf(baseline: RateBaseline, rule: DetectorConfig['cost_rate_anomaly']): number {
  return baseline.median + rule.k * Math.max(baseline.mad, rule.minMadShare * baseline.median);
}

interface Dimension {
  kind: HourlyAggregate['kind'];
  name: string;
  series: Map<number, Hour>;
  firstHour: number;
}

/** Points per dimension, hours aligned to the hour and duplicates of an hour summed. */
function dimensionsOf(points: readonly HourlyAggregate[]): Dimension[] {
  const dimensions = new Map<string, Dimension>();
  for (const point of points) {
    const hour = Math.floor(point.hourStartMs / HOUR_MS) * HOUR_MS;
    const key = `${point.kind}\u0000${point.name}`;
    let dimension = dimensions.get(key);
    if (!dimension) dimensions.set(key, (dimension = { kind: point.kind, name: point.name, series: new Map(), firstHour: hour }));
    dimension.firstHour = Math.min(dimension.firstHour, hour);
    const sum = dimension.series.get(hour) ?? { costUsd: 0, tokens: 0, calls: 0 };
    dimension.series.set(hour, { costUsd: sum.costUsd + point.costUsd, tokens: sum.tokens + point.tokens, calls: sum.calls + point.calls });
  }
  return [...dimensions.values()];
}

const formatRate = (metric: Metric, perHour: number) =>
  metric === 'costUsd' ? `${formatUsd(perHour)}/h` : `${formatTokens(perHour)} tokens/h`;

function describe(dimension: Dimension, metric: Metric, rate: number, limit: number, baseline: RateBaseline, hour: Hour, projectedFromMin: number | null, hourStart: number): Pick<Finding, 'title' | 'summary'> {
  const what = metric === 'costUsd' ? 'Spend' : 'Token use';
  const clock = `${new Date(hourStart).toISOString().slice(11, 16)} UTC`;
  const times = baseline.median > 0 ? `${(rate / baseline.median).toFixed(1)}× the usual ${formatRate(metric, baseline.median)}` : `usually ${formatRate(metric, 0)}`;
  const projected = projectedFromMin !== null ? ` (projected from the first ${Math.max(1, Math.round(projectedFromMin))} min)` : '';
  const basis = baseline.sameHour
    ? `the ${clock} hour on the previous ${plural(baseline.samples, 'day')}`
    : `all ${baseline.samples} previous hours (fewer than the needed same-hour samples so far)`;
  return {
    title: `${what} of ${dimension.kind} ${dimension.name} at ${formatRate(metric, rate)}${projected} — ${times} for ${clock}`,
    summary:
      `${dimension.kind} ${dimension.name} has spent ${formatUsd(hour.costUsd)} on ${plural(hour.calls, 'model call')} and ` +
      `${formatTokens(hour.tokens)} tokens in the hour from ${clock}: ${formatRate(metric, rate)}${projected}. ` +
      `Baseline over ${basis}: median ${formatRate(metric, baseline.median)}, MAD ${formatRate(metric, baseline.mad)}; ` +
      `the alert limit is ${formatRate(metric, limit)}.`,
  };
}

export function detectRateAnomalies(
  points: readonly HourlyAggregate[],
  nowMs: number,
  config: DetectorConfig = DEFAULT_DETECTOR_CONFIG,
): Finding[] {
  const rule = config.cost_rate_anomaly;
  if (!rule.enabled) return [];
  const hourStart = Math.floor(nowMs / HOUR_MS) * HOUR_MS;
  const elapsedMs = Math.max(nowMs - hourStart, rule.minElapsedMinutes * 60_000);
  const factor = elapsedMs >= HOUR_MS ? 1 : HOUR_MS / elapsedMs;
  const findings: Finding[] = [];
  for (const dimension of dimensionsOf(points)) {
    const hour = dimension.series.get(hourStart);
    if (!hour) continue;
    const window = baselineHours(dimension.series, dimension.firstHour, hourStart, rule);
    if (!window) continue;
    const gates: Record<Metric, boolean> = {
      costUsd: hour.costUsd >= rule.minCostUsd && hour.calls >= rule.minCalls,
      tokens: hour.tokens >= rule.minTokens && hour.calls >= rule.minCalls,
    };
    // Cost first: when both spike, the money is what the on-call engineer needs to hear about.
    for (const metric of ['costUsd', 'tokens'] as const) {
      if (!gates[metric]) continue;
      const baseline = baselineOf(dimension.series, window.hours, metric, window.sameHour);
      // A dimension idle in most baseline hours has no rate to exceed: any busy hour would "spike" against a
      // median of zero and page on every burst. Spend on such a dimension is left to the per-run budget rule.
      if (baseline.median <= 0) continue;
      const limit = limitOf(baseline, rule);
      const rate = hour[metric] * factor;
      if (!(rate > limit)) continue;
      const projectedFromMin = factor > 1 ? (nowMs - hourStart) / 60_000 : null;
      findings.push({
        ruleId: 'cost_rate_anomaly',
        severity: severityFor(rate, limit),
        ...describe(dimension, metric, rate, limit, baseline, hour, projectedFromMin, hourStart),
        traceId: null,
        evidenceSpanIds: [],
        key: `${dimension.kind}:${dimension.name}`,
        value: rate,
        threshold: limit,
        dimension: { kind: dimension.kind, name: dimension.name },
      });
      break;
    }
  }
  return findings;
}
