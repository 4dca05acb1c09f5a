import { describe, expect, it } from 'vitest';
import { buildTree, flattenTree, type GroupRow, type SpanRow } from '@/lib/trace-tree';
import { makeSpan, spansFromText } from '@/lib/trace-tree/test-fixtures';
import { groupHoldsAny, groupRowView, memberBarsCss, spanRowView } from './row-view';

const tree = buildTree(spansFromText(`
  run type=agent agent=planner status=ok start=0 dur=100 in=999 out=1 agg
    call type=llm model=gpt-4o in=100 out=20 cost=0.5 start=0 dur=10
    writer type=agent agent=writer svc=other start=10 dur=50
      t1 type=tool tool=get args={"city":"Paris"} http=503 start=10 dur=10
      t2 type=tool tool=get args={"city":"Paris"} start=30 dur=10
      t3 type=tool tool=get args={"city":"Paris"} start=50 dur=10
    free type=llm model=mystery in=10 out=1 unpriced start=70 dur=5
`));
const window = { startNs: tree.totals.startNs, endNs: tree.totals.endNs };
const rows = flattenTree(tree);
const spanRow = (id: string) => rows.find((row): row is SpanRow => row.kind === 'span' && row.id === id)!;

describe('spanRowView', () => {
  it('shows aggregate usage struck through, and the subtree totals', () => {
    const view = spanRowView(spanRow('run'), window);
    expect(view).toMatchObject({
      ownTokensLabel: '1.0k',
      ownTokensAggregate: true,
      subtreeTokensLabel: '131',
      ownCostLabel: '',
      subtreeCostLabel: '$0.500 + 1 unpriced',
      hidesChildError: true,
      onErrorPath: true,
      barLeftPct: 0,
      barWidthPct: 100,
    });
  });

  it('describes a model call and an unpriced one', () => {
    expect(spanRowView(spanRow('call'), window)).toMatchObject({ model: 'gpt-4o', ownCostLabel: '$0.500', subtreeCostLabel: '', ownTokensLabel: '120' });
    expect(spanRowView(spanRow('free'), window)).toMatchObject({ ownCostLabel: 'unpriced' });
  });

  it('marks agent and service boundaries', () => {
    expect(spanRowView(spanRow('writer'), window)).toMatchObject({ agentBoundary: 'writer', serviceBoundary: 'other' });
    expect(spanRowView(spanRow('call'), window)).toMatchObject({ agentBoundary: '', serviceBoundary: '' });
  });

  it('marks a hand-off between agents that succeed one another', () => {
    const flow = buildTree(spansFromText(`
      wf type=workflow
        a1 type=agent agent=triage
        b1 type=agent agent=billing
    `));
    const b1 = flattenTree(flow).find((row): row is SpanRow => row.kind === 'span' && row.id === 'b1')!;
    const flowWindow = { startNs: flow.totals.startNs, endNs: flow.totals.endNs };
    expect(spanRowView(b1, flowWindow).agentBoundary).toBe('');
    expect(spanRowView(b1, flowWindow, new Set(['b1'])).agentBoundary).toBe('billing');
  });

  it('names the parent a span points to when the trace does not hold it', () => {
    const partial = buildTree(spansFromText(`
      root type=agent agent=a
        child type=llm model=gpt-4o
      late type=tool tool=get parent=gone
    `));
    const view = (id: string) => {
      const row = flattenTree(partial).find((r): r is SpanRow => r.kind === 'span' && r.id === id)!;
      return spanRowView(row, { startNs: partial.totals.startNs, endNs: partial.totals.endNs });
    };
    expect(view('late')).toMatchObject({ missingParentId: 'gone', depth: 0 });
    expect(view('root').missingParentId).toBe('');
    expect(view('child').missingParentId).toBe('');
    expect(partial.orphanCount).toBe(1);
  });

  it('summarises a failed tool call', () => {
    const expanded = flattenTree(tree, { expandedGroups: new Set(rows.filter((r) => r.kind === 'group').map((r) => r.id)) });
    const t1 = expanded.find((row): row is SpanRow => row.kind === 'span' && row.id === 't1')!;
    expect(spanRowView(t1, window)).toMatchObject({
      toolName: 'get',
      toolArgs: 'city=Paris',
      toolStatusLabel: 'HTTP 503',
      toolStatusError: true,
      errorOrigin: true,
      isGroupMember: true,
    });
  });

  it('never produces NaN bars for a zero-length trace', () => {
    const single = buildTree([makeSpan({ spanId: 'a', durationMs: 0 })]);
    const view = spanRowView(flattenTree(single)[0] as SpanRow, { startNs: single.totals.startNs, endNs: single.totals.endNs });
    expect(Number.isFinite(view.barLeftPct) && Number.isFinite(view.barWidthPct)).toBe(true);
  });
});

describe('groupRowView', () => {
  const group = rows.find((row): row is GroupRow => row.kind === 'group')!;

  it('summarises the group and spans its members', () => {
    const view = groupRowView(group, window);
    expect(view).toMatchObject({ count: 3, nodeType: 'tool', errorCount: 1, truncatedCount: 0, label: 'get ×3', summary: 'get ×3 · 30 ms', durationLabel: '30 ms', barLeftPct: 10, barWidthPct: 50 });
  });

  it('counts members cut off at their token limit', () => {
    const looped = buildTree([
      makeSpan({ spanId: 'r', nodeType: 'agent', agentName: 'a' }),
      ...['c1', 'c2', 'c3', 'c4', 'c5', 'c6'].map((spanId, i) =>
        makeSpan({ spanId, parentSpanId: 'r', nodeType: 'llm', requestModel: 'm', finishReasons: [i === 2 ? 'length' : 'stop'] }),
      ),
    ]);
    const groupRow = flattenTree(looped).find((row): row is GroupRow => row.kind === 'group')!;
    expect(groupRowView(groupRow, { startNs: looped.totals.startNs, endNs: looped.totals.endNs }).truncatedCount).toBe(1);
  });

  it('draws each member inside the group bar', () => {
    const css = memberBarsCss(group, 10, 50, window, 'red');
    expect(css).toBe(
      'linear-gradient(90deg, transparent 0.00%, red 0.00%, red 20.00%, transparent 20.00%, ' +
        'transparent 40.00%, red 40.00%, red 60.00%, transparent 60.00%, ' +
        'transparent 80.00%, red 80.00%, red 100.00%, transparent 100.00%)',
    );
    expect(memberBarsCss(group, 0, 0, window)).toBe('none');
  });
});

describe('groupHoldsAny', () => {
  const tree = buildTree([
    makeSpan({ spanId: 'r', nodeType: 'agent', agentName: 'a' }),
    ...['t1', 't2', 't3'].map((spanId) =>
      makeSpan({ spanId, parentSpanId: 'r', nodeType: 'tool', toolName: 'get_weather', toolArgumentsPreview: '{"city":"Paris"}' }),
    ),
  ]);
  const groupRow = flattenTree(tree).find((row): row is GroupRow => row.kind === 'group')!;

  it.each([
    [[], false],
    [['t2'], true],
    [['r'], false],
    [['x', 't3'], true],
  ])('highlight %j → %s', (ids, held) => {
    expect(groupHoldsAny(groupRow.group, new Set(ids))).toBe(held);
  });
});
