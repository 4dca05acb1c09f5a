import { describe, expect, it } from 'vitest';
import { buildTree } from './build-tree';
import { makeSpan, spansFromText } from './test-fixtures';

/**
 *   run       workflow, 0..100 ms
 *     agent   agent with aggregate usage (repeats its two model calls)
 *       m1    llm 100 in / 20 out, $0.01, 30 cache read, 5 reasoning
 *       t1    tool, fails
 *       m2    llm 50 in / 10 out, unpriced
 *     m3      llm 7 in / 3 out, $0.02, 4 cache write
 */
const TRACE = `
  run    type=workflow start=0 dur=100
    agent  type=agent agent=planner agg in=150 out=30 cost=0.5 start=1 dur=60
      m1     type=llm model=gpt-4o in=100 out=20 cr=30 reason=5 cost=0.01 start=2 dur=10
      t1     type=tool tool=search status=error start=13 dur=5
      m2     type=llm model=gpt-4o in=50 out=10 unpriced start=20 dur=50
    m3     type=llm model=gpt-4o-mini in=7 out=3 cw=4 cost=0.02 start=80 dur=30
`;

describe('rollups', () => {
  const tree = buildTree(spansFromText(TRACE));
  const node = (id: string) => tree.byId.get(id)!;

  it.each([
    { id: 'm1', input: 100, output: 20, cacheRead: 30, cacheWrite: 0, reasoning: 5 },
    { id: 'agent', input: 150, output: 30, cacheRead: 0, cacheWrite: 0, reasoning: 0 },
    { id: 'run', input: 0, output: 0, cacheRead: 0, cacheWrite: 0, reasoning: 0 },
  ])('$id shows its own reported usage', ({ id, input, output, cacheRead, cacheWrite, reasoning }) => {
    expect(node(id).ownTokens).toEqual({
      inputTokens: input,
      outputTokens: output,
      cacheReadTokens: cacheRead,
      cacheWriteTokens: cacheWrite,
      reasoningTokens: reasoning,
    });
  });

  it.each([
    { id: 'm1', input: 100, output: 20, cost: 0.01, unpriced: 0, spans: 1, llm: 1, tools: 0, errors: 0 },
    // The agent's own aggregate 150/30 and $0.5 are not added: only m1 and m2 count.
    { id: 'agent', input: 150, output: 30, cost: 0.01, unpriced: 1, spans: 4, llm: 2, tools: 1, errors: 1 },
    { id: 'run', input: 157, output: 33, cost: 0.03, unpriced: 1, spans: 6, llm: 3, tools: 1, errors: 1 },
  ])('$id subtree totals', ({ id, input, output, cost, unpriced, spans, llm, tools, errors }) => {
    const s = node(id).subtree;
    expect(s.tokens.inputTokens).toBe(input);
    expect(s.tokens.outputTokens).toBe(output);
    expect(s.costUsd).toBe(cost);
    expect(s.unpricedCount).toBe(unpriced);
    expect(s.spanCount).toBe(spans);
    expect(s.llmCallCount).toBe(llm);
    expect(s.toolCallCount).toBe(tools);
    expect(s.errorCount).toBe(errors);
  });

  it('sums every token kind over the trace, never the aggregate usage', () => {
    expect(tree.totals.tokens).toEqual({
      inputTokens: 157,
      outputTokens: 33,
      cacheReadTokens: 30,
      cacheWriteTokens: 4,
      reasoningTokens: 5,
    });
    expect(tree.totals.costUsd).toBe(0.03);
  });

  it('spans the subtree time window from the earliest start to the latest end', () => {
    const ms = (ns: bigint) => Number(ns - node('run').startNs) / 1e6;
    expect([ms(node('agent').subtree.startNs), ms(node('agent').subtree.endNs)]).toEqual([1, 70]);
    // m3 ends at 110 ms, after the run's own end at 100 ms: the window must still include it.
    expect([ms(node('run').subtree.startNs), ms(node('run').subtree.endNs)]).toEqual([0, 110]);
  });

  it('keeps the own cost of an aggregate span for display', () => {
    expect(node('agent').ownCostUsd).toBe(0.5);
  });
});

describe('rollups: exact sums', () => {
  it('sums 10,000 tiny costs without float drift', () => {
    const spans = Array.from({ length: 10_000 }, (_, i) =>
      makeSpan({ spanId: `s${i}`, parentSpanId: i === 0 ? '' : 's0', costUsd: 0.0000015, costSource: 'catalog' }),
    );
    const tree = buildTree(spans);
    // A plain float loop gives 0.014999999999998506 here.
    expect(tree.totals.costUsd).toBe(0.015);
    expect(tree.totals.costNanoUsd).toBe(15_000_000);
  });

  it.each([
    { value: Number.NaN, expected: 0 },
    { value: -5, expected: 0 },
    { value: 2.6, expected: 3 },
    { value: Number.POSITIVE_INFINITY, expected: 0 },
  ])('counts a reported token value of $value as $expected', ({ value, expected }) => {
    const tree = buildTree([makeSpan({ spanId: 'x', inputTokens: value, outputTokens: 1 })]);
    expect(tree.totals.tokens.inputTokens).toBe(expected);
    expect(tree.totals.tokens.outputTokens).toBe(1);
  });

  it('treats a non-finite cost as unknown, not as NaN in the total', () => {
    const tree = buildTree([
      makeSpan({ spanId: 'a', costUsd: Number.NaN, costSource: 'unpriced' }),
      makeSpan({ spanId: 'b', costUsd: 0.25, costSource: 'reported' }),
    ]);
    expect([tree.totals.costUsd, tree.totals.unpricedCount]).toEqual([0.25, 1]);
  });
});
