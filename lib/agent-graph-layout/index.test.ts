import { describe, expect, it } from 'vitest';
import type { AgentGraph, AgentGraphEdge, AgentGraphNode } from '@/lib/trace-tree';
import { cycleEdgeKeys, cycleNote, edgeKey, layoutAgentGraph, shortLabel } from './index';

const tokens = { inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0, reasoningTokens: 0 };
const node = (agent: string): AgentGraphNode => ({ agent, spanCount: 1, tokens, costUsd: 0, unpricedCount: 0 });
const edge = (from: string, to: string, count = 1): AgentGraphEdge => ({
  from,
  to,
  count,
  tokens,
  costUsd: 0,
  unpricedCount: 0,
  spanIds: [],
});
const graphOf = (agents: string[], edges: AgentGraphEdge[] = [], cycles: string[][] = []): AgentGraph => ({
  nodes: agents.map(node),
  edges,
  handoffs: [],
  cycles,
});

function numbers(path: string): number[] {
  return path.match(/-?\d+(?:\.\d+)?/g)!.map(Number);
}

describe('layoutAgentGraph', () => {
  it('draws nothing for no agents', () => {
    expect(layoutAgentGraph(graphOf([]))).toEqual({ width: 0, height: 0, nodes: [], edges: [], cycleNotes: [] });
  });

  it('centres a single agent inside the margin', () => {
    const layout = layoutAgentGraph(graphOf(['solo']), { nodeWidth: 100, nodeHeight: 40, margin: 10 });
    expect(layout.nodes).toMatchObject([{ agent: 'solo', x: 60, y: 30 }]);
    expect([layout.width, layout.height]).toEqual([120, 60]);
  });

  it('puts the first agent at the top and the next ones clockwise', () => {
    const layout = layoutAgentGraph(graphOf(['a', 'b', 'c']));
    const [a, b, c] = layout.nodes;
    expect(a!.y).toBeLessThan(b!.y);
    expect(b!.y).toBeCloseTo(c!.y, 5);
    expect(b!.x).toBeGreaterThan(a!.x);
    expect(c!.x).toBeLessThan(a!.x);
  });

  it('stacks two agents vertically, narrow enough for a sidebar', () => {
    const layout = layoutAgentGraph(graphOf(['a', 'b'], [edge('a', 'b'), edge('b', 'a')]));
    expect(layout.nodes[0]!.x).toBe(layout.nodes[1]!.x);
    expect(layout.width).toBeLessThan(320);
  });

  it.each([2, 3, 5, 8, 12, 20, 40])('keeps %i boxes apart and inside the drawing', (count) => {
    const agents = Array.from({ length: count }, (_, i) => `agent-${i}`);
    const layout = layoutAgentGraph(graphOf(agents));
    for (const [i, p] of layout.nodes.entries()) {
      expect(p.x - p.width / 2).toBeGreaterThanOrEqual(0);
      expect(p.y - p.height / 2).toBeGreaterThanOrEqual(0);
      expect(p.x + p.width / 2).toBeLessThanOrEqual(layout.width);
      expect(p.y + p.height / 2).toBeLessThanOrEqual(layout.height);
      for (const q of layout.nodes.slice(i + 1)) {
        const apart = Math.abs(p.x - q.x) >= p.width + 8 || Math.abs(p.y - q.y) >= p.height + 8;
        expect(apart, `${p.agent} and ${q.agent} overlap`).toBe(true);
      }
    }
  });

  it('bows two opposite edges apart so both are visible', () => {
    const layout = layoutAgentGraph(graphOf(['triage', 'billing'], [edge('triage', 'billing', 3), edge('billing', 'triage', 2)]));
    const [there, back] = layout.edges;
    // The downward edge bows one way, the upward one the other: their midpoints are well apart.
    expect(Math.abs(there!.labelX - back!.labelX)).toBeGreaterThan(40);
  });

  it('starts each curve on its source box and ends the arrow on the target box', () => {
    const layout = layoutAgentGraph(graphOf(['a', 'b'], [edge('a', 'b')]), { nodeWidth: 100, nodeHeight: 40 });
    const [a, b] = layout.nodes;
    const [, startY] = numbers(layout.edges[0]!.path);
    const [, tipY] = numbers(layout.edges[0]!.arrow);
    // a sits above b: the curve leaves a's bottom edge and the arrow touches b's top edge.
    expect(startY).toBeGreaterThan(a!.y + 20 - 1);
    expect(startY).toBeLessThan(a!.y + 20 + 5);
    expect(tipY).toBeLessThan(b!.y - 20 + 1);
    expect(tipY).toBeGreaterThan(b!.y - 20 - 6);
  });

  it('thickens busy edges and marks the cycle edges and agents', () => {
    const layout = layoutAgentGraph(
      graphOf(['a', 'b', 'c'], [edge('a', 'b', 1), edge('b', 'a', 8), edge('b', 'c', 1)], [['a', 'b', 'a']]),
    );
    expect(layout.edges.map((e) => [e.from, e.to, e.inCycle])).toEqual([
      ['a', 'b', true],
      ['b', 'a', true],
      ['b', 'c', false],
    ]);
    expect(layout.edges[1]!.strokeWidth).toBeGreaterThan(layout.edges[0]!.strokeWidth);
    expect(layout.nodes.map((n) => n.inCycle)).toEqual([true, true, false]);
    expect(layout.cycleNotes).toEqual(['cycle: a → b → a']);
  });

  it('skips edges to agents it does not know and self-loops', () => {
    expect(layoutAgentGraph(graphOf(['a'], [edge('a', 'ghost'), edge('a', 'a')])).edges).toEqual([]);
  });

  it('never produces NaN', () => {
    const layout = layoutAgentGraph(graphOf(['a', 'b', 'c', 'd'], [edge('a', 'c'), edge('c', 'a'), edge('b', 'd')]));
    for (const e of layout.edges) {
      expect(numbers(e.path).every(Number.isFinite)).toBe(true);
      expect(numbers(e.arrow).every(Number.isFinite)).toBe(true);
    }
    expect(Number.isFinite(layout.width) && Number.isFinite(layout.height)).toBe(true);
  });
});

describe('helpers', () => {
  it('turns cycles into edge keys and notes', () => {
    expect(cycleEdgeKeys([['a', 'b', 'c', 'a']])).toEqual(new Set([edgeKey('a', 'b'), edgeKey('b', 'c'), edgeKey('c', 'a')]));
    expect(cycleNote(['planner', 'coder', 'planner'])).toBe('cycle: planner → coder → planner');
  });

  it('shortens long names with an ellipsis', () => {
    expect(shortLabel('short')).toBe('short');
    expect(shortLabel('a-very-long-agent-name-indeed', 10)).toBe('a-very-lo…');
  });
});
