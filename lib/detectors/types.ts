/**
 * The contract between the detectors (pure functions: a trace or a window of aggregates in, findings out) and
 * the alert runner that stores, deduplicates and delivers what they find.
 */
import type { ApiSpan, ApiTraceSummary } from '../span/api-types';

export const RULE_IDS = [
  'repeated_tool_call',
  'tool_retry_storm',
  'agent_ping_pong',
  'step_explosion',
  'cost_per_run',
  'cost_rate_anomaly',
  'silent_failure',
  'context_exhaustion',
  'ungrounded_answer',
] as const;
export type RuleId = (typeof RULE_IDS)[number];

export type Severity = 'warning' | 'critical';

export interface Finding {
  ruleId: RuleId;
  severity: Severity;
  /** One line a paged engineer reads first, e.g. "get_weather called 12× with the same arguments". */
  title: string;
  /** A few sentences with the numbers behind the finding. */
  summary: string;
  /** The run the finding is about; null for windowed findings (rates per agent, model or service). */
  traceId: string | null;
  /** The spans that show the problem, in the order to look at them. */
  evidenceSpanIds: string[];
  /**
   * Stable identity of the problem within its rule and trace (e.g. tool name + argument hash, or the dimension of a
   * rate anomaly). The runner's fingerprint is project + rule + trace + key, so the same problem never pages twice.
   */
  key: string;
  /** The measured value and the threshold it crossed, in the rule's unit (calls, USD, tokens, ratio…). */
  value: number;
  threshold: number;
  /** For windowed findings: what the rate was measured over. */
  dimension?: { kind: 'agent' | 'model' | 'service'; name: string };
}

/** A trace as the per-trace detectors see it: the API's own shapes, so the tree library can be reused. */
export interface DetectorTrace {
  trace: ApiTraceSummary;
  spans: ApiSpan[];
}

/** One hour of spend and tokens for one agent, model or service, for the rate-anomaly detector. */
export interface HourlyAggregate {
  kind: 'agent' | 'model' | 'service';
  name: string;
  /** Start of the hour, epoch milliseconds (UTC). */
  hourStartMs: number;
  costUsd: number;
  tokens: number;
  calls: number;
}
