import { describe, expect, it } from 'vitest';
import { buildTree, groupRepeatedSiblings } from '@/lib/trace-tree';
import { makeSpan, spansFromText } from '@/lib/trace-tree/test-fixtures';
import { finishSummary, groupLabel, groupSummary, retrievalSummary, tokenBreakdown, toolArgsSummary, toolStatus } from './summaries';

describe('toolArgsSummary', () => {
  it.each([
    ['{"city":"Paris","unit":"C"}', 'city=Paris, unit=C'],
    ['{"q":{"a":1},"n":[1,2]}', 'q={"a":1}, n=[1,2]'],
    ['{}', '(no arguments)'],
    ['', ''],
    ['"just text"', 'just text'],
    ['[1,2,3]', '[1,2,3]'],
    ['{"cut short by the colle', '{"cut short by the colle'],
  ])('%s → %s', (raw, expected) => {
    expect(toolArgsSummary(raw)).toBe(expected);
  });

  it('cuts long arguments with an ellipsis', () => {
    const summary = toolArgsSummary(JSON.stringify({ text: 'x'.repeat(200) }), 20);
    expect(summary).toHaveLength(20);
    expect(summary.endsWith('…')).toBe(true);
  });
});

describe('toolStatus', () => {
  it.each([
    [{ attributes: { 'http.response.status_code': '403' } }, 'HTTP 403', true],
    [{ attributes: { 'http.status_code': '200' } }, 'HTTP 200', false],
    [{ errorType: 'Timeout' }, 'error: Timeout', true],
    [{ attributes: { 'error.type': 'ValueError' } }, 'error: ValueError', true],
    [{ statusCode: 'error' as const }, 'error', true],
    [{ statusCode: 'ok' as const }, 'ok', false],
    [{}, '', false],
  ])('%j → %s', (overrides, label, isError) => {
    const status = toolStatus(makeSpan({ spanId: 'a', nodeType: 'tool', ...overrides }));
    expect(status).toMatchObject({ label, isError });
  });
});

describe('retrievalSummary and finishSummary', () => {
  it('calls out an empty retrieval, and not an unreported count', () => {
    expect(retrievalSummary(makeSpan({ spanId: 'r', retrievalDocCount: 0 })).empty).toBe(true);
    expect(retrievalSummary(makeSpan({ spanId: 'r', retrievalDocCount: null })).empty).toBe(false);
    expect(retrievalSummary(makeSpan({ spanId: 'r', retrievalDocCount: 4, retrievalTopScore: 0.8123 }))).toEqual({
      docCount: 4,
      topScore: '0.81',
      empty: false,
    });
  });

  it('flags a model that stopped at its token limit', () => {
    expect(finishSummary(makeSpan({ spanId: 'l', finishReasons: ['length'] }))).toEqual({ label: 'length', truncated: true });
    expect(finishSummary(makeSpan({ spanId: 'l', finishReasons: ['stop'] }))).toEqual({ label: 'stop', truncated: false });
  });

  it('breaks tokens down, leaving out zero parts', () => {
    const tokens = { inputTokens: 1200, outputTokens: 340, cacheReadTokens: 800, cacheWriteTokens: 0, reasoningTokens: 120 };
    expect(tokenBreakdown(tokens)).toBe('in 1.2k · out 340 · cached 800 · reasoning 120');
  });
});

describe('groupSummary', () => {
  it('states count, duration, tokens and cost', () => {
    const tree = buildTree(spansFromText(`
      agent type=agent
        w1 type=tool tool=get_weather args={"city":"Paris"} dur=700 cost=0.07 in=100 out=160
        w2 type=tool tool=get_weather args={"city":"Paris"} dur=700 cost=0.07 in=100 out=160
        w3 type=tool tool=get_weather args={"city":"Paris"} dur=700 cost=0.07 in=100 out=160
    `));
    const group = [...groupRepeatedSiblings(tree).byId.values()][0]!;
    expect(groupSummary(group)).toBe('get_weather ×3 · 2.10 s · 780 tok · $0.210');
    expect(groupLabel(group)).toBe('get_weather ×3');
  });

  it('says when part of the cost is unknown', () => {
    const tree = buildTree(spansFromText(`
      agent type=agent agent=a
        c1 type=llm model=m unpriced in=10 out=1
        c2 type=llm model=m unpriced in=10 out=1
        c3 type=llm model=m cost=0.5 in=10 out=1
    `));
    const group = [...groupRepeatedSiblings(tree, { minModelCount: 3 }).byId.values()][0]!;
    expect(groupSummary(group)).toContain('$0.500 + 2 unpriced');
  });
});
