import { describe, expect, it } from 'vitest';
import { buildTree } from './build-tree';
import { filterTree, focusSubtree, type TreeFilter } from './filter';
import { makeSpan, spansFromText } from './test-fixtures';

const spans = spansFromText(`
  run       type=workflow
    planner   type=agent agent=Planner
      think     type=llm model=gpt-4o cost=0.30
      look      type=tool tool=Get_Weather
      fail      type=tool tool=search http=502
    coder     type=agent agent=coder
      write     type=llm model=claude-sonnet cost=0.05
      run-tests type=tool tool=pytest status=error
`);
// Attribute values are searchable too.
spans.find((s) => s.spanId === 'write')!.attributes['gen_ai.output.type'] = 'Patch for ISSUE-42';
const tree = buildTree(spans);

describe('filterTree', () => {
  it.each<{ name: string; filter: TreeFilter; matches: string[]; visible: string[] }>([
    { name: 'no criteria matches everything', filter: {}, matches: tree.preorder.map((n) => n.id), visible: tree.preorder.map((n) => n.id) },
    { name: 'by node type', filter: { nodeTypes: ['llm'] }, matches: ['think', 'write'], visible: ['run', 'planner', 'think', 'coder', 'write'] },
    { name: 'several node types', filter: { nodeTypes: ['agent', 'workflow'] }, matches: ['run', 'planner', 'coder'], visible: ['run', 'planner', 'coder'] },
    { name: 'errors only, HTTP failures included', filter: { errorsOnly: true }, matches: ['fail', 'run-tests'], visible: ['run', 'planner', 'fail', 'coder', 'run-tests'] },
    { name: 'tool name, case-insensitive', filter: { toolName: 'get_weather' }, matches: ['look'], visible: ['run', 'planner', 'look'] },
    { name: 'agent name covers the spans working for it', filter: { agentName: 'planner' }, matches: ['planner', 'think', 'look', 'fail'], visible: ['run', 'planner', 'think', 'look', 'fail'] },
    { name: 'minimum own cost', filter: { minCostUsd: 0.1 }, matches: ['think'], visible: ['run', 'planner', 'think'] },
    { name: 'text in a model name', filter: { text: 'SONNET' }, matches: ['write'], visible: ['run', 'coder', 'write'] },
    { name: 'text in an attribute value', filter: { text: 'issue-42' }, matches: ['write'], visible: ['run', 'coder', 'write'] },
    { name: 'text in a span name', filter: { text: 'run-t' }, matches: ['run-tests'], visible: ['run', 'coder', 'run-tests'] },
    { name: 'criteria combine with AND', filter: { agentName: 'coder', errorsOnly: true }, matches: ['run-tests'], visible: ['run', 'coder', 'run-tests'] },
    { name: 'nothing matches', filter: { text: 'no such thing' }, matches: [], visible: [] },
  ])('$name', ({ filter, matches, visible }) => {
    const result = filterTree(tree, filter);
    const inOrder = (set: Set<string>) => tree.preorder.map((n) => n.id).filter((id) => set.has(id));
    expect(inOrder(result.matches)).toEqual(matches);
    expect(inOrder(result.visible)).toEqual(visible);
  });

  it('keeps the ancestors of a match deep in a 10,000-deep chain', () => {
    const chainSpans = Array.from({ length: 10_000 }, (_, i) =>
      makeSpan({ spanId: `s${i}`, parentSpanId: i === 0 ? '' : `s${i - 1}`, name: i === 9999 ? 'needle' : 'hay' }),
    );
    const result = filterTree(buildTree(chainSpans), { text: 'needle' });
    expect([result.matches.size, result.visible.size]).toEqual([1, 10_000]);
  });
});

describe('focusSubtree', () => {
  it('returns the subtree under a span with its totals', () => {
    const focused = focusSubtree(tree, 'coder')!;
    expect(focused.roots.map((r) => r.id)).toEqual(['coder']);
    expect(focused.preorder.map((n) => n.id)).toEqual(['coder', 'write', 'run-tests']);
    expect([focused.totals.spanCount, focused.totals.costUsd, focused.totals.errorCount]).toEqual([3, 0.05, 1]);
    expect(focused.byId.has('think')).toBe(false);
  });

  it('keeps the error origin only when it lies inside the subtree', () => {
    expect(tree.errorOriginId).toBe('fail');
    expect(focusSubtree(tree, 'planner')!.errorOriginId).toBe('fail');
    expect(focusSubtree(tree, 'coder')!.errorOriginId).toBeNull();
  });

  it('returns null for a span that is not in the trace', () => {
    expect(focusSubtree(tree, 'nope')).toBeNull();
  });
});
