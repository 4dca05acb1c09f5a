import { describe, expect, it } from 'vitest';
import { DEFAULT_DETECTOR_CONFIG, mergeDetectorConfig } from './config';
import { baselineHours, detectRateAnomalies, HOUR_MS, median, medianAbsoluteDeviation } from './rate-anomaly';
import type { HourlyAggregate } from './types';

const rule = DEFAULT_DETECTOR_CONFIG.cost_rate_anomaly;
const DAY = 24 * HOUR_MS;
/** 2025-03-10 00:00 UTC; series start 8 days before it. */
const T0 = Date.parse('2025-03-10T00:00:00Z');

type Hour = Pick<HourlyAggregate, 'costUsd' | 'tokens' | 'calls'>;

/** Every hour from 8 days before T0 up to (not including) the current hour, from `shape(hourOfDay, index)`. */
function history(shape: (hourOfDay: number, index: number) => Hour | null, currentHour: number, name = 'support-bot'): HourlyAggregate[] {
  const points: HourlyAggregate[] = [];
  for (let hour = T0 - 8 * DAY, i = 0; hour < currentHour; hour += HOUR_MS, i++) {
    const value = shape(new Date(hour).getUTCHours(), i);
    if (value) points.push({ kind: 'agent', name, hourStartMs: hour, ...value });
  }
  return points;
}

const at = (hourOfDay: number, minutes: number) => T0 + hourOfDay * HOUR_MS + minutes * 60_000;
const current = (hourOfDay: number, value: Hour, name = 'support-bot'): HourlyAggregate => ({
  kind: 'agent', name, hourStartMs: T0 + hourOfDay * HOUR_MS, ...value,
});
const steady = (): Hour => ({ costUsd: 2, tokens: 200_000, calls: 40 });
/** Busy afternoons (12–17 UTC), quiet otherwise. */
const daily = (hourOfDay: number): Hour =>
  hourOfDay >= 12 && hourOfDay < 18 ? { costUsd: 10, tokens: 1_000_000, calls: 200 } : { costUsd: 0.6, tokens: 60_000, calls: 12 };

describe('median and MAD', () => {
  it.each([
    [[], 0, 0],
    [[5], 5, 0],
    [[1, 2, 3, 4], 2.5, 1],
    [[1, 1, 2, 2, 4, 6, 9], 2, 1],
    [[3, 3, 3, 100], 3, 0],
  ])('%j → median %s, MAD %s', (values, m, mad) => {
    expect(median(values)).toBe(m);
    expect(medianAbsoluteDeviation(values)).toBe(mad);
  });
});

describe('baselineHours', () => {
  const hour = T0 + 14 * HOUR_MS;
  it.each([
    { name: 'a week of history: the same hour on 7 days', firstHour: T0 - 8 * DAY, hours: 7, sameHour: true },
    { name: '3 days: 3 same-hour samples are enough', firstHour: T0 - 3 * DAY, hours: 3, sameHour: true },
    { name: '2 days: every previous hour instead', firstHour: T0 - 2 * DAY, hours: 2 * 24 + 14, sameHour: false },
    { name: '2 hours: too few samples still, no baseline', firstHour: hour - 2 * HOUR_MS, hours: null, sameHour: false },
  ])('$name', ({ firstHour, hours, sameHour }) => {
    const window = baselineHours(new Map(), firstHour, hour, rule);
    expect(window === null ? null : window.hours.length).toBe(hours);
    if (window) expect(window.sameHour).toBe(sameHour);
  });
});

describe('detectRateAnomalies', () => {
  it.each([
    { name: 'a steady series at its usual rate', shape: steady, now: at(14, 30), hour: { costUsd: 1, tokens: 100_000, calls: 20 }, fires: false },
    { name: 'a steady series 2× up (under the 2.2× MAD floor)', shape: steady, now: at(14, 30), hour: { costUsd: 2, tokens: 200_000, calls: 40 }, fires: false },
    { name: 'a spike: 10× the usual spend', shape: steady, now: at(14, 30), hour: { costUsd: 10, tokens: 200_000, calls: 60 }, fires: true },
    {
      name: 'a quiet spike: 8× a tiny baseline but under $0.50',
      shape: () => ({ costUsd: 0.04, tokens: 1_000, calls: 2 }),
      now: at(14, 59), hour: { costUsd: 0.4, tokens: 8_000, calls: 25 }, fires: false,
    },
    { name: 'a spike in few calls (one big batch job, 5 calls)', shape: steady, now: at(14, 59), hour: { costUsd: 30, tokens: 100_000, calls: 5 }, fires: false },
    { name: 'a normal busy afternoon against busy afternoons', shape: daily, now: at(14, 30), hour: { costUsd: 5.5, tokens: 500_000, calls: 100 }, fires: false },
    { name: 'afternoon volume at night, against nights', shape: daily, now: at(3, 30), hour: { costUsd: 5, tokens: 80_000, calls: 100 }, fires: true },
  ])('$name → fires: $fires', ({ shape, now, hour, fires }) => {
    const hourOfDay = new Date(now).getUTCHours();
    const findings = detectRateAnomalies([...history(shape, T0 + hourOfDay * HOUR_MS), current(hourOfDay, hour)], now);
    expect(findings.length > 0).toBe(fires);
  });

  it('reports the projected rate against median + k·max(MAD, 20% of median), with the dimension', () => {
    const findings = detectRateAnomalies([...history(steady, T0 + 14 * HOUR_MS), current(14, { costUsd: 10, tokens: 200_000, calls: 60 })], at(14, 30));
    expect(findings).toEqual([
      expect.objectContaining({
        ruleId: 'cost_rate_anomaly', traceId: null, evidenceSpanIds: [], key: 'agent:support-bot',
        dimension: { kind: 'agent', name: 'support-bot' },
        value: 20, // $10 in the first 30 min
        threshold: 2 + 6 * 0.4,
        severity: 'critical',
      }),
    ]);
    expect(findings[0]!.title).toBe('Spend of agent support-bot at $20.00/h (projected from the first 30 min) — 10.0× the usual $2.00/h for 14:00 UTC');
    expect(findings[0]!.summary).toContain('Baseline over the 14:00 UTC hour on the previous 7 days: median $2.00/h, MAD $0/h');
  });

  it('projects a young hour from at least 10 minutes', () => {
    const points = [...history(steady, T0 + 14 * HOUR_MS), current(14, { costUsd: 1, tokens: 10_000, calls: 30 })];
    // $1 after 2 minutes would be $30/h; from the 10-minute floor it is $6/h, still over the $4.40 limit.
    expect(detectRateAnomalies(points, at(14, 2))[0]!.value).toBeCloseTo(6, 9);
    expect(detectRateAnomalies(points, at(14, 59.5))).toEqual([]);
  });

  it('fires on tokens when an unpriced model burns tokens at no known cost', () => {
    const shape = (): Hour => ({ costUsd: 0, tokens: 100_000, calls: 30 });
    const [finding] = detectRateAnomalies([...history(shape, T0 + 9 * HOUR_MS), current(9, { costUsd: 0, tokens: 2_000_000, calls: 90 })], at(9, 59));
    expect(finding!.title).toMatch(/^Token use of agent support-bot at 2\.0M tokens\/h/);
    expect(finding!.threshold).toBeCloseTo(100_000 + 6 * 20_000, 6);
  });

  it('judges each dimension on its own and counts hours without points as zero', () => {
    const busy = history(steady, T0 + 14 * HOUR_MS, 'busy');
    // "sparse" ran only at 14:00 on each day; its other hours count as zero but are not in a same-hour baseline.
    const sparse = history((h) => (h === 14 ? { costUsd: 3, tokens: 300_000, calls: 50 } : null), T0 + 14 * HOUR_MS, 'sparse');
    const points = [...busy, ...sparse, current(14, { costUsd: 2, tokens: 200_000, calls: 40 }, 'busy'), current(14, { costUsd: 3, tokens: 300_000, calls: 50 }, 'sparse')];
    expect(detectRateAnomalies(points, at(14, 59.9))).toEqual([]);
    const spiking = [...points.slice(0, -1), current(14, { costUsd: 30, tokens: 300_000, calls: 50 }, 'sparse')];
    expect(detectRateAnomalies(spiking, at(14, 59.9)).map((f) => f.key)).toEqual(['agent:sparse']);
  });

  it('stays quiet for a dimension idle in most baseline hours (a median of zero is no rate to exceed)', () => {
    // Used at 14:00 only on one day in eight: as a same-hour baseline that is a median of $0/h.
    const rare = history((h, i) => (h === 14 && i < 24 ? { costUsd: 3, tokens: 300_000, calls: 50 } : null), T0 + 14 * HOUR_MS, 'rare');
    const burst = [...rare, current(14, { costUsd: 40, tokens: 2_000_000, calls: 300 }, 'rare')];
    expect(detectRateAnomalies(burst, at(14, 59.9))).toEqual([]);
  });

  it('stays quiet for a dimension with no history, for an idle current hour, and when disabled', () => {
    const fresh = [current(14, { costUsd: 50, tokens: 1_000_000, calls: 500 })];
    expect(detectRateAnomalies(fresh, at(14, 30))).toEqual([]);
    expect(detectRateAnomalies(history(steady, T0 + 14 * HOUR_MS), at(14, 30))).toEqual([]);
    const spike = [...history(steady, T0 + 14 * HOUR_MS), current(14, { costUsd: 10, tokens: 200_000, calls: 60 })];
    const off = mergeDetectorConfig(DEFAULT_DETECTOR_CONFIG, { cost_rate_anomaly: { enabled: false } });
    expect(detectRateAnomalies(spike, at(14, 30), off)).toEqual([]);
  });
});
