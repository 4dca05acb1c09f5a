/** How each rule is named and explained on the alerts page and in webhook bodies. */
import type { RuleId } from './types';

export interface RuleMeta {
  label: string;
  description: string;
  /** Windowed rules look at rates over hours, not at one trace. */
  windowed: boolean;
}

export const RULE_META: Record<RuleId, RuleMeta> = {
  repeated_tool_call: {
    label: 'Repeated tool call',
    description: 'The same tool called again and again with identical arguments in one run.',
    windowed: false,
  },
  tool_retry_storm: {
    label: 'Tool retry storm',
    description: 'The same tool failing again and again in one run.',
    windowed: false,
  },
  agent_ping_pong: {
    label: 'Agent ping-pong',
    description: 'Two agents handing the work back and forth (A→B→A→B).',
    windowed: false,
  },
  step_explosion: {
    label: 'Step explosion',
    description: 'Too many model calls in one run.',
    windowed: false,
  },
  cost_per_run: {
    label: 'Cost per run',
    description: 'One run cost more than its budget.',
    windowed: false,
  },
  cost_rate_anomaly: {
    label: 'Cost rate anomaly',
    description: 'Hourly spend of an agent, model or service well above its baseline.',
    windowed: true,
  },
  silent_failure: {
    label: 'Silent failure',
    description: 'A step failed but the run reported success.',
    windowed: false,
  },
  context_exhaustion: {
    label: 'Context exhaustion',
    description: "Input near the model's context window, or replies cut off by the length limit.",
    windowed: false,
  },
  ungrounded_answer: {
    label: 'Ungrounded answer',
    description: 'A model answered after a retrieval returned no documents.',
    windowed: false,
  },
};

export function ruleLabel(ruleId: string): string {
  return ruleId in RULE_META ? RULE_META[ruleId as RuleId].label : ruleId;
}
