/**
 * The monthly budget: spend so far this (UTC) month, the forecast to month end at the month's average daily rate
 * so far, and the day the budget runs out at that rate. The average over the elapsed part of the month (not the
 * last day alone) keeps one expensive hour from swinging the forecast.
 */

const DAY_MS = 86_400_000;

export interface MonthWindow {
  startMs: number;
  endMs: number;
}

export function utcMonth(nowMs: number): MonthWindow {
  const now = new Date(nowMs);
  return {
    startMs: Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1),
    endMs: Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1),
  };
}

export interface BudgetForecast {
  dailyRateUsd: number;
  forecastUsd: number;
  /** YYYY-MM-DD (UTC), or null when there is no budget or it lasts beyond the month at this rate. */
  runOutDate: string | null;
  exceeded: boolean;
}

export function budgetForecast(input: { monthlyUsd: number | null; actualUsd: number; nowMs: number }): BudgetForecast {
  const { startMs, endMs } = utcMonth(input.nowMs);
  const actual = Math.max(0, input.actualUsd);
  // At least an hour elapsed, so the first minutes of a month do not extrapolate one call to a fortune.
  const elapsedDays = Math.max(input.nowMs - startMs, DAY_MS / 24) / DAY_MS;
  const dailyRateUsd = actual / elapsedDays;
  const remainingDays = Math.max(0, endMs - input.nowMs) / DAY_MS;
  const forecastUsd = actual + dailyRateUsd * remainingDays;
  const budget = input.monthlyUsd;
  if (budget === null) return { dailyRateUsd, forecastUsd, runOutDate: null, exceeded: false };
  const exceeded = actual >= budget;
  if (dailyRateUsd <= 0) return { dailyRateUsd, forecastUsd, runOutDate: null, exceeded };
  const runOutMs = startMs + (budget / dailyRateUsd) * DAY_MS;
  const runOutDate = runOutMs < endMs ? new Date(runOutMs).toISOString().slice(0, 10) : null;
  return { dailyRateUsd, forecastUsd, runOutDate, exceeded };
}
