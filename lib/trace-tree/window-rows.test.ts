import { describe, expect, it } from 'vitest';
import { buildTree } from './build-tree';
import { flattenTree } from './flatten';
import { chain } from './test-fixtures';
import { windowRows } from './window-rows';

const rows = flattenTree(buildTree(chain(100)));

describe('windowRows', () => {
  it.each([
    { name: 'everything fits', selected: 10, max: 100, start: 0, count: 100, before: 0, after: 0 },
    { name: 'centred on the selection', selected: 50, max: 10, start: 45, count: 10, before: 45, after: 45 },
    { name: 'selection near the top', selected: 2, max: 10, start: 0, count: 10, before: 0, after: 90 },
    { name: 'selection near the bottom', selected: 98, max: 10, start: 90, count: 10, before: 90, after: 0 },
    { name: 'no selection shows the top', selected: -1, max: 10, start: 0, count: 10, before: 0, after: 90 },
    { name: 'stale selection past the end', selected: 500, max: 10, start: 90, count: 10, before: 90, after: 0 },
    { name: 'NaN selection', selected: Number.NaN, max: 10, start: 0, count: 10, before: 0, after: 90 },
    { name: 'odd window', selected: 50, max: 5, start: 48, count: 5, before: 48, after: 47 },
    { name: 'zero rows allowed', selected: 50, max: 0, start: 50, count: 0, before: 50, after: 50 },
    { name: 'fractional limit floors', selected: 0, max: 3.9, start: 0, count: 3, before: 0, after: 97 },
    { name: 'infinite limit shows all', selected: 0, max: Number.POSITIVE_INFINITY, start: 0, count: 100, before: 0, after: 0 },
  ])('$name', ({ selected, max, start, count, before, after }) => {
    const win = windowRows(rows, selected, max);
    expect({ start: win.start, count: win.rows.length, before: win.hiddenBefore, after: win.hiddenAfter }).toEqual({
      start,
      count,
      before,
      after,
    });
    expect(win.hiddenBefore + win.rows.length + win.hiddenAfter).toBe(rows.length);
    if (count > 0) expect(win.rows[0]!.id).toBe(rows[start]!.id);
  });

  it('contains the selected row whenever rows are shown', () => {
    for (const selected of [0, 1, 33, 67, 99]) {
      const win = windowRows(rows, selected, 7);
      expect(win.rows.map((r) => r.id)).toContain(rows[selected]!.id);
    }
  });

  it('handles an empty list', () => {
    expect(windowRows([], 0, 10)).toEqual({ rows: [], start: 0, hiddenBefore: 0, hiddenAfter: 0 });
  });
});
