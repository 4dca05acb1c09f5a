import { describe, expect, it } from 'vitest';
import type { Attributes } from '@/lib/otlp/types';
import type { GuardrailVerdict } from '@/lib/span/types';
import { mapGuardrailResult } from './guardrail';
import { event, norm } from './test-fixtures';

type Verdict = GuardrailVerdict | '';

describe('provider-native result values (gen_ai.guardrail.result.type / .value)', () => {
  const rows: [string, string, Verdict][] = [
    ['action', 'GUARDRAIL_INTERVENED', 'block'],
    ['action', 'NONE', 'pass'],
    ['tripwire_triggered', 'true', 'block'],
    ['tripwire_triggered', 'false', 'pass'],
    ['filter_match_state', 'MATCH_FOUND', 'fail'],
    ['filter_match_state', 'NO_MATCH_FOUND', 'pass'],
    ['flagged', 'true', 'fail'],
    ['attack_detected', 'false', 'pass'],
    ['severity', '0', 'pass'],
    ['severity', '6', 'fail'],
    ['action', 'BLOCKED', 'block'],
    ['action', 'ANONYMIZED', 'rewrite'],
    ['decision', 'escalate', 'escalate'],
    ['decision', 'human_review', 'escalate'],
    ['status', 'passed', 'pass'],
    // A bare boolean under an unknown field cannot be read either way.
    ['some_field', 'true', ''],
    ['action', 'SOMETHING_NEW', ''],
  ];
  it.each(rows)('%s=%s → %s', (type, value, verdict) => {
    expect(mapGuardrailResult(type, value)).toBe(verdict);
    const span = norm({ 'gen_ai.guardrail.result.type': type, 'gen_ai.guardrail.result.value': value });
    expect(span.guardrailVerdict).toBe(verdict);
  });
});

describe('verdict shapes on spans and events', () => {
  const rows: [string, Attributes, Verdict][] = [
    ['draft verdict allow', { 'gen_ai.guardrail.verdict.type': 'allow' }, 'pass'],
    ['draft verdict deny', { 'gen_ai.guardrail.verdict.type': 'deny' }, 'block'],
    ['draft verdict modify', { 'gen_ai.guardrail.verdict.type': 'modify' }, 'rewrite'],
    ['draft verdict warn', { 'gen_ai.guardrail.verdict.type': 'warn' }, 'fail'],
    ['draft verdict escalate', { 'gen_ai.guardrail.verdict.type': 'escalate' }, 'escalate'],
    ['draft action block', { 'gen_ai.guardrail.action.type': 'block' }, 'block'],
    ['draft action modify', { 'gen_ai.guardrail.action.type': 'modify' }, 'rewrite'],
    ['draft deny that was let through (monitor mode) is a failed check', {
      'gen_ai.guardrail.verdict.type': 'deny',
      'gen_ai.guardrail.action.type': 'allow',
    }, 'fail'],
    ['OpenLLMetry status PASSED', { 'gen_ai.guardrail.status': 'PASSED' }, 'pass'],
    ['OpenLLMetry status FAILED', { 'gen_ai.guardrail.status': 'FAILED' }, 'fail'],
    ['newest result wins over the draft', {
      'gen_ai.guardrail.result.type': 'action',
      'gen_ai.guardrail.result.value': 'GUARDRAIL_INTERVENED',
      'gen_ai.guardrail.verdict.type': 'allow',
    }, 'block'],
    ['no guardrail attributes', {}, ''],
  ];
  it.each(rows)('%s', (_name, attrs, verdict) => {
    expect(norm(attrs).guardrailVerdict).toBe(verdict);
  });

  it('several result events combine to the most severe, with its reason', () => {
    const result = (value: string, reason: string) =>
      event('gen_ai.guardrail.result', {
        'gen_ai.guardrail.result.type': 'action',
        'gen_ai.guardrail.result.value': value,
        'gen_ai.guardrail.result.reason': reason,
      });
    const span = norm(
      { 'gen_ai.operation.name': 'apply_guardrail', 'gen_ai.guardrail.component.name': 'Amazon Bedrock Guardrails' },
      { events: [result('NONE', 'topic ok'), result('GUARDRAIL_INTERVENED', 'PII: email'), result('NONE', 'words ok')] },
    );
    expect(span.nodeType).toBe('guardrail');
    expect(span.guardrailName).toBe('Amazon Bedrock Guardrails');
    expect(span.guardrailVerdict).toBe('block');
    expect(span.guardrailReason).toBe('PII: email');
  });

  it('reads name and reason from the draft and OpenLLMetry attributes', () => {
    const draft = norm({ 'gen_ai.guardrail.verdict.type': 'deny', 'gen_ai.guardrail.verdict.reason': 'jailbreak' });
    expect(draft.guardrailReason).toBe('jailbreak');
    expect(draft.nodeType).toBe('guardrail');
    const ollm = norm({ 'gen_ai.guardrail.name': 'toxicity', 'gen_ai.guardrail.status': 'FAILED' });
    expect(ollm.guardrailName).toBe('toxicity');
  });
});
