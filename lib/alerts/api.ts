/** The stored alert as API v1 serves it: ISO times and the trace link. */
import { traceLinkPath } from './link';
import type { Alert, ApiAlert } from './types';

const iso = (ms: number) => new Date(ms).toISOString();

export function alertToApi(alert: Alert): ApiAlert {
  return {
    fingerprint: alert.fingerprint,
    projectId: alert.projectId,
    ruleId: alert.ruleId,
    state: alert.state,
    severity: alert.severity,
    title: alert.title,
    summary: alert.summary,
    traceId: alert.traceId,
    evidenceSpanIds: alert.evidenceSpanIds,
    dimension: alert.dimension,
    value: alert.value,
    threshold: alert.threshold,
    firstSeen: iso(alert.firstSeenMs),
    lastSeen: iso(alert.lastSeenMs),
    firedAt: iso(alert.firedAtMs),
    resolvedAt: alert.resolvedAtMs === null ? null : iso(alert.resolvedAtMs),
    link: traceLinkPath(alert.traceId, alert.evidenceSpanIds),
  };
}
