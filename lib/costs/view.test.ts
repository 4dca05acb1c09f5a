import { describe, expect, it } from 'vitest';
import { budgetPerBucket, bucketLabel, dimensionLabel, formatChange } from './chart';
import { formatRates } from './rates';
import { costViewSearch, DEFAULT_VIEW, parseCostView } from './view';

describe('cost view from the URL', () => {
  it.each([
    [{}, DEFAULT_VIEW],
    [{ days: '30', groupBy: 'agent' }, { days: 30, groupBy: 'agent' }],
    [{ days: '12', groupBy: 'colour' }, DEFAULT_VIEW],
    [{ days: ['90', '7'] }, { days: 90, groupBy: 'model' }],
  ])('%j → %j', (search, view) => {
    expect(parseCostView(search)).toEqual(view);
  });

  it('round-trips through its search string, defaults left out', () => {
    expect(costViewSearch(DEFAULT_VIEW)).toBe('');
    expect(parseCostView(Object.fromEntries(new URLSearchParams(costViewSearch({ days: 90, groupBy: 'service' }))))).toEqual({
      days: 90,
      groupBy: 'service',
    });
  });
});

describe('chart helpers', () => {
  it('spreads the monthly budget over the days (or hours) of the month', () => {
    const april = Date.parse('2026-04-11T00:00:00Z');
    expect(budgetPerBucket(300, 'day', april)).toBeCloseTo(10, 9);
    expect(budgetPerBucket(300, 'hour', april)).toBeCloseTo(10 / 24, 9);
    expect(budgetPerBucket(null, 'day', april)).toBeNull();
  });

  it.each([
    [0.123, 10, '+12%'],
    [-0.5, 10, '−50%'],
    [0.001, 10, '±0%'],
    [null, 10, 'new'],
    [null, 0, '—'],
  ])('change %s → %s', (ratio, current, text) => {
    expect(formatChange(ratio, current)).toBe(text);
  });

  it('labels buckets in UTC and names empty keys', () => {
    expect(bucketLabel('2026-04-11T14:00:00.000Z', 'hour')).toBe('Apr 11 14:00');
    expect(bucketLabel('2026-04-11T00:00:00.000Z', 'day')).toBe('Apr 11');
    expect(dimensionLabel('', 'agent')).toBe('(no agent)');
    expect(dimensionLabel('gpt-4o', 'model')).toBe('gpt-4o');
  });

  it('formats rates with absent cache rates as –', () => {
    expect(formatRates({ input: 2.5, output: 10, cacheRead: 1.25, cacheWrite: null, reasoning: null })).toBe('$2.5 / $10 / $1.25 / –');
  });
});
