import { describe, expect, it } from 'vitest';
import { agentGraph } from './agent-graph';
import { buildTree } from './build-tree';
import { spansFromText } from './test-fixtures';

describe('agentGraph: delegation', () => {
  /**
   * The supervisor delegates to research twice and to writer once; writer hands back to the supervisor
   * (a cycle supervisor → writer → supervisor).
   */
  const tree = buildTree(spansFromText(`
    sup        type=agent agent=supervisor start=0 dur=100
      plan       type=llm in=10 out=1 cost=0.01 start=1
      r1         type=agent agent=research start=2 dur=10
        r1-llm     type=llm in=100 out=10 cost=0.10 start=3
        r1-tool    type=tool tool=search start=4
      w1         type=agent agent=writer start=20 dur=30
        w1-llm     type=llm in=200 out=20 unpriced start=21
        back       type=agent agent=supervisor agg in=999 start=25 dur=5
          back-llm   type=llm in=5 out=5 cost=0.005 start=26
      r2         type=agent agent=research start=60 dur=10
        r2-llm     type=llm in=50 out=5 cost=0.05 start=61
  `));
  const graph = agentGraph(tree);

  it('lists agents in order of appearance with the work they did', () => {
    expect(graph.nodes.map((n) => [n.agent, n.spanCount, n.tokens.inputTokens, n.costUsd, n.unpricedCount])).toEqual([
      ['supervisor', 4, 15, 0.015, 0],
      ['research', 5, 150, 0.15, 0],
      ['writer', 2, 200, 0, 1],
    ]);
  });

  it('has one edge per pair, counting hand-offs and the receiving agent\'s work', () => {
    expect(graph.edges.map((e) => [e.from, e.to, e.count, e.tokens.inputTokens, e.tokens.outputTokens, e.costUsd, e.spanIds])).toEqual([
      ['supervisor', 'research', 2, 150, 15, 0.15, ['r1', 'r2']],
      ['supervisor', 'writer', 1, 200, 20, 0, ['w1']],
      // The aggregate usage on `back` (999) repeats back-llm and is not counted.
      ['writer', 'supervisor', 1, 5, 5, 0.005, ['back']],
    ]);
    expect(graph.edges.find((e) => e.to === 'writer')!.unpricedCount).toBe(1);
  });

  it('lists hand-offs in start order', () => {
    expect(graph.handoffs.map((h) => `${h.from}>${h.to}@${h.spanId}`)).toEqual([
      'supervisor>research@r1',
      'supervisor>writer@w1',
      'writer>supervisor@back',
      'supervisor>research@r2',
    ]);
  });

  it('detects the cycle through the supervisor and the writer', () => {
    expect(graph.cycles).toEqual([['supervisor', 'writer', 'supervisor']]);
  });
});

describe('agentGraph: succession and cycles', () => {
  it.each([
    {
      name: 'agents taking turns under a workflow hand off to each other',
      trace: `
        run type=workflow
          a1 type=agent agent=triage start=1
          b1 type=agent agent=billing start=2
          a2 type=agent agent=triage start=3
      `,
      edges: ['triage>billing×1', 'billing>triage×1'],
      cycles: [['triage', 'billing', 'triage']],
    },
    {
      name: 'the same agent twice in a row is no hand-off',
      trace: `
        run type=workflow
          a1 type=agent agent=triage start=1
          a2 type=agent agent=triage start=2
      `,
      edges: [],
      cycles: [],
    },
    {
      name: 'a chain without a way back has no cycle',
      trace: `
        a type=agent agent=A
          b type=agent agent=B
            c type=agent agent=C
      `,
      edges: ['A>B×1', 'B>C×1'],
      cycles: [],
    },
    {
      name: 'a three-agent loop is one cycle, reported from the first agent seen',
      trace: `
        a type=agent agent=A start=0
          b type=agent agent=B start=1
            c type=agent agent=C start=2
              a2 type=agent agent=A start=3
      `,
      edges: ['A>B×1', 'B>C×1', 'C>A×1'],
      cycles: [['A', 'B', 'C', 'A']],
    },
    {
      name: 'ping-pong A→B→A→B',
      trace: `
        a type=agent agent=A start=0
          b type=agent agent=B start=1
            a2 type=agent agent=A start=2
              b2 type=agent agent=B start=3
      `,
      edges: ['A>B×2', 'B>A×1'],
      cycles: [['A', 'B', 'A']],
    },
    {
      name: 'no agents at all',
      trace: `
        run type=workflow
          call type=llm
      `,
      edges: [],
      cycles: [],
    },
  ])('$name', ({ trace, edges, cycles }) => {
    const graph = agentGraph(buildTree(spansFromText(trace)));
    expect(graph.edges.map((e) => `${e.from}>${e.to}×${e.count}`)).toEqual(edges);
    expect(graph.cycles).toEqual(cycles);
  });

  it('follows start order, not arrival order, for succession', () => {
    const spans = spansFromText(`
      run type=workflow
        x type=agent agent=second start=20
        y type=agent agent=first start=10
    `);
    const graph = agentGraph(buildTree(spans.reverse()));
    expect(graph.handoffs.map((h) => `${h.from}>${h.to}`)).toEqual(['first>second']);
  });
});
