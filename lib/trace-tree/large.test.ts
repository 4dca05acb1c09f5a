/**
 * Large traces: correctness at 10,000 spans (totals equal the sum of the inputs), not timing. Linear or
 * n log n algorithms finish these in milliseconds; a quadratic slip or a recursive walk shows up as a timeout
 * or a stack overflow.
 */
import { describe, expect, it } from 'vitest';
import type { ApiSpan } from '@/lib/span/api-types';
import { agentGraph } from './agent-graph';
import { buildTree } from './build-tree';
import { filterTree } from './filter';
import { flattenTree } from './flatten';
import { at, chain, makeSpan } from './test-fixtures';

/** 10,000 spans: a root, 99 agents under it, 100 children each (llm or tool), arrival order shuffled. */
function wideTrace(): ApiSpan[] {
  const spans: ApiSpan[] = [makeSpan({ spanId: 'root', nodeType: 'workflow', durationMs: 100_000 })];
  for (let a = 0; a < 99; a++) {
    spans.push(makeSpan({ spanId: `a${a}`, parentSpanId: 'root', nodeType: 'agent', agentName: `agent-${a % 7}`, startTimeUnixNano: at(a * 1000) }));
    for (let c = 0; c < 100; c++) {
      const i = a * 100 + c;
      const llm = c % 3 !== 0;
      spans.push(makeSpan({
        spanId: `c${i}`,
        parentSpanId: `a${a}`,
        nodeType: llm ? 'llm' : 'tool',
        requestModel: llm ? `model-${c % 4}` : '',
        toolName: llm ? '' : `tool-${c % 5}`,
        startTimeUnixNano: at(a * 1000 + c),
        inputTokens: llm ? 100 + (i % 997) : 0,
        outputTokens: llm ? i % 101 : 0,
        cacheReadTokens: llm ? i % 13 : 0,
        costUsd: llm && i % 17 !== 0 ? (i % 1000) * 0.0000001 : null,
        costSource: !llm ? 'none' : i % 17 !== 0 ? 'catalog' : 'unpriced',
        statusCode: i % 250 === 0 ? 'error' : 'unset',
      }));
    }
  }
  // A deterministic shuffle: arrival order must not matter.
  let seed = 42;
  for (let i = spans.length - 1; i > 0; i--) {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    const j = seed % (i + 1);
    [spans[i], spans[j]] = [spans[j]!, spans[i]!];
  }
  return spans;
}

function expectedTotals(spans: readonly ApiSpan[]) {
  let input = 0;
  let output = 0;
  let cacheRead = 0;
  let costNano = 0;
  let unpriced = 0;
  let errors = 0;
  for (const s of spans) {
    input += s.inputTokens;
    output += s.outputTokens;
    cacheRead += s.cacheReadTokens;
    if (s.costUsd !== null) costNano += Math.round(s.costUsd * 1e9);
    if (s.costSource === 'unpriced') unpriced++;
    if (s.statusCode === 'error') errors++;
  }
  return { input, output, cacheRead, costUsd: costNano / 1e9, unpriced, errors };
}

describe('large traces', () => {
  const spans = wideTrace();
  const tree = buildTree(spans);

  it('builds and rolls up 10,000 spans with totals equal to the sum of the inputs', () => {
    const expected = expectedTotals(spans);
    expect(tree.preorder).toHaveLength(10_000);
    expect(tree.totals.spanCount).toBe(10_000);
    expect(tree.totals.tokens.inputTokens).toBe(expected.input);
    expect(tree.totals.tokens.outputTokens).toBe(expected.output);
    expect(tree.totals.tokens.cacheReadTokens).toBe(expected.cacheRead);
    expect(tree.totals.costUsd).toBe(expected.costUsd);
    expect(tree.totals.unpricedCount).toBe(expected.unpriced);
    expect(tree.totals.errorCount).toBe(expected.errors);
    expect(tree.totals.llmCallCount).toBe(66 * 99);
    expect(tree.totals.toolCallCount).toBe(34 * 99);
    // The sum over the agents' subtrees is the root's subtree minus the root itself.
    const agentSum = tree.byId.get('root')!.children.reduce((sum, a) => sum + a.subtree.tokens.inputTokens, 0);
    expect(agentSum).toBe(expected.input);
  });

  it('flattens all 10,000 rows in pre-order with grouping off, and fewer with loops folded', () => {
    const rows = flattenTree(tree, { groups: null });
    expect(rows).toHaveLength(10_000);
    expect(rows.map((r) => r.id)).toEqual(tree.preorder.map((n) => n.id));
    expect(rows.filter((r) => r.depth === 2)).toHaveLength(9900);
    const folded = flattenTree(tree);
    const groups = folded.filter((r) => r.kind === 'group');
    const hidden = groups.reduce((sum, r) => sum + (r.kind === 'group' ? r.group.count : 0), 0);
    expect(folded.length).toBe(10_000 - hidden + groups.length);
    expect(groups.length).toBeGreaterThan(0);
  });

  it('collapsing every agent leaves the root and its 99 agents', () => {
    const collapsed = new Set(tree.byId.get('root')!.children.map((a) => a.id));
    expect(flattenTree(tree, { collapsed })).toHaveLength(100);
  });

  it('filters, and builds the agent graph, over the whole trace', () => {
    const { matches, visible } = filterTree(tree, { errorsOnly: true });
    expect(matches.size).toBe(expectedTotals(spans).errors);
    expect(visible.has('root')).toBe(true);
    const graph = agentGraph(tree);
    expect(graph.nodes.reduce((sum, n) => sum + n.spanCount, 0)).toBe(9_999);
    expect(graph.nodes.reduce((sum, n) => sum + n.tokens.inputTokens, 0)).toBe(expectedTotals(spans).input);
  });

  it('builds, rolls up and flattens a 10,000-deep chain', () => {
    const deep = chain(10_000, { nodeType: 'tool', outputTokens: 1, costUsd: 0.000001, costSource: 'reported' });
    const deepTree = buildTree(deep);
    expect(deepTree.totals.tokens.outputTokens).toBe(10_000);
    expect(deepTree.totals.costUsd).toBe(0.01);
    expect(deepTree.byId.get('s0')!.subtree.toolCallCount).toBe(10_000);
    const rows = flattenTree(deepTree);
    expect(rows.map((r) => r.depth)).toEqual(Array.from({ length: 10_000 }, (_, i) => i));
  });
});
