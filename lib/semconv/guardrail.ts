/**
 * Guardrail verdicts from the three drafts in the wild:
 * 1. newest: `gen_ai.guardrail.result.type` + `.value` (provider-native) on the span or on
 *    `gen_ai.guardrail.result` events. The spec forbids instrumentations to infer a verdict, so we map the
 *    provider values ourselves with the tables below;
 * 2. security draft: `gen_ai.guardrail.verdict.type` and `gen_ai.guardrail.action.type`;
 * 3. OpenLLMetry: `gen_ai.guardrail.status`.
 * Several results (one event per policy) combine to the most severe verdict, so that one blocking policy
 * among passing ones still shows as a block.
 */
import type { Attributes, OtlpEvent } from '@/lib/otlp/types';
import type { GuardrailVerdict } from '@/lib/span/types';
import { asString } from './values';

/** Rows of `[result.type, result.value, verdict, why]`, matched case-insensitively on both. */
export const GUARDRAIL_RESULT_ROWS: readonly (readonly [string, string, GuardrailVerdict, string])[] = [
  ['action', 'GUARDRAIL_INTERVENED', 'block', 'Amazon Bedrock Guardrails stopped or masked the content'],
  ['action', 'NONE', 'pass', 'Amazon Bedrock Guardrails took no action'],
  ['tripwire_triggered', 'true', 'block', 'OpenAI Agents SDK: a tripwire halts the run'],
  ['tripwire_triggered', 'false', 'pass', 'OpenAI Agents SDK: tripwire not triggered'],
  ['filter_match_state', 'MATCH_FOUND', 'fail', 'a filter matched; the result does not say the content was stopped'],
  ['filter_match_state', 'NO_MATCH_FOUND', 'pass', 'no filter matched'],
  ['filter_match_state', 'NO_MATCH', 'pass', 'no filter matched'],
  ['flagged', 'true', 'fail', 'a moderation check flagged the content'],
  ['flagged', 'false', 'pass', 'nothing flagged'],
  ['attack_detected', 'true', 'fail', 'a prompt shield detected an attack'],
  ['attack_detected', 'false', 'pass', 'no attack detected'],
];

/** Values whose meaning does not depend on the result type (also used for the draft and OpenLLMetry shapes). */
export const GUARDRAIL_VALUE_ROWS: readonly (readonly [string, GuardrailVerdict])[] = [
  ['pass', 'pass'],
  ['passed', 'pass'],
  ['allow', 'pass'],
  ['allowed', 'pass'],
  ['none', 'pass'],
  ['no_match', 'pass'],
  ['safe', 'pass'],
  ['success', 'pass'],
  ['ok', 'pass'],
  ['fail', 'fail'],
  ['failed', 'fail'],
  ['failure', 'fail'],
  ['warn', 'fail'],
  ['warning', 'fail'],
  ['flagged', 'fail'],
  ['match_found', 'fail'],
  ['detected', 'fail'],
  ['block', 'block'],
  ['blocked', 'block'],
  ['deny', 'block'],
  ['denied', 'block'],
  ['reject', 'block'],
  ['rejected', 'block'],
  ['guardrail_intervened', 'block'],
  ['intervened', 'block'],
  ['modify', 'rewrite'],
  ['modified', 'rewrite'],
  ['rewrite', 'rewrite'],
  ['rewritten', 'rewrite'],
  ['redacted', 'rewrite'],
  ['masked', 'rewrite'],
  ['anonymized', 'rewrite'],
  ['sanitized', 'rewrite'],
  ['escalate', 'escalate'],
  ['escalated', 'escalate'],
  ['ask', 'escalate'],
  ['review', 'escalate'],
  ['human_review', 'escalate'],
];

/** Security draft: `gen_ai.guardrail.verdict.type`. */
export const GUARDRAIL_DRAFT_VERDICTS: ReadonlyMap<string, GuardrailVerdict> = new Map([
  ['allow', 'pass'],
  ['deny', 'block'],
  ['modify', 'rewrite'],
  ['warn', 'fail'],
  ['escalate', 'escalate'],
]);

/** Security draft: `gen_ai.guardrail.action.type` (what was done, as opposed to what was judged). */
export const GUARDRAIL_DRAFT_ACTIONS: ReadonlyMap<string, GuardrailVerdict> = new Map([
  ['allow', 'pass'],
  ['block', 'block'],
  ['modify', 'rewrite'],
  ['escalate', 'escalate'],
]);

const RESULT_MAP = new Map(GUARDRAIL_RESULT_ROWS.map(([t, v, verdict]) => [`${t.toLowerCase()}=${v.toLowerCase()}`, verdict]));
const VALUE_MAP: ReadonlyMap<string, GuardrailVerdict> = new Map(GUARDRAIL_VALUE_ROWS);
const SEVERITY: Readonly<Record<GuardrailVerdict, number>> = { pass: 0, fail: 1, rewrite: 2, escalate: 3, block: 4 };

/** A provider-native result → verdict; '' when the value means nothing we can map (e.g. a bare `true`). */
export function mapGuardrailResult(type: string, value: string): GuardrailVerdict | '' {
  const t = type.toLowerCase();
  const v = value.trim().toLowerCase();
  const exact = RESULT_MAP.get(`${t}=${v}`);
  if (exact !== undefined) return exact;
  // Severity scales (Azure AI Content Safety: 0 safe, higher is worse) say the content was rated, not stopped.
  if (t === 'severity' || t.endsWith('.severity')) {
    const n = Number(v);
    if (v !== '' && Number.isFinite(n)) return n > 0 ? 'fail' : 'pass';
  }
  return VALUE_MAP.get(v) ?? '';
}

function worse(a: GuardrailVerdict | '', b: GuardrailVerdict | ''): GuardrailVerdict | '' {
  if (a === '') return b;
  if (b === '') return a;
  return SEVERITY[b] > SEVERITY[a] ? b : a;
}

export interface GuardrailReading {
  verdict: GuardrailVerdict | '';
  reason: string;
}

function fromResultAttrs(attrs: Attributes): GuardrailVerdict | '' {
  const value = attrs['gen_ai.guardrail.result.value'];
  if (value === undefined) return '';
  return mapGuardrailResult(asString(attrs['gen_ai.guardrail.result.type']), asString(value));
}

/** The draft shape: a check that denied but whose action let the content through is a failed check, not a block. */
function fromDraft(attrs: Attributes): GuardrailVerdict | '' {
  const verdict = GUARDRAIL_DRAFT_VERDICTS.get(asString(attrs['gen_ai.guardrail.verdict.type']).toLowerCase());
  const action = GUARDRAIL_DRAFT_ACTIONS.get(asString(attrs['gen_ai.guardrail.action.type']).toLowerCase());
  if (verdict !== undefined && action !== undefined) return verdict === 'block' && action === 'pass' ? 'fail' : action;
  return verdict ?? action ?? '';
}

export function readGuardrail(attrs: Attributes, events: readonly OtlpEvent[]): GuardrailReading {
  let verdict = fromResultAttrs(attrs);
  let reason = '';
  for (const event of events) {
    if (event.name !== 'gen_ai.guardrail.result') continue;
    const v = fromResultAttrs(event.attributes);
    const next = worse(verdict, v);
    // The reason shown is the one behind the verdict shown.
    if (next !== verdict || reason === '') reason = asString(event.attributes['gen_ai.guardrail.result.reason']) || reason;
    verdict = next;
  }
  if (verdict === '') verdict = fromDraft(attrs);
  if (verdict === '') {
    const status = asString(attrs['gen_ai.guardrail.status']);
    if (status !== '') verdict = VALUE_MAP.get(status.toLowerCase()) ?? '';
  }
  return { verdict, reason };
}
