import { describe, expect, it } from 'vitest';
import { buildTree, flattenTree } from '@/lib/trace-tree';
import { chain, dedent, drawRows, makeSpan, spansFromText } from '@/lib/trace-tree/test-fixtures';
import { EMPTY_FILTER } from './url-state';
import { collapsibleIds, revealSpan, rowWindow, toggled, viewRows, viewTree, windowNotice } from './view-rows';

const TRACE = `
  run type=workflow
    planner type=agent agent=planner
      p1 type=llm model=gpt
      w1 type=tool tool=get_weather args={"c":1}
      w2 type=tool tool=get_weather args={"c":1}
      w3 type=tool tool=get_weather args={"c":1}
    writer type=agent agent=writer
      fail type=tool tool=send status=error
`;

const none = new Set<string>();

describe('viewRows', () => {
  it('groups repeated siblings and lists everything else', () => {
    const view = viewTree(buildTree(spansFromText(TRACE)), null);
    expect(drawRows(viewRows(view, EMPTY_FILTER, none, none).rows)).toBe(dedent(`
      run
        planner
          p1
          [get_weather ×3]
        writer
          fail
    `));
  });

  it('keeps the ancestors of matches and reports the matches', () => {
    const view = viewTree(buildTree(spansFromText(TRACE)), null);
    const { rows, matches } = viewRows(view, { ...EMPTY_FILTER, errorsOnly: true }, none, none);
    expect(drawRows(rows)).toBe(dedent(`
      run
        writer
          fail
    `));
    expect([...(matches ?? [])]).toEqual(['fail']);
  });

  it('focuses on a subtree, and ignores an unknown focus', () => {
    const tree = buildTree(spansFromText(TRACE));
    expect(drawRows(viewRows(viewTree(tree, 'writer'), EMPTY_FILTER, none, none).rows)).toBe('writer\n  fail');
    const unknown = viewTree(tree, 'nope');
    expect(unknown.focused).toBe(false);
    expect(viewRows(unknown, EMPTY_FILTER, none, none).rows).toHaveLength(6);
  });
});

describe('revealSpan', () => {
  it('expands the group and un-collapses the ancestors of a hidden span', () => {
    const view = viewTree(buildTree(spansFromText(TRACE)), null);
    const collapsed = new Set(['run', 'planner']);
    const revealed = revealSpan(view.tree, view.groups, 'w2', collapsed, none);
    expect([...revealed.collapsed]).toEqual([]);
    expect(revealed.expandedGroups.size).toBe(1);
    const rows = flattenTree(view.tree, { collapsed: revealed.collapsed, expandedGroups: revealed.expandedGroups, groups: view.groups });
    expect(rows.some((row) => row.id === 'w2')).toBe(true);
  });

  it('returns the same sets when nothing changes, and keeps the span itself collapsed', () => {
    const view = viewTree(buildTree(spansFromText(TRACE)), null);
    const collapsed = new Set(['writer']);
    const revealed = revealSpan(view.tree, view.groups, 'writer', collapsed, none);
    expect(revealed.collapsed).toBe(collapsed);
    expect(revealed.expandedGroups).toBe(none);
  });
});

describe('collapsibleIds and toggled', () => {
  it('lists spans with children', () => {
    expect([...collapsibleIds(buildTree(spansFromText(TRACE)))].sort()).toEqual(['planner', 'run', 'writer']);
  });

  it('returns the same set when already in the wanted state', () => {
    const set = new Set(['a']);
    expect(toggled(set, 'a', true)).toBe(set);
    expect([...toggled(set, 'a', false)]).toEqual([]);
  });
});

describe('window over many rows', () => {
  it('shows everything below the limit, with no notice', () => {
    const rows = flattenTree(buildTree(chain(10)));
    const window = rowWindow(rows, 0, 20);
    expect(window.rows).toHaveLength(10);
    expect(windowNotice(window, rows.length)).toBeNull();
  });

  it('windows around the anchor and says how many rows are hidden on each side', () => {
    const spans = [makeSpan({ spanId: 'root' })];
    for (let i = 0; i < 12_344; i++) spans.push(makeSpan({ spanId: `c${i}`, parentSpanId: 'root', name: `step ${i}` }));
    const rows = flattenTree(buildTree(spans), { groups: null });
    const window = rowWindow(rows, 4_500, 5_000);
    expect(window.start).toBe(2_000);
    expect(windowNotice(window, rows.length)).toBe('Showing rows 2,001–7,000 of 12,345; 2,000 before, 5,345 after');
  });
});
