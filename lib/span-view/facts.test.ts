import { describe, expect, it } from 'vitest';
import type { SpanContent } from '@/lib/span/types';
import { makeSpan } from '@/lib/trace-tree/test-fixtures';
import { costFact, finishReasonsOf, httpStatusOf, modelsOf, panelSections, startLabel, startOffsetMs, tokenFacts } from './facts';

const noContent: SpanContent = {
  systemInstructions: null,
  inputMessages: null,
  outputMessages: null,
  toolArguments: null,
  toolResult: null,
  retrievalQuery: null,
  retrievalDocuments: null,
};

describe('header facts', () => {
  it.each([
    [{ requestModel: 'gpt-4o', responseModel: 'gpt-4o-2024-08-06' }, ['gpt-4o', 'gpt-4o-2024-08-06']],
    [{ requestModel: 'gpt-4o', responseModel: 'gpt-4o' }, ['gpt-4o']],
    [{ requestModel: '', responseModel: 'claude' }, ['claude']],
    [{ requestModel: '', responseModel: '' }, []],
  ])('models of %j', (models, expected) => {
    expect(modelsOf(models)).toEqual(expected);
  });

  it('flags finish reasons that cut the answer off', () => {
    expect(finishReasonsOf({ finishReasons: ['stop', 'length', 'max_tokens'] }).map((f) => f.truncated)).toEqual([false, true, true]);
  });

  it('shows input and output, and the other counts only when present', () => {
    const span = makeSpan({ spanId: 's', inputTokens: 1200, outputTokens: 80, cacheReadTokens: 1000 });
    expect(tokenFacts(span).map((t) => [t.label, t.value])).toEqual([
      ['in', 1200],
      ['out', 80],
      ['cache read', 1000],
    ]);
    expect(tokenFacts(makeSpan({ spanId: 'n' }))).toEqual([]);
  });

  it.each([
    [0.0034775, 'catalog', '$0.00348', 'catalog price', 'normal'],
    [1.5, 'reported', '$1.50', 'reported by the instrumentation', 'normal'],
    [0.2, 'override', '$0.200', 'project price override', 'normal'],
    [null, 'unpriced', 'unpriced', 'no price known for this model', 'unpriced'],
  ] as const)('cost %j from %s', (costUsd, costSource, label, sourceLabel, tone) => {
    expect(costFact({ costUsd, costSource })).toEqual({ label, source: costSource, sourceLabel, tone });
  });

  it('has no cost line for a span without usage', () => {
    expect(costFact({ costUsd: null, costSource: 'none' })).toBeNull();
  });

  it('measures the start offset in bigint', () => {
    expect(startOffsetMs('1795461803397000000', '1795461803318000000')).toBe(79);
    expect(startOffsetMs('x', '1')).toBeNull();
    expect(startOffsetMs('1', undefined)).toBeNull();
  });

  it.each([
    [0, 'at the trace start'],
    [1200, '+1.20 s into the trace'],
    [-5, '5.0 ms before the trace start'],
    [null, '2026-01-01T00:00:00.000Z'],
  ])('start label for offset %j', (offset, label) => {
    expect(startLabel(offset, '2026-01-01T00:00:00.000Z')).toBe(label);
  });

  it.each([
    [{ 'http.response.status_code': '502' }, 502],
    [{ 'http.status_code': '404' }, 404],
    [{ 'http.response.status_code': 'n/a' }, null],
    [{}, null],
  ])('http status of %j', (attributes, status) => {
    expect(httpStatusOf(attributes)).toBe(status);
  });
});

describe('panelSections', () => {
  it('opens the tool section on a tool span even when its content failed to load', () => {
    const sections = panelSections(makeSpan({ spanId: 't', nodeType: 'tool', toolName: 'search' }), undefined);
    expect(sections).toMatchObject({ toolCall: true, messages: false, documents: false, guardrail: false });
  });

  it('opens the documents section on an empty retrieval', () => {
    expect(panelSections(makeSpan({ spanId: 'r', nodeType: 'retrieval', retrievalDocCount: 0 }), noContent).documents).toBe(true);
  });

  it('opens messages only when there are some', () => {
    const llm = makeSpan({ spanId: 'l', nodeType: 'llm' });
    expect(panelSections(llm, noContent).messages).toBe(false);
    expect(panelSections(llm, { ...noContent, outputMessages: [{ role: 'assistant', parts: [] }] }).messages).toBe(true);
  });

  it('opens guardrail, evaluations, events, links and resource on what the span carries', () => {
    const span = makeSpan({
      spanId: 'g',
      guardrailVerdict: 'block',
      evaluations: [{ name: 'relevance', score: 0.2, label: 'irrelevant', explanation: '' }],
      events: [{ time: '', timeUnixNano: '1', name: 'e', attributes: {} }],
      links: [{ traceId: 'x', spanId: 'y', attributes: {} }],
      resourceAttributes: { 'service.name': 'svc' },
    });
    expect(panelSections(span, undefined)).toMatchObject({ guardrail: true, evaluations: true, events: true, links: true, resource: true });
  });
});
