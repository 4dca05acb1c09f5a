/**
 * The alert runner reads only DETECTOR_ATTRIBUTE_KEYS of each span (and no resource attributes, events or links).
 * Each run here is found by a rule only through one such attribute; it must be found the same on the reduced spans.
 */
import { describe, expect, it } from 'vitest';
import { detectTrace } from './detect-trace';
import { DETECTOR_ATTRIBUTE_KEYS } from './prepare';
import { lines, traceFrom } from './testing/fixtures';
import type { DetectorTrace } from './types';

function reduced(trace: DetectorTrace): DetectorTrace {
  const keep = new Set(DETECTOR_ATTRIBUTE_KEYS);
  return {
    ...trace,
    spans: trace.spans.map((span) => ({
      ...span,
      attributes: Object.fromEntries(Object.entries(span.attributes).filter(([key]) => keep.has(key))),
      resourceAttributes: {},
      events: [],
      links: [],
    })),
  };
}

const withNoise = (attributes: Record<string, string>) => ({ ...attributes, 'app.tenant': 't-1', 'gen_ai.system': 'openai' });

const cases: { name: string; rule: string; trace: DetectorTrace }[] = [
  {
    name: 'a tool refused with HTTP 403 (status unset) under an OK root',
    rule: 'silent_failure',
    trace: traceFrom('root type=agent agent=a status=ok\n  m1 type=llm model=gpt-4o\n  call type=tool tool=crm http=403\n  m2 type=llm model=gpt-4o'),
  },
  {
    name: 'a model call that failed with HTTP 429 recorded as http.status_code',
    rule: 'silent_failure',
    trace: traceFrom('root type=agent agent=a status=ok\n  m1 type=llm model=gpt-4o\n  m2 type=llm model=gpt-4o', {
      m1: { attributes: withNoise({ 'http.status_code': '429' }) },
    }),
  },
  {
    name: 'a model call whose error.type is only an attribute',
    rule: 'silent_failure',
    trace: traceFrom('root type=agent agent=a status=ok\n  m1 type=llm model=gpt-4o\n  m2 type=llm model=gpt-4o', {
      m1: { attributes: withNoise({ 'error.type': 'RateLimitError' }) },
    }),
  },
  {
    name: 'the same tool call repeated, its arguments only in an attribute',
    rule: 'repeated_tool_call',
    trace: traceFrom(`root type=agent agent=a\n${lines(12, 1, (i) => `t${i} type=tool tool=lookup start=${i}`)}`, Object.fromEntries(
      Array.from({ length: 12 }, (_, i) => [`t${i}`, { toolArgumentsPreview: '', attributes: withNoise({ 'input.value': '{"id":7}' }) }]),
    )),
  },
];

describe('DETECTOR_ATTRIBUTE_KEYS', () => {
  it.each(cases)('$name: $rule fires the same on the spans the runner reads', ({ trace, rule }) => {
    const full = detectTrace(trace);
    expect(full.map((finding) => finding.ruleId)).toContain(rule);
    expect(detectTrace(reduced(trace))).toEqual(full);
  });
});
