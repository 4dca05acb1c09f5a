/**
 * Alerts as Loupe stores and serves them. An alert is one problem (rule + trace + finding key, or rule + rate
 * dimension for windowed rules) with a lifecycle: it fires once, stays firing while the problem is seen, and
 * resolves when an evaluation no longer finds it.
 */
import type { Finding, RuleId, Severity } from '../detectors/types';

export type { Finding, RuleId, Severity };

export const ALERT_STATES = ['firing', 'resolved'] as const;
export type AlertState = (typeof ALERT_STATES)[number];

/**
 * Which alerts a list shows: all of them, or those of the runs that started in the last 24 hours (and the windowed
 * rate alerts), as the overview counts them.
 */
export const ALERT_WINDOWS = ['all', '24h'] as const;
export type AlertWindow = (typeof ALERT_WINDOWS)[number];

export type AlertDimension = NonNullable<Finding['dimension']>;

export interface Alert {
  projectId: string;
  /** Project + rule + trace + finding key, hashed: the identity that keeps one problem from paging twice. */
  fingerprint: string;
  ruleId: RuleId;
  state: AlertState;
  severity: Severity;
  title: string;
  summary: string;
  /** Null for windowed alerts (rates per agent, model or service). */
  traceId: string | null;
  evidenceSpanIds: string[];
  findingKey: string;
  dimension: AlertDimension | null;
  value: number;
  threshold: number;
  /** When the problem was first seen, ever. */
  firstSeenMs: number;
  /** The latest evaluation that still found it. */
  lastSeenMs: number;
  /** When the current firing began (equals firstSeenMs unless it resolved and fired again). */
  firedAtMs: number;
  resolvedAtMs: number | null;
  /** How many times it has fired (1 for a first firing); names the announcement, see `deliveryId`. */
  firings: number;
  /**
   * When its trace started, as the evaluation that first fired it saw the trace (0 for windowed alerts); every later
   * version keeps it. Spans arriving later only move a trace's start earlier, so a trace's alerts never start before
   * the trace does now, and reads by trace look from there on (the table is ordered by it).
   */
  traceStartMs: number;
}

/** What a delivery announces: the alert started firing, or it resolved. */
export const ALERT_EVENTS = ['firing', 'resolved'] as const;
export type AlertEvent = (typeof ALERT_EVENTS)[number];

/** The JSON shape of an alert in API v1 and in generic webhook bodies: the stored fields, times as ISO strings. */
export interface ApiAlert
  extends Pick<
    Alert,
    | 'fingerprint' | 'projectId' | 'ruleId' | 'state' | 'severity' | 'title' | 'summary' | 'traceId' | 'evidenceSpanIds'
    | 'dimension' | 'value' | 'threshold'
  > {
  firstSeen: string;
  lastSeen: string;
  firedAt: string;
  resolvedAt: string | null;
  /** The trace page with the evidence highlighted, relative to the web app (null for windowed alerts). */
  link: string | null;
}

export interface ApiAlertList {
  alerts: ApiAlert[];
  /** All alerts of the project by state, whatever the filters. */
  counts: Record<AlertState, number>;
  /** All alerts of the project per state and rule, whatever the filters. */
  countsByRule: Record<AlertState, Partial<Record<RuleId, number>>>;
}

/** `GET/PUT /api/v1/alerts/rules`: the project's rules, and the defaults they started from. */
export interface ApiAlertRules<Config = unknown> {
  rules: Config;
  defaults: Config;
  customised: boolean;
}

export const WEBHOOK_FORMATS = ['generic', 'slack'] as const;
export type WebhookFormat = (typeof WEBHOOK_FORMATS)[number];

export interface Webhook {
  id: string;
  projectId: string;
  url: string;
  format: WebhookFormat;
  enabled: boolean;
  createdAt: string;
}

export interface ApiWebhookList {
  webhooks: Webhook[];
}

/** The receiver's answer to a test delivery (or why there was none). */
export interface WebhookTestResult {
  ok: boolean;
  status: number | null;
  /** The start of the receiver's response body, or the network error. */
  detail: string;
  durationMs: number;
}
