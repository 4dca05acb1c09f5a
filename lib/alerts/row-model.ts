/** An API alert as the alert row shows it: primitive props only, links and wording computed here. */
import { formatDimension, formatMeasure } from './format';
import { dimensionLinkPath } from './link';
import { ruleLabel } from './rules-meta';
import type { AlertState, AlertWindow, ApiAlert, RuleId } from './types';

export function alertRowModel(alert: ApiAlert) {
  return {
    fingerprint: alert.fingerprint,
    ruleId: alert.ruleId,
    state: alert.state,
    severity: alert.severity,
    title: alert.title,
    summary: alert.summary,
    traceId: alert.traceId,
    traceLink: alert.link,
    dimensionLink: alert.traceId ? null : dimensionLinkPath(alert.dimension),
    dimensionLabel: formatDimension(alert.dimension),
    evidenceCount: alert.evidenceSpanIds.length,
    measure: formatMeasure(alert.ruleId, alert.value, alert.threshold),
    firedAtMs: Date.parse(alert.firedAt),
    resolvedAtMs: alert.resolvedAt === null ? null : Date.parse(alert.resolvedAt),
    lastSeenMs: Date.parse(alert.lastSeen),
  };
}

/** The alerts page's own URL for a state, an optional rule filter and the runs' window. */
export function alertsPageHref(state: AlertState, ruleId: RuleId | null, window: AlertWindow = 'all'): string {
  return `/alerts?state=${state}${ruleId ? `&rule=${ruleId}` : ''}${window === 'all' ? '' : `&window=${window}`}`;
}

export interface RuleChip {
  ruleId: RuleId;
  label: string;
  count: number;
}

/** Rules that have alerts in this state, most alerts first (ties by name), for the filter above the list. */
export function ruleChips(counts: Partial<Record<RuleId, number>>): RuleChip[] {
  return Object.entries(counts)
    .filter((entry): entry is [RuleId, number] => typeof entry[1] === 'number' && entry[1] > 0)
    .map(([ruleId, count]) => ({ ruleId, label: ruleLabel(ruleId), count }))
    .sort((a, b) => b.count - a.count || a.label.localeCompare(b.label));
}
