/**
 * Display helpers for alerts: how long ago something happened, and an alert's measured value against its
 * threshold in the rule's own unit.
 */
import { formatUsd } from '../ui/format';
import type { AlertDimension, RuleId } from './types';

/** "just now", "42 s ago", "5 min ago", "3 h ago", "2 d ago". */
export function formatAgo(atMs: number, nowMs: number): string {
  const seconds = Math.round((nowMs - atMs) / 1000);
  if (!Number.isFinite(seconds)) return '—';
  if (seconds < 5) return 'just now';
  if (seconds < 60) return `${seconds} s ago`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h ago`;
  return `${Math.floor(hours / 24)} d ago`;
}

const COUNT_UNITS: Partial<Record<RuleId, [string, string]>> = {
  repeated_tool_call: ['identical call', 'identical calls'],
  tool_retry_storm: ['failure', 'failures'],
  agent_ping_pong: ['round trip', 'round trips'],
  step_explosion: ['model call', 'model calls'],
  silent_failure: ['failed step', 'failed steps'],
  ungrounded_answer: ['answer without documents', 'answers without documents'],
};

const count = (n: number, [one, many]: [string, string]) => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

/**
 * "14 identical calls (threshold 3)", "$5.92 (budget $1.00)", "96% of context (threshold 90%)". Null for the rate
 * rule, whose unit (spend or tokens per hour) its title already states.
 */
export function formatMeasure(ruleId: RuleId, value: number, threshold: number): string | null {
  const unit = COUNT_UNITS[ruleId];
  if (unit) return `${count(value, unit)} (threshold ${threshold.toLocaleString('en-US')})`;
  if (ruleId === 'cost_per_run') return `${formatUsd(value)} (budget ${formatUsd(threshold)})`;
  if (ruleId === 'context_exhaustion') return `${Math.round(value * 100)}% of context (threshold ${Math.round(threshold * 100)}%)`;
  return null;
}

export function formatDimension(dimension: AlertDimension | null): string | null {
  return dimension ? `${dimension.kind} ${dimension.name}` : null;
}
