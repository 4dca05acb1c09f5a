/**
 * The alerts table (`alerts_by_trace_start`): one row per problem and state change, read with FINAL so the newest
 * state of each alert is what every query sees, merged or not. It is ordered by project, the start of the alert's
 * trace and fingerprint; reads by trace bound that start (`tracesFrom`). Values travel as bound parameters only.
 */
import type { ClickHouseClient } from '@clickhouse/client';
import { z } from 'zod';
import { table } from '../clickhouse/migrations/ddl';
import { ALERTS_TABLE } from '../clickhouse/migrations/v8-alerts-by-trace-start';
import { asStorageFailure, selectRows } from '../clickhouse/query';
import { NotFound } from '../errors';
import { RULE_IDS, type HourlyAggregate, type RuleId } from '../detectors/types';
import { nextRowVersion } from '../alerts/version';
import { ALERT_STATES, type Alert, type AlertState } from '../alerts/types';
import type { ApiRunAlert } from '../span/api-types';

const alertRow = z.object({
  project_id: z.string(),
  fingerprint: z.string(),
  rule_id: z.enum(RULE_IDS),
  state: z.enum(ALERT_STATES),
  severity: z.enum(['warning', 'critical']),
  title: z.string(),
  summary: z.string(),
  trace_id: z.string(),
  evidence_span_ids: z.array(z.string()),
  finding_key: z.string(),
  dimension_kind: z.union([z.enum(['agent', 'model', 'service']), z.literal('')]),
  dimension_name: z.string(),
  value: z.coerce.number(),
  threshold: z.coerce.number(),
  first_seen_ms: z.coerce.number(),
  last_seen_ms: z.coerce.number(),
  fired_ms: z.coerce.number(),
  resolved_ms: z.coerce.number().nullable(),
  firings: z.coerce.number(),
  trace_start_ms: z.coerce.number(),
});
type AlertRow = z.infer<typeof alertRow>;

const COLUMNS = `project_id, fingerprint, rule_id, state, severity, title, summary, trace_id, evidence_span_ids,
  finding_key, dimension_kind, dimension_name, value, threshold,
  toUnixTimestamp64Milli(first_seen_at) AS first_seen_ms, toUnixTimestamp64Milli(last_seen_at) AS last_seen_ms,
  toUnixTimestamp64Milli(fired_at) AS fired_ms,
  if(isNull(resolved_at), NULL, toUnixTimestamp64Milli(assumeNotNull(resolved_at))) AS resolved_ms, firings,
  toUnixTimestamp64Milli(trace_started_at) AS trace_start_ms`;

const alertsTable = (database: string) => table({ database }, ALERTS_TABLE);

function rowToAlert(r: AlertRow): Alert {
  return {
    projectId: r.project_id,
    fingerprint: r.fingerprint,
    ruleId: r.rule_id,
    state: r.state,
    severity: r.severity,
    title: r.title,
    summary: r.summary,
    traceId: r.trace_id === '' ? null : r.trace_id,
    evidenceSpanIds: r.evidence_span_ids,
    findingKey: r.finding_key,
    dimension: r.dimension_kind === '' ? null : { kind: r.dimension_kind, name: r.dimension_name },
    value: r.value,
    threshold: r.threshold,
    firstSeenMs: r.first_seen_ms,
    lastSeenMs: r.last_seen_ms,
    firedAtMs: r.fired_ms,
    resolvedAtMs: r.resolved_ms,
    firings: r.firings,
    traceStartMs: r.trace_start_ms,
  };
}

function alertToRow(a: Alert, version: number) {
  return {
    project_id: a.projectId,
    fingerprint: a.fingerprint,
    rule_id: a.ruleId,
    state: a.state,
    severity: a.severity,
    title: a.title,
    summary: a.summary,
    trace_id: a.traceId ?? '',
    evidence_span_ids: a.evidenceSpanIds,
    finding_key: a.findingKey,
    dimension_kind: a.dimension?.kind ?? '',
    dimension_name: a.dimension?.name ?? '',
    value: a.value,
    threshold: a.threshold,
    first_seen_at: a.firstSeenMs,
    last_seen_at: a.lastSeenMs,
    fired_at: a.firedAtMs,
    resolved_at: a.resolvedAtMs,
    firings: a.firings,
    trace_started_at: a.traceStartMs,
    version,
  };
}

export async function saveAlerts(client: ClickHouseClient, database: string, alerts: readonly Alert[]): Promise<void> {
  if (alerts.length === 0) return;
  try {
    await client.insert({
      table: `${database}.${ALERTS_TABLE}`,
      values: alerts.map((a) => alertToRow(a, nextRowVersion())),
      format: 'JSONEachRow',
    });
  } catch (error) {
    throw asStorageFailure(error, 'alerts.save');
  }
}

/**
 * Windowed alerts (rates per agent, model or service) have no trace, and the start 0: a key range of their own. In
 * a table of 3 million alerts (one in a thousand windowed, two projects) the projects with windowed alerts firing
 * were found in 7 ms with the start, 76 ms without.
 */
const WINDOWED = `trace_started_at = toDateTime64(0, 3, 'UTC') AND trace_id = ''`;

/**
 * The runs an alert list or count covers: those that started from `fromMs` until `untilMs` (a key range of the
 * table), and the windowed alerts, which belong to no run.
 */
export interface RunsWindow {
  fromMs: number;
  untilMs: number;
}

const IN_RUNS_WINDOW = `(trace_started_at >= fromUnixTimestamp64Milli({runsFromMs:Int64}, 'UTC')
          AND trace_started_at < fromUnixTimestamp64Milli({runsUntilMs:Int64}, 'UTC') OR ${WINDOWED})`;

const runsWindowParams = (runs: RunsWindow) => ({ runsFromMs: Math.floor(runs.fromMs), runsUntilMs: Math.ceil(runs.untilMs) });

/** The project's windowed alerts, firing or resolved. */
export async function windowedAlerts(client: ClickHouseClient, database: string, projectId: string): Promise<Alert[]> {
  const rows = await selectRows({
    client,
    tag: 'alerts.windowed',
    sql: `SELECT ${COLUMNS} FROM ${alertsTable(database)} FINAL
      WHERE project_id = {projectId:String} AND ${WINDOWED}`,
    params: { projectId },
    row: alertRow,
  });
  return rows.map(rowToAlert);
}

/** One alert of a project by its fingerprint, in its newest version; NotFound when there is none. */
export async function getAlert(client: ClickHouseClient, database: string, projectId: string, fingerprint: string): Promise<Alert> {
  const [row] = await selectRows({
    client,
    tag: 'alerts.one',
    sql: `SELECT ${COLUMNS} FROM ${alertsTable(database)} FINAL
      PREWHERE fingerprint = {fingerprint:String}
      WHERE project_id = {projectId:String}`,
    params: { projectId, fingerprint },
    row: alertRow,
  });
  if (!row) throw new NotFound(`alert ${fingerprint} not found in project ${projectId}`);
  return rowToAlert(row);
}

/** A trace to read the alerts of, and when it starts now (its earliest span's start, in ms). */
export interface TraceStart {
  traceId: string;
  startMs: number;
}

/**
 * Alerts keep the start their trace had when they first fired, and a trace's start only moves earlier as spans
 * arrive, so the alerts of these traces start no earlier than the earliest of them: the read is of the table's rows
 * from there on, not of all of it. An hour earlier still, for a span sent again with an earlier start.
 */
const START_MARGIN_MS = 3_600_000;

function tracesFrom(traces: readonly TraceStart[]): { traceIds: string[]; fromMs: number } {
  let fromMs = Infinity;
  for (const trace of traces) fromMs = Math.min(fromMs, trace.startMs);
  return { traceIds: traces.map((trace) => trace.traceId), fromMs: Math.floor(fromMs) - START_MARGIN_MS };
}

const FROM_START = `trace_started_at >= fromUnixTimestamp64Milli({fromMs:Int64}, 'UTC')`;

/**
 * The stored alerts of several traces of one project, by trace id (traces without alerts are absent): the key range
 * from the traces' start (`tracesFrom`), and in it the trace ids in PREWHERE, so that the other columns are read only
 * where a trace matched (most of an evaluation's traces are new runs with no alert yet). Filtering before FINAL
 * collapses the versions is exact: every version of an alert has its trace and its start.
 */
export async function alertsOfTraces(
  client: ClickHouseClient,
  database: string,
  projectId: string,
  traces: readonly TraceStart[],
): Promise<Map<string, Alert[]>> {
  if (traces.length === 0) return new Map();
  const rows = await selectRows({
    client,
    tag: 'alerts.scope_many',
    sql: `SELECT ${COLUMNS} FROM ${alertsTable(database)} FINAL
      PREWHERE trace_id IN {traceIds:Array(String)}
      WHERE project_id = {projectId:String} AND ${FROM_START}`,
    params: { projectId, ...tracesFrom(traces) },
    row: alertRow,
  });
  return byTraceId(rows, (row) => row.trace_id, rowToAlert);
}

/** Rows grouped by their trace id, each made into what the caller returns, in the order read. */
function byTraceId<Row, Item>(rows: readonly Row[], traceIdOf: (row: Row) => string, toItem: (row: Row) => Item): Map<string, Item[]> {
  const grouped = new Map<string, Item[]>();
  for (const row of rows) {
    const traceId = traceIdOf(row);
    const items = grouped.get(traceId);
    if (items) items.push(toItem(row));
    else grouped.set(traceId, [toItem(row)]);
  }
  return grouped;
}

/**
 * The alerts firing on each of a page of traces, for the trace list: critical first, then the most recently fired.
 * Narrow (rule, severity, title); traces with none are absent. Read as `alertsOfTraces` reads.
 */
export async function firingAlertsOfTraces(
  client: ClickHouseClient,
  database: string,
  projectId: string,
  traces: readonly TraceStart[],
  options: { signal?: AbortSignal } = {},
): Promise<Map<string, ApiRunAlert[]>> {
  if (traces.length === 0) return new Map();
  const rows = await selectRows({
    client,
    tag: 'alerts.firing_of_traces',
    sql: `SELECT trace_id, rule_id, severity, title
      FROM ${alertsTable(database)} FINAL
      PREWHERE trace_id IN {traceIds:Array(String)}
      WHERE project_id = {projectId:String} AND ${FROM_START} AND state = 'firing'
      ORDER BY severity = 'critical' DESC, fired_at DESC, fingerprint`,
    params: { projectId, ...tracesFrom(traces) },
    row: z.object({ trace_id: z.string(), rule_id: z.enum(RULE_IDS), severity: z.enum(['warning', 'critical']), title: z.string() }),
    signal: options.signal,
  });
  return byTraceId(rows, (row) => row.trace_id, (row) => ({ ruleId: row.rule_id, severity: row.severity, title: row.title }));
}

/** Alerts firing per rule, for the overview. */
export interface FiringRuleCount {
  ruleId: RuleId;
  firing: number;
  /** Of those, how many are critical. */
  critical: number;
}

/**
 * The alerts firing on the runs of a window, and the windowed (rate) alerts firing, per rule: rules with critical
 * alerts first, then the most alerts. A key range of the table (the runs' start), however many alerts it keeps.
 */
export async function firingAlertsPerRule(
  client: ClickHouseClient,
  database: string,
  projectId: string,
  runs: RunsWindow,
  options: { signal?: AbortSignal } = {},
): Promise<FiringRuleCount[]> {
  const rows = await selectRows({
    client,
    tag: 'alerts.firing_per_rule',
    sql: `SELECT rule_id, count() AS firing, countIf(severity = 'critical') AS critical
      FROM ${alertsTable(database)} FINAL
      WHERE project_id = {projectId:String}
        AND ${IN_RUNS_WINDOW}
        AND state = 'firing'
      GROUP BY rule_id
      ORDER BY critical > 0 DESC, firing DESC, rule_id`,
    params: { projectId, ...runsWindowParams(runs) },
    row: z.object({ rule_id: z.enum(RULE_IDS), firing: z.coerce.number(), critical: z.coerce.number() }),
    signal: options.signal,
  });
  return rows.map((row) => ({ ruleId: row.rule_id, firing: row.firing, critical: row.critical }));
}

export interface AlertListQuery {
  projectId: string;
  state?: AlertState;
  traceId?: string;
  ruleId?: RuleId;
  limit: number;
  /** Only the alerts of these runs (and the windowed ones); all when absent. */
  runs?: RunsWindow | undefined;
}

/** Firing before resolved, critical before warning, then newest first (by when they fired or resolved). */
export async function listAlerts(
  client: ClickHouseClient,
  database: string,
  query: AlertListQuery,
  options: { signal?: AbortSignal } = {},
): Promise<Alert[]> {
  const clauses = ['project_id = {projectId:String}'];
  const params: Record<string, unknown> = { projectId: query.projectId, limit: query.limit };
  if (query.state !== undefined) {
    clauses.push('state = {state:String}');
    params.state = query.state;
  }
  if (query.traceId !== undefined) {
    clauses.push('trace_id = {traceId:String}');
    params.traceId = query.traceId;
  }
  if (query.ruleId !== undefined) {
    clauses.push('rule_id = {ruleId:String}');
    params.ruleId = query.ruleId;
  }
  if (query.runs !== undefined) {
    clauses.push(IN_RUNS_WINDOW);
    Object.assign(params, runsWindowParams(query.runs));
  }
  const rows = await selectRows({
    client,
    tag: 'alerts.list',
    sql: `SELECT ${COLUMNS} FROM ${alertsTable(database)} FINAL
      WHERE ${clauses.join(' AND ')}
      ORDER BY state = 'firing' DESC, severity = 'critical' DESC, greatest(fired_at, ifNull(resolved_at, fired_at)) DESC, fingerprint
      LIMIT {limit:UInt32}`,
    params,
    row: alertRow,
    signal: options.signal,
  });
  return rows.map(rowToAlert);
}

export interface AlertCounts {
  /** All alerts of the project by state. */
  byState: Record<AlertState, number>;
  /** Per rule, for each state. */
  byRule: Record<AlertState, Partial<Record<RuleId, number>>>;
}

export async function alertCounts(
  client: ClickHouseClient,
  database: string,
  projectId: string,
  options: { signal?: AbortSignal; runs?: RunsWindow | undefined } = {},
): Promise<AlertCounts> {
  const rows = await selectRows({
    client,
    tag: 'alerts.counts',
    sql: `SELECT state, rule_id, count() AS n FROM ${alertsTable(database)} FINAL
      WHERE project_id = {projectId:String}${options.runs ? ` AND ${IN_RUNS_WINDOW}` : ''} GROUP BY state, rule_id`,
    params: { projectId, ...(options.runs ? runsWindowParams(options.runs) : {}) },
    row: z.object({ state: z.enum(ALERT_STATES), rule_id: z.enum(RULE_IDS), n: z.coerce.number() }),
    signal: options.signal,
  });
  const counts: AlertCounts = { byState: { firing: 0, resolved: 0 }, byRule: { firing: {}, resolved: {} } };
  for (const row of rows) {
    counts.byState[row.state] += row.n;
    counts.byRule[row.state][row.rule_id] = row.n;
  }
  return counts;
}

const aggregateRow = z.object({
  kind: z.enum(['agent', 'model', 'service']),
  name: z.string(),
  hour_ms: z.coerce.number(),
  cost_usd: z.coerce.number(),
  tokens: z.coerce.number(),
  calls: z.coerce.number(),
});

/**
 * Spend, tokens and model calls per hour for every agent, model and service of a project since `fromMs`, from the
 * hourly cost rollups (deduplicated with FINAL, which also drops the rollups' tombstones).
 */
export async function hourlyAggregates(
  client: ClickHouseClient,
  database: string,
  projectId: string,
  fromMs: number,
): Promise<HourlyAggregate[]> {
  const rows = await selectRows({
    client,
    tag: 'alerts.hourly_aggregates',
    sql: `SELECT dim.1 AS kind, dim.2 AS name, toInt64(toUnixTimestamp(hour)) * 1000 AS hour_ms,
        sum(cost_usd) AS cost_usd, sum(tokens) AS tokens, sum(calls) AS calls
      FROM (
        SELECT hour, cost_usd, service_name, agent, model,
          uncached_input_tokens + cache_read_tokens + cache_write_tokens + output_tokens AS tokens,
          llm_calls + embedding_calls + other_calls AS calls
        FROM ${table({ database }, 'cost_rollups')} FINAL
        WHERE project_id = {projectId:String} AND hour >= toStartOfHour(fromUnixTimestamp64Milli({fromMs:Int64}, 'UTC'))
      )
      ARRAY JOIN [('agent', agent), ('model', model), ('service', service_name)] AS dim
      WHERE dim.2 != ''
      GROUP BY kind, name, hour
      ORDER BY kind, name, hour`,
    params: { projectId, fromMs },
    row: aggregateRow,
  });
  return rows.map((r) => ({
    kind: r.kind,
    name: r.name,
    hourStartMs: r.hour_ms,
    costUsd: r.cost_usd,
    tokens: r.tokens,
    calls: r.calls,
  }));
}

/** Projects with spend in the window or with windowed alerts still firing (which may need to resolve). */
export async function projectsForWindowedRules(
  client: ClickHouseClient,
  database: string,
  fromMs: number,
): Promise<string[]> {
  const rows = await selectRows({
    client,
    tag: 'alerts.windowed_projects',
    sql: `SELECT DISTINCT project_id FROM ${table({ database }, 'cost_rollups')} FINAL
        WHERE hour >= toStartOfHour(fromUnixTimestamp64Milli({fromMs:Int64}, 'UTC'))
      UNION DISTINCT
      SELECT DISTINCT project_id FROM ${alertsTable(database)} FINAL
        WHERE ${WINDOWED} AND state = 'firing'`,
    params: { fromMs },
    row: z.object({ project_id: z.string() }),
  });
  return rows.map((r) => r.project_id);
}

/** Traces whose summary changed since `sinceMs`: the ones a restarted runner must look at again. */
export async function recentlyUpdatedTraces(
  client: ClickHouseClient,
  database: string,
  sinceMs: number,
): Promise<{ projectId: string; traceId: string; updatedMs: number }[]> {
  const rows = await selectRows({
    client,
    tag: 'alerts.recent_traces',
    sql: `SELECT project_id, trace_id, toUnixTimestamp64Milli(max(updated_at)) AS updated_ms
      FROM ${table({ database }, 'trace_summaries')}
      WHERE updated_at >= fromUnixTimestamp64Milli({sinceMs:Int64})
      GROUP BY project_id, trace_id`,
    params: { sinceMs },
    row: z.object({ project_id: z.string(), trace_id: z.string(), updated_ms: z.coerce.number() }),
  });
  return rows.map((r) => ({ projectId: r.project_id, traceId: r.trace_id, updatedMs: r.updated_ms }));
}
