import { describe, expect, it } from 'vitest';
import { bucketStarts, costChange, DAY_MS, defaultBucket, denseSeries, HOUR_MS, OTHER_KEY, previousPeriod } from './period';

const T0 = Date.parse('2026-03-10T00:00:00Z');

describe('previousPeriod', () => {
  it('is the period of equal length that ends where this one starts', () => {
    expect(previousPeriod({ fromMs: T0, toMs: T0 + 7 * DAY_MS })).toEqual({ fromMs: T0 - 7 * DAY_MS, toMs: T0 });
  });
});

describe('costChange', () => {
  it.each([
    [150, 100, 50, 0.5],
    [50, 100, -50, -0.5],
    [10, 0, 10, null],
    [0, 0, 0, null],
  ])('%d vs %d → Δ%d, ratio %s', (current, previous, delta, ratio) => {
    expect(costChange(current, previous)).toEqual({ deltaUsd: delta, ratio });
  });
});

describe('buckets', () => {
  it('uses hours up to two days and days beyond', () => {
    expect(defaultBucket({ fromMs: T0, toMs: T0 + 2 * DAY_MS })).toBe('hour');
    expect(defaultBucket({ fromMs: T0, toMs: T0 + 2 * DAY_MS + 1 })).toBe('day');
  });

  it('lists every bucket touched by the range, the first one floored', () => {
    const starts = bucketStarts({ fromMs: T0 + 30 * 60_000, toMs: T0 + 3 * HOUR_MS }, 'hour');
    expect(starts).toEqual([T0, T0 + HOUR_MS, T0 + 2 * HOUR_MS]);
    expect(bucketStarts({ fromMs: T0, toMs: T0 }, 'day')).toEqual([]);
  });
});

describe('denseSeries', () => {
  const range = { fromMs: T0, toMs: T0 + 3 * DAY_MS };

  it('has a point for every bucket and a value for every key, zero where nothing was spent', () => {
    const s = denseSeries([{ bucketMs: T0 + DAY_MS + 5 * HOUR_MS, key: 'gpt-4o', costUsd: 2 }], range, 'day');
    expect(s.keys).toEqual(['gpt-4o']);
    expect(s.points.map((p) => [p.t.slice(0, 10), p.total])).toEqual([
      ['2026-03-10', 0],
      ['2026-03-11', 2],
      ['2026-03-12', 0],
    ]);
    expect(s.points[0]?.values).toEqual({ 'gpt-4o': 0 });
  });

  it('keeps the largest keys and sums the rest under "other", so stacks still add up to the total', () => {
    const cells = ['a', 'b', 'c', 'd'].map((key, i) => ({ bucketMs: T0, key, costUsd: 10 - i }));
    const s = denseSeries(cells, range, 'day', 3);
    expect(s.keys).toEqual(['a', 'b', OTHER_KEY]);
    expect(s.points[0]?.values).toEqual({ a: 10, b: 9, [OTHER_KEY]: 8 + 7 });
    expect(s.points[0]?.total).toBe(34);
  });

  it('ignores cells outside the range', () => {
    const s = denseSeries([{ bucketMs: T0 - DAY_MS, key: 'x', costUsd: 5 }], range, 'day');
    expect(s.points.every((p) => p.total === 0)).toBe(true);
  });
});
