import { describe, expect, it } from 'vitest';
import { budgetForecast, utcMonth } from './forecast';

// 10 days into a 30-day month (April 2026).
const NOW = Date.parse('2026-04-11T00:00:00Z');

describe('utcMonth', () => {
  it('is the UTC calendar month around the instant', () => {
    expect(utcMonth(NOW)).toEqual({ startMs: Date.parse('2026-04-01T00:00:00Z'), endMs: Date.parse('2026-05-01T00:00:00Z') });
  });
});

describe('budgetForecast', () => {
  it('extrapolates the month-to-date daily rate to month end', () => {
    const f = budgetForecast({ monthlyUsd: 1000, actualUsd: 200, nowMs: NOW });
    expect(f.dailyRateUsd).toBeCloseTo(20, 9);
    expect(f.forecastUsd).toBeCloseTo(600, 9);
    expect(f.runOutDate).toBeNull();
    expect(f.exceeded).toBe(false);
  });

  it('names the day the budget runs out at that rate', () => {
    // $40/day against $500: runs out 12.5 days into the month → April 13.
    const f = budgetForecast({ monthlyUsd: 500, actualUsd: 400, nowMs: NOW });
    expect(f.forecastUsd).toBeCloseTo(1200, 9);
    expect(f.runOutDate).toBe('2026-04-13');
    expect(f.exceeded).toBe(false);
  });

  it('reports a budget already spent', () => {
    const f = budgetForecast({ monthlyUsd: 100, actualUsd: 150, nowMs: NOW });
    expect(f.exceeded).toBe(true);
    expect(f.runOutDate).toBe('2026-04-07');
  });

  it('has no run-out day without a budget or without spend', () => {
    expect(budgetForecast({ monthlyUsd: null, actualUsd: 50, nowMs: NOW }).runOutDate).toBeNull();
    expect(budgetForecast({ monthlyUsd: 100, actualUsd: 0, nowMs: NOW })).toMatchObject({ runOutDate: null, forecastUsd: 0 });
  });

  it('does not extrapolate the first minutes of a month to a fortune', () => {
    const f = budgetForecast({ monthlyUsd: null, actualUsd: 1, nowMs: Date.parse('2026-04-01T00:00:30Z') });
    expect(f.dailyRateUsd).toBeCloseTo(24, 9);
  });
});
