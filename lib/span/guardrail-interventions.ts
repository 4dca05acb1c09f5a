import { GUARDRAIL_INTERVENTIONS, type GuardrailIntervention, type GuardrailVerdict } from './types';

/** How guardrails acted on a run, from its spans' verdicts: each intervention once, in `GUARDRAIL_INTERVENTIONS` order. */
export function guardrailInterventions(verdicts: Iterable<GuardrailVerdict | ''>): GuardrailIntervention[] {
  const seen = new Set(verdicts);
  return GUARDRAIL_INTERVENTIONS.filter((verdict) => seen.has(verdict));
}
