/**
 * Versions 8 and 9 of the schema: alerts ordered by when their trace started.
 *
 * Version 3 ordered `alerts` by (project, fingerprint), a hash. Alerts are read by trace — the alert runner reads the
 * stored alerts of each evaluation's traces (up to a thousand), the trace list those of its page — and a batch of
 * random trace ids matches rows all over such a table, so each read scanned it and grew with every alert kept
 * (bench/trace-list-alerts: the runner's read of 1,000 alerted traces 190 ms at 1 million alerts, 431 ms at 3
 * million).
 *
 * `alerts_by_trace_start` is ordered by (project, the start of the alert's trace, fingerprint). An alert keeps the
 * start its trace had when it first fired, in every later version, so its key never changes. A trace's start is its
 * earliest span's, and spans arriving later can only move it earlier, so a trace's alerts all have a start at or
 * after the trace's start now: a read for traces that started recently reads the newest part of the table only,
 * whatever it holds. Windowed alerts (rates, no trace) have the start 0.
 *
 * Version 8 creates the table and copies the newest version of every alert into it, with its trace's start from the
 * trace summaries (of the alerted traces only, so the join's table holds no more rows than there are alerts); an
 * alert whose trace has no summary gets the latest start a DateTime64 holds, which every read includes. The copy
 * skips the alerts already copied, so running it again (a process that died before recording the version) copies
 * nothing twice. Version 9 drops `alerts`; it runs only once version 8 is recorded, so the copy
 * never runs without its source. Alerts an older collector writes to `alerts` after the copy, during a rolling
 * upgrade, are not carried over: an evaluation that finds their problem again announces it once more.
 *
 * On a cluster the DDL runs ON CLUSTER and the copy once, on the replica that migrates; replication copies its rows.
 */
import type { DdlTarget } from './ddl';
import { engine, onCluster, table } from './ddl';
import { ALERT_COLUMNS } from './v3-alerts';

export const ALERTS_TABLE = 'alerts_by_trace_start';

/** The start given to an alert whose trace's start is unknown: the last day a DateTime64 holds, read by every read. */
export const UNKNOWN_TRACE_START = '2299-12-31 00:00:00';

const COPIED = ALERT_COLUMNS.split(',\n')
  .map((line) => line.trim().split(' ')[0])
  .map((name) => `a.${name}`)
  .join(', ');

export function alertsByTraceStartStatements(t: DdlTarget): string[] {
  const target = table(t, ALERTS_TABLE);
  return [
    `CREATE TABLE IF NOT EXISTS ${target}${onCluster(t)} (
  ${ALERT_COLUMNS},
  trace_started_at DateTime64(3, 'UTC'),
  INDEX idx_trace trace_id TYPE bloom_filter(0.01) GRANULARITY 4
) ENGINE = ${engine(t, 'ReplacingMergeTree', ALERTS_TABLE, ['version'])}
ORDER BY (project_id, trace_started_at, fingerprint)`,
    `INSERT INTO ${target}
SELECT ${COPIED},
  if(a.trace_id = '', toDateTime64(0, 3, 'UTC'),
    if(s.trace_id = '', toDateTime64('${UNKNOWN_TRACE_START}', 3, 'UTC'), toDateTime64(s.started, 3, 'UTC'))) AS trace_started_at
FROM ${table(t, 'alerts')} AS a FINAL
LEFT JOIN (
  SELECT project_id, trace_id, min(start_time) AS started FROM ${table(t, 'trace_summaries')}
  WHERE (project_id, trace_id) IN (SELECT project_id, trace_id FROM ${table(t, 'alerts')})
  GROUP BY project_id, trace_id
) AS s ON a.project_id = s.project_id AND a.trace_id = s.trace_id
WHERE (a.project_id, a.fingerprint) NOT IN (SELECT project_id, fingerprint FROM ${target})`,
  ];
}

export function dropFingerprintOrderedAlertsStatements(t: DdlTarget): string[] {
  return [`DROP TABLE IF EXISTS ${table(t, 'alerts')}${onCluster(t)} SYNC`];
}
