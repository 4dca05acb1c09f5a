/**
 * The overview: what an engineer opening Loupe wants first. Is data arriving, how many runs failed in the last
 * hour, what today has cost, which recent runs were the most expensive, and which ones failed.
 *
 * Everything reads `trace_summaries` (never spans) with FINAL, so a summary that was refreshed several times
 * (a retried export, late spans) counts once and in its latest version. Windows are taken by the trace's start,
 * like the trace list, so every figure here matches the list the overview links to. The alerts firing on the runs
 * of the last 24 hours are counted per rule, and each listed run carries its own, as in the trace list.
 */
import type { ClickHouseClient } from '@clickhouse/client';
import { z } from 'zod';
import { table } from '../clickhouse/migrations/ddl';
import { selectRows } from '../clickhouse/query';
import type { AlertWindow } from '../alerts/types';
import type { ApiTraceListItem, ApiTraceSummary } from '../span/api-types';
import { firingAlertsOfTraces, firingAlertsPerRule, type FiringRuleCount, type RunsWindow } from './alerts';
import { rowToApiTraceSummary, SUMMARY_COLUMNS, summaryRow } from './trace-summaries';
import { nsToIso, nsToMs } from './span-rows';

export const HOUR_MS = 60 * 60 * 1000;
export const DAY_MS = 24 * HOUR_MS;
/** How many expensive and failed runs the overview lists. */
export const TOP_RUNS = 5;
export const RECENT_ERROR_RUNS = 8;
/**
 * Traces that start up to this far after `now` still count as recent: a sender whose clock runs a little ahead
 * must not see its newest runs vanish from "the last hour".
 */
export const CLOCK_SKEW_MS = 5 * 60 * 1000;

export interface ApiOverview {
  /** The instant the figures were computed for (ISO 8601). */
  now: string;
  /** When the newest trace of the project started, or null when none ever arrived. */
  lastTraceAt: string | null;
  lastHour: {
    traces: number;
    /** Runs whose root failed or in which any span failed. */
    errorTraces: number;
    /** Of those, runs whose root reported success while a span failed. */
    silentFailures: number;
    /** Failed spans in all runs of the hour. */
    errorSpans: number;
    /** Runs in which a guardrail acted: blocked, failed a check, escalated or rewrote. */
    guardrailInterventions: number;
  };
  today: {
    /** Midnight UTC that "today" starts at (ISO 8601). */
    since: string;
    traces: number;
    costUsd: number;
    /** Model calls without a known price: their cost is missing from `costUsd`, not zero. */
    unpricedCount: number;
    inputTokens: number;
    outputTokens: number;
    cacheReadTokens: number;
  };
  /** Alerts firing on the runs that started in the last 24 hours, and the windowed (rate) alerts firing. */
  alerts: {
    firing: number;
    critical: number;
    /** Per rule: rules with critical alerts first, then the most alerts. */
    rules: FiringRuleCount[];
  };
  /** The most expensive runs that started in the last 24 hours, most expensive first, with their firing alerts. */
  topCostRuns: ApiTraceListItem[];
  /** The newest runs with a failure (root or any span) in the last 24 hours, newest first, with their firing alerts. */
  recentErrorRuns: ApiTraceListItem[];
}

const count = z.coerce.number().int().nonnegative();

const totalsRow = z.object({
  traces_hour: count,
  error_traces_hour: count,
  silent_failures_hour: count,
  error_spans_hour: count,
  guardrail_traces_hour: count,
  traces_today: count,
  cost_today: z.coerce.number(),
  unpriced_today: count,
  input_tokens_today: count,
  output_tokens_today: count,
  cache_read_tokens_today: count,
});

const NO_TOTALS: z.infer<typeof totalsRow> = {
  traces_hour: 0,
  error_traces_hour: 0,
  silent_failures_hour: 0,
  error_spans_hour: 0,
  guardrail_traces_hour: 0,
  traces_today: 0,
  cost_today: 0,
  unpriced_today: 0,
  input_tokens_today: 0,
  output_tokens_today: 0,
  cache_read_tokens_today: 0,
};

const lastRow = z.object({ traces: count, last_ns: z.string().regex(/^\d+$/) });

const FAILED = `(status_code = 'error' OR error_count > 0)`;

/** The runs of the last 24 hours, as the overview counts them (a sender clock a little ahead included). */
function lastDayOfRuns(nowMs: number): RunsWindow {
  return { fromMs: nowMs - DAY_MS, untilMs: nowMs + CLOCK_SKEW_MS };
}

/** The runs an alerts list of this window covers: the last day's, or every run (undefined). */
export function runsOfAlertWindow(window: AlertWindow, nowMs: number): RunsWindow | undefined {
  return window === '24h' ? lastDayOfRuns(nowMs) : undefined;
}

/** Midnight UTC of the day `nowMs` falls on. */
export function startOfUtcDay(nowMs: number): number {
  return nowMs - (((nowMs % DAY_MS) + DAY_MS) % DAY_MS);
}

export interface OverviewOptions {
  signal?: AbortSignal;
}

export async function getOverview(
  client: ClickHouseClient,
  database: string,
  projectId: string,
  nowMs: number,
  options: OverviewOptions = {},
): Promise<ApiOverview> {
  const summaries = table({ database }, 'trace_summaries');
  const hourAgo = nowMs - HOUR_MS;
  const dayStart = startOfUtcDay(nowMs);
  const window = {
    projectId,
    hourMs: hourAgo,
    todayMs: dayStart,
    dayAgoMs: nowMs - DAY_MS,
    untilMs: nowMs + CLOCK_SKEW_MS,
  };
  const inWindow = (fromParam: string) =>
    `project_id = {projectId:String}
        AND start_time >= fromUnixTimestamp64Milli({${fromParam}:Int64})
        AND start_time < fromUnixTimestamp64Milli({untilMs:Int64})`;
  const isHour = 'start_time >= fromUnixTimestamp64Milli({hourMs:Int64})';
  const isToday = 'start_time >= fromUnixTimestamp64Milli({todayMs:Int64})';

  // A project's newest start: duplicates cannot change a maximum, so this skips FINAL. The count only says
  // whether anything arrived at all.
  const [last] = await selectRows({
    client,
    tag: 'overview.last_trace',
    sql: `SELECT count() AS traces, toString(toUnixTimestamp64Nano(max(start_time))) AS last_ns
      FROM ${summaries} WHERE project_id = {projectId:String}`,
    params: { projectId },
    row: lastRow,
    signal: options.signal,
  });
  // Sequential on purpose: the embedded ClickHouse runs one parameterised query at a time anyway.
  const [totals] = await selectRows({
    client,
    tag: 'overview.totals',
    sql: `SELECT
        countIf(${isHour}) AS traces_hour,
        countIf(${isHour} AND ${FAILED}) AS error_traces_hour,
        countIf(${isHour} AND status_code != 'error' AND error_count > 0) AS silent_failures_hour,
        sumIf(error_count, ${isHour}) AS error_spans_hour,
        countIf(${isHour} AND notEmpty(guardrail_interventions)) AS guardrail_traces_hour,
        countIf(${isToday}) AS traces_today,
        sumIf(cost_usd, ${isToday}) AS cost_today,
        sumIf(unpriced_count, ${isToday}) AS unpriced_today,
        sumIf(input_tokens, ${isToday}) AS input_tokens_today,
        sumIf(output_tokens, ${isToday}) AS output_tokens_today,
        sumIf(cache_read_tokens, ${isToday}) AS cache_read_tokens_today
      FROM ${summaries} FINAL
      WHERE ${inWindow(hourAgo < dayStart ? 'hourMs' : 'todayMs')}`,
    params: window,
    row: totalsRow,
    signal: options.signal,
  });
  const topCostRuns = await selectRows({
    client,
    tag: 'overview.top_cost',
    sql: `SELECT ${SUMMARY_COLUMNS}
      FROM ${summaries} FINAL
      WHERE ${inWindow('dayAgoMs')} AND cost_usd > 0
      ORDER BY cost_usd DESC, trace_id DESC
      LIMIT {limit:UInt32}`,
    params: { ...window, limit: TOP_RUNS },
    row: summaryRow,
    signal: options.signal,
  });
  const recentErrorRuns = await selectRows({
    client,
    tag: 'overview.recent_errors',
    sql: `SELECT ${SUMMARY_COLUMNS}
      FROM ${summaries} FINAL
      WHERE ${inWindow('dayAgoMs')} AND ${FAILED}
      ORDER BY start_time DESC, trace_id DESC
      LIMIT {limit:UInt32}`,
    params: { ...window, limit: RECENT_ERROR_RUNS },
    row: summaryRow,
    signal: options.signal,
  });

  const alertRules = await firingAlertsPerRule(client, database, projectId, lastDayOfRuns(nowMs), options);
  const runs = [...topCostRuns, ...recentErrorRuns].map(rowToApiTraceSummary);
  const starts = runs.map((run) => ({ traceId: run.traceId, startMs: nsToMs(run.startTimeUnixNano) }));
  const runAlerts = await firingAlertsOfTraces(client, database, projectId, starts, options);
  const withAlerts = (run: ApiTraceSummary): ApiTraceListItem => ({ ...run, firingAlerts: runAlerts.get(run.traceId) ?? [] });

  // An aggregate without GROUP BY always returns its one row; the fallback only satisfies the type.
  const t = totals ?? NO_TOTALS;
  return {
    now: new Date(nowMs).toISOString(),
    lastTraceAt: last && last.traces > 0 ? nsToIso(last.last_ns) : null,
    lastHour: {
      traces: t.traces_hour,
      errorTraces: t.error_traces_hour,
      silentFailures: t.silent_failures_hour,
      errorSpans: t.error_spans_hour,
      guardrailInterventions: t.guardrail_traces_hour,
    },
    today: {
      since: new Date(dayStart).toISOString(),
      traces: t.traces_today,
      costUsd: t.cost_today,
      unpricedCount: t.unpriced_today,
      inputTokens: t.input_tokens_today,
      outputTokens: t.output_tokens_today,
      cacheReadTokens: t.cache_read_tokens_today,
    },
    alerts: {
      firing: alertRules.reduce((sum, rule) => sum + rule.firing, 0),
      critical: alertRules.reduce((sum, rule) => sum + rule.critical, 0),
      rules: alertRules,
    },
    topCostRuns: runs.slice(0, topCostRuns.length).map(withAlerts),
    recentErrorRuns: runs.slice(topCostRuns.length).map(withAlerts),
  };
}
