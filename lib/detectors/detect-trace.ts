/**
 * Runs every enabled per-trace rule over one finished run. The tree is built once and shared; each rule is one
 * or two linear passes over it, so a run costs O(n log n) in its span count (the sort inside the tree build).
 */
import { detectAgentPingPong } from './agent-ping-pong';
import { DEFAULT_DETECTOR_CONFIG, type DetectorConfig } from './config';
import { detectContextExhaustion } from './context-exhaustion';
import { prepareTrace, type PerTraceRule, type PreparedTrace } from './prepare';
import { detectCostPerRun, detectStepExplosion } from './run-budget';
import { detectSilentFailure } from './silent-failure';
import { detectRepeatedToolCalls, detectToolRetryStorms } from './tool-calls';
import { detectUngroundedAnswer } from './ungrounded-answer';
import type { DetectorTrace, Finding } from './types';

type RuleFunction<R extends PerTraceRule> = (run: PreparedTrace, rule: DetectorConfig[R]) => Finding[];

/** The per-trace rules in the order their findings are returned. */
export const PER_TRACE_RULES: { [R in PerTraceRule]: RuleFunction<R> } = {
  repeated_tool_call: detectRepeatedToolCalls,
  tool_retry_storm: detectToolRetryStorms,
  agent_ping_pong: detectAgentPingPong,
  step_explosion: detectStepExplosion,
  cost_per_run: detectCostPerRun,
  silent_failure: detectSilentFailure,
  context_exhaustion: detectContextExhaustion,
  ungrounded_answer: detectUngroundedAnswer,
};

function runRule<R extends PerTraceRule>(rule: R, run: PreparedTrace, config: DetectorConfig): Finding[] {
  const settings = config[rule];
  return settings.enabled ? PER_TRACE_RULES[rule](run, settings) : [];
}

export function detectTrace(input: DetectorTrace, config: DetectorConfig = DEFAULT_DETECTOR_CONFIG): Finding[] {
  if (input.spans.length === 0) return [];
  const run = prepareTrace(input);
  return (Object.keys(PER_TRACE_RULES) as PerTraceRule[]).flatMap((rule) => runRule(rule, run, config));
}
