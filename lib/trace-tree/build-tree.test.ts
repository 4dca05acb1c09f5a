import { describe, expect, it } from 'vitest';
import { buildTree } from './build-tree';
import { flattenTree } from './flatten';
import { at, chain, dedent, drawRows, makeSpan, spansFromText } from './test-fixtures';
import type { TraceTree } from './types';

const draw = (tree: TraceTree): string => drawRows(flattenTree(tree, { groups: null }));

describe('buildTree: shape', () => {
  const cases: { name: string; spans: () => ReturnType<typeof spansFromText>; expected: string }[] = [
    {
      name: 'children sorted by start time whatever the arrival order',
      spans: () => spansFromText(`
        root start=0 dur=10
          c    start=3
          a    start=1
          b    start=2
      `).reverse(),
      expected: `
        root
          a
          b
          c
      `,
    },
    {
      name: 'ties in start time broken by span id',
      spans: () => spansFromText(`
        root start=0
          zz start=5
          aa start=5
          mm start=5
      `),
      expected: `
        root
          aa
          mm
          zz
      `,
    },
    {
      name: 'several roots ordered by start, orphans among them',
      spans: () => spansFromText(`
        late start=20
        lost start=10 parent=never-arrived
          kid start=11
        early start=0
      `),
      expected: `
        early
        lost
          kid
        late
      `,
    },
  ];
  it.each(cases)('$name', ({ spans, expected }) => {
    expect(draw(buildTree(spans()))).toBe(dedent(expected));
  });
});

describe('buildTree: orphans and malformed parent links', () => {
  it('flags a span whose parent never arrived and keeps the parent id for display', () => {
    const tree = buildTree(spansFromText(`
      root
      lost parent=abc123
    `));
    const lost = tree.byId.get('lost')!;
    expect([lost.orphan, lost.parentId, lost.span.parentSpanId, tree.orphanCount]).toEqual([true, null, 'abc123', 1]);
    expect(tree.byId.get('root')!.orphan).toBe(false);
  });

  it.each([
    { parent: '', orphan: false },
    { parent: '0000000000000000', orphan: false },
    { parent: 'self', orphan: true },
  ])('a root with parent id "$parent" has orphan=$orphan', ({ parent, orphan }) => {
    const tree = buildTree([makeSpan({ spanId: 'self', parentSpanId: parent })]);
    expect(tree.roots.map((r) => [r.id, r.orphan])).toEqual([['self', orphan]]);
  });

  it('cuts a parent-link cycle so no span goes missing', () => {
    const spans = [
      makeSpan({ spanId: 'a', parentSpanId: 'c', startTimeUnixNano: at(2) }),
      makeSpan({ spanId: 'b', parentSpanId: 'a', startTimeUnixNano: at(3) }),
      makeSpan({ spanId: 'c', parentSpanId: 'b', startTimeUnixNano: at(1) }),
      makeSpan({ spanId: 'ok', startTimeUnixNano: at(0) }),
    ];
    const tree = buildTree(spans);
    expect(draw(tree)).toBe(dedent(`
      ok
      c
        a
          b
    `));
    expect(tree.byId.get('c')!).toMatchObject({ orphan: true, parentCycle: true, parentId: null });
    expect(tree.totals.spanCount).toBe(4);
  });
});

describe('buildTree: duplicates', () => {
  it('keeps the first copy of a span delivered twice and counts the rest', () => {
    const first = makeSpan({ spanId: 'x', inputTokens: 10, name: 'first' });
    const retry = makeSpan({ spanId: 'x', inputTokens: 10, name: 'retry' });
    const tree = buildTree([first, retry, retry]);
    expect([tree.preorder.length, tree.duplicatesRemoved, tree.byId.get('x')!.span.name]).toEqual([1, 2, 'first']);
    expect(tree.totals.tokens.inputTokens).toBe(10);
  });

  it('totals stay exact when many duplicates are removed', () => {
    const unique = Array.from({ length: 500 }, (_, i) =>
      makeSpan({
        spanId: `s${i}`,
        parentSpanId: i === 0 ? '' : 's0',
        startTimeUnixNano: at(i),
        nodeType: 'llm',
        inputTokens: 1000 + i,
        outputTokens: 7,
        costUsd: 0.0000013,
        costSource: 'catalog',
      }),
    );
    // Every span delivered three times, interleaved the way retried batches arrive.
    const delivered = [...unique, ...unique.slice().reverse(), ...unique];
    const tree = buildTree(delivered);
    expect(tree.duplicatesRemoved).toBe(1000);
    expect(tree.totals.spanCount).toBe(500);
    expect(tree.totals.tokens.inputTokens).toBe(500 * 1000 + (499 * 500) / 2);
    expect(tree.totals.tokens.outputTokens).toBe(3500);
    expect(tree.totals.costNanoUsd).toBe(650_000);
    expect(tree.totals.costUsd).toBe(0.00065);
    expect(tree.totals.llmCallCount).toBe(500);
  });
});

describe('buildTree: depth, index and times', () => {
  it('sets depth and pre-order index, with each subtree a contiguous slice', () => {
    const tree = buildTree(spansFromText(`
      root
        a
          a1
        b
    `));
    expect(tree.preorder.map((n) => `${n.id}@${n.depth}#${n.index}`)).toEqual(['root@0#0', 'a@1#1', 'a1@2#2', 'b@1#3']);
    const a = tree.byId.get('a')!;
    expect(tree.preorder.slice(a.index, a.index + a.subtree.spanCount).map((n) => n.id)).toEqual(['a', 'a1']);
  });

  it('keeps nanosecond precision in start times that a Number would round together', () => {
    const spans = [
      makeSpan({ spanId: 'root' }),
      makeSpan({ spanId: 'second', parentSpanId: 'root', startTimeUnixNano: '1700000000000000002' }),
      makeSpan({ spanId: 'first', parentSpanId: 'root', startTimeUnixNano: '1700000000000000001' }),
    ];
    const tree = buildTree(spans);
    expect(tree.byId.get('root')!.children.map((c) => c.id)).toEqual(['first', 'second']);
  });

  it('treats a negative duration as an unknown end', () => {
    const tree = buildTree([makeSpan({ spanId: 'x', durationMs: -5 })]);
    const x = tree.byId.get('x')!;
    expect([x.durationNs, x.endNs === x.startNs]).toEqual([null, true]);
  });

  it('builds an empty tree from no spans', () => {
    const tree = buildTree([]);
    expect([tree.roots.length, tree.totals.spanCount, tree.errorOriginId]).toEqual([0, 0, null]);
  });

  it('builds a 10,000-deep chain without overflowing the stack', () => {
    const tree = buildTree(chain(10_000, { nodeType: 'llm', inputTokens: 3, outputTokens: 2, costUsd: 0.0001 }));
    const deepest = tree.byId.get('s9999')!;
    expect(deepest.depth).toBe(9999);
    expect(tree.roots.map((r) => r.id)).toEqual(['s0']);
    expect(tree.roots[0]!.subtree.spanCount).toBe(10_000);
    expect(tree.totals.tokens.inputTokens).toBe(30_000);
    expect(tree.totals.tokens.outputTokens).toBe(20_000);
    expect(tree.totals.costUsd).toBe(1);
    expect(tree.byId.get('s5000')!.subtree.spanCount).toBe(5000);
  });
});
