/**
 * Alert state transitions: one evaluation's findings against the alerts already stored for the same scope (one
 * trace, or the windowed rules of a project). Pure; the runner stores what it returns.
 *
 * - a finding with no alert fires a new one (and is announced);
 * - a finding whose alert is firing refreshes it (last seen, value, evidence) without announcing again;
 * - a finding whose alert had resolved fires it again (a new firing, announced);
 * - a firing alert the evaluation no longer finds resolves (announced).
 *
 * Someone on call can also resolve a firing alert by hand (`resolveByHand`), as a run's alert otherwise stays
 * firing for as long as the run keeps the problem, which for a finished run is for good. If a later evaluation of the
 * run finds the problem again (more spans arrived, still looping), it fires again, announced as a new firing.
 */
import { alertFingerprint } from './fingerprint';
import type { Alert, AlertEvent, Finding } from './types';

export interface AlertNotification {
  alert: Alert;
  event: AlertEvent;
}

export interface AlertTransition {
  /** Alerts whose stored row must change. */
  changed: Alert[];
  notifications: AlertNotification[];
}

/** A new alert for a finding; `traceStartMs` is when the finding's trace started (0 for a windowed finding). */
export function findingToAlert(projectId: string, finding: Finding, nowMs: number, traceStartMs: number): Alert {
  return {
    projectId,
    fingerprint: alertFingerprint(projectId, finding.ruleId, finding.traceId, finding.key),
    ruleId: finding.ruleId,
    state: 'firing',
    severity: finding.severity,
    title: finding.title,
    summary: finding.summary,
    traceId: finding.traceId,
    evidenceSpanIds: [...finding.evidenceSpanIds],
    findingKey: finding.key,
    dimension: finding.dimension ?? null,
    value: finding.value,
    threshold: finding.threshold,
    firstSeenMs: nowMs,
    lastSeenMs: nowMs,
    firedAtMs: nowMs,
    resolvedAtMs: null,
    firings: 1,
    traceStartMs,
  };
}

export function applyFindings(input: {
  projectId: string;
  findings: readonly Finding[];
  /** Every stored alert of the evaluated scope, firing or resolved. */
  existing: readonly Alert[];
  nowMs: number;
  /** When the evaluated trace starts now (0 for the windowed rules); stored alerts keep the start they fired with. */
  traceStartMs: number;
}): AlertTransition {
  const { projectId, findings, existing, nowMs, traceStartMs } = input;
  const stored = new Map(existing.map((alert) => [alert.fingerprint, alert]));
  const seen = new Set<string>();
  const changed: Alert[] = [];
  const notifications: AlertNotification[] = [];

  for (const finding of findings) {
    const fresh = findingToAlert(projectId, finding, nowMs, traceStartMs);
    // Two findings with one key are one problem; the first (the detector's order) speaks for it.
    if (seen.has(fresh.fingerprint)) continue;
    seen.add(fresh.fingerprint);
    const previous = stored.get(fresh.fingerprint);
    if (!previous) {
      changed.push(fresh);
      notifications.push({ alert: fresh, event: 'firing' });
    } else if (previous.state === 'firing') {
      const { firstSeenMs, firedAtMs, firings } = previous;
      changed.push({ ...fresh, firstSeenMs, firedAtMs, firings, traceStartMs: previous.traceStartMs });
    } else {
      const refired: Alert = { ...fresh, firstSeenMs: previous.firstSeenMs, firings: previous.firings + 1, traceStartMs: previous.traceStartMs };
      changed.push(refired);
      notifications.push({ alert: refired, event: 'firing' });
    }
  }

  for (const alert of existing) {
    if (alert.state !== 'firing' || seen.has(alert.fingerprint)) continue;
    const resolved: Alert = { ...alert, state: 'resolved', resolvedAtMs: nowMs };
    changed.push(resolved);
    notifications.push({ alert: resolved, event: 'resolved' });
  }
  return { changed, notifications };
}

/** A firing alert resolved by someone on call (announced); nothing changes for one already resolved. */
export function resolveByHand(alert: Alert, nowMs: number): AlertTransition {
  if (alert.state === 'resolved') return { changed: [], notifications: [] };
  const resolved: Alert = { ...alert, state: 'resolved', resolvedAtMs: nowMs };
  return { changed: [resolved], notifications: [{ alert: resolved, event: 'resolved' }] };
}
