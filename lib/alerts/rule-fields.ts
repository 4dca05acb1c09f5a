/**
 * The rules form as data: for each rule, its on/off switch and its numeric thresholds with labels, in the order
 * a user reads them. Built from the config itself, so a threshold added to a rule shows up (with its field name as
 * the label) without touching the form.
 */
import type { DetectorConfig } from '../detectors/config';
import { RULE_META } from './rules-meta';
import type { RuleId } from './types';

export interface RuleField {
  name: string;
  label: string;
  value: number;
  /** Input step: whole numbers for counts, finer for money and shares. */
  step: number;
}

export interface RuleFormRow {
  ruleId: RuleId;
  label: string;
  description: string;
  windowed: boolean;
  enabled: boolean;
  fields: RuleField[];
}

const FIELD_LABELS: Record<string, { label: string; step: number }> = {
  minCalls: { label: 'Min. calls', step: 1 },
  minFailures: { label: 'Min. failures', step: 1 },
  minRoundTrips: { label: 'Min. round trips', step: 1 },
  maxModelCalls: { label: 'Max. model calls', step: 1 },
  budgetUsd: { label: 'Budget per run (USD)', step: 0.01 },
  windowShare: { label: 'Share of context window', step: 0.01 },
  k: { label: 'Sensitivity k (× MAD)', step: 0.5 },
  minMadShare: { label: 'Min. MAD (share of median)', step: 0.05 },
  baselineDays: { label: 'Baseline days', step: 1 },
  minSameHourSamples: { label: 'Min. same-hour samples', step: 1 },
  minCostUsd: { label: 'Min. spend per hour (USD)', step: 0.01 },
  minTokens: { label: 'Min. tokens per hour', step: 1000 },
  minElapsedMinutes: { label: 'Min. minutes into the hour', step: 1 },
};

/** Per-run rules first (what pages most), the rate rule last. */
const ORDER: readonly RuleId[] = [
  'repeated_tool_call',
  'tool_retry_storm',
  'agent_ping_pong',
  'step_explosion',
  'cost_per_run',
  'silent_failure',
  'context_exhaustion',
  'ungrounded_answer',
  'cost_rate_anomaly',
];

export function ruleFormRows(config: DetectorConfig): RuleFormRow[] {
  return ORDER.map((ruleId) => {
    const rule: Record<string, unknown> = config[ruleId];
    const fields: RuleField[] = [];
    for (const [name, value] of Object.entries(rule)) {
      if (name === 'enabled' || typeof value !== 'number') continue;
      const known = FIELD_LABELS[name];
      // The rate rule's minCalls counts model calls per hour, not identical tool calls.
      const label = ruleId === 'cost_rate_anomaly' && name === 'minCalls' ? 'Min. model calls per hour' : (known?.label ?? name);
      fields.push({ name, label, value, step: known?.step ?? 1 });
    }
    const meta = RULE_META[ruleId];
    return { ruleId, label: meta.label, description: meta.description, windowed: meta.windowed, enabled: rule.enabled === true, fields };
  });
}

/** A copy of the config with one rule's field set. */
export function withRuleValue(config: DetectorConfig, ruleId: RuleId, name: string, value: number | boolean): DetectorConfig {
  return { ...config, [ruleId]: { ...config[ruleId], [name]: value } };
}

/** The number typed into a threshold input; null when it is not one (the form then keeps the field marked). */
export function parseThreshold(text: string): number | null {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  const value = Number(trimmed);
  return Number.isFinite(value) ? value : null;
}

/**
 * Texts typed into threshold inputs that are not numbers (yet), keyed `rule.field`: the form shows them as typed
 * and marked, instead of snapping back to the last valid value. `text` null clears the field's entry.
 */
export function withFieldText(texts: Record<string, string>, ruleId: RuleId, name: string, text: string | null): Record<string, string> {
  const key = `${ruleId}.${name}`;
  if (text === null) {
    if (!(key in texts)) return texts;
    const { [key]: _cleared, ...rest } = texts;
    return rest;
  }
  return { ...texts, [key]: text };
}

/** One rule's entries of `texts`, keyed by field name. */
export function fieldTexts(texts: Record<string, string>, ruleId: RuleId): Record<string, string> {
  const prefix = `${ruleId}.`;
  const result: Record<string, string> = {};
  for (const [key, text] of Object.entries(texts)) if (key.startsWith(prefix)) result[key.slice(prefix.length)] = text;
  return result;
}

/** The rule and field a rules API error names first (`cost_per_run.budgetUsd: …`), to mark that input. */
export function fieldOfError(message: string): { ruleId: RuleId; name: string } | null {
  const match = /^([a-z_]+)\.([A-Za-z]+):/.exec(message);
  if (!match?.[1] || !match[2] || !(match[1] in RULE_META)) return null;
  return { ruleId: match[1] as RuleId, name: match[2] };
}
