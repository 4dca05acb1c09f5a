import { describe, expect, it } from 'vitest';
import { buildTree } from './build-tree';
import { flattenTree } from './flatten';
import { firstChildRow, nextRow, parentRow, prevRow, rowIndexOf } from './navigation';
import { spansFromText } from './test-fixtures';

/**
 * rows: 0 run / 1 a / 2 a1 / 3 [t ×3]+ / 4 t1 / 5 t2 / 6 t3 / 7 b
 */
const tree = buildTree(spansFromText(`
  run
    a
      a1
    t1 type=tool tool=t
    t2 type=tool tool=t
    t3 type=tool tool=t
    b
`));
const groupId = flattenTree(tree).find((r) => r.kind === 'group')!.id;
const rows = flattenTree(tree, { expandedGroups: new Set([groupId]) });

describe('keyboard navigation', () => {
  it('sees the rows the test expects', () => {
    expect(rows.map((r) => r.id)).toEqual(['run', 'a', 'a1', groupId, 't1', 't2', 't3', 'b']);
  });

  it.each([
    { fn: 'next', from: 0, to: 1 },
    { fn: 'next', from: 7, to: 7 },
    { fn: 'next', from: -1, to: 0 },
    { fn: 'next', from: 99, to: 7 },
    { fn: 'prev', from: 3, to: 2 },
    { fn: 'prev', from: 0, to: 0 },
    { fn: 'prev', from: -1, to: 0 },
    { fn: 'parent', from: 2, to: 1 },
    { fn: 'parent', from: 5, to: 3 },
    { fn: 'parent', from: 3, to: 0 },
    { fn: 'parent', from: 7, to: 0 },
    { fn: 'parent', from: 0, to: 0 },
    { fn: 'firstChild', from: 0, to: 1 },
    { fn: 'firstChild', from: 1, to: 2 },
    { fn: 'firstChild', from: 2, to: 2 },
    { fn: 'firstChild', from: 3, to: 4 },
    { fn: 'firstChild', from: 7, to: 7 },
  ])('$fn from row $from → row $to', ({ fn, from, to }) => {
    const move = { next: nextRow, prev: prevRow, parent: parentRow, firstChild: firstChildRow }[fn]!;
    expect(move(rows, from)).toBe(to);
  });

  it.each([nextRow, prevRow, parentRow, firstChildRow])('returns -1 when there are no rows (%o)', (move) => {
    expect(move([], 0)).toBe(-1);
  });

  it('finds a row by span or group id', () => {
    expect([rowIndexOf(rows, 'b'), rowIndexOf(rows, groupId), rowIndexOf(rows, 'nope')]).toEqual([7, 3, -1]);
  });
});
