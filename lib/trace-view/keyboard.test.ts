import { describe, expect, it } from 'vitest';
import { buildTree, flattenTree } from '@/lib/trace-tree';
import { spansFromText } from '@/lib/trace-tree/test-fixtures';
import { treeKeyAction } from './keyboard';

const tree = buildTree(spansFromText(`
  run type=agent
    a type=llm model=m
    loop type=agent agent=x
      t1 type=tool tool=get args={}
      t2 type=tool tool=get args={}
      t3 type=tool tool=get args={}
`));
// run, a, loop, [get ×3]
const rows = flattenTree(tree);
const groupId = rows[3]!.id;

describe('treeKeyAction', () => {
  it.each([
    ['ArrowDown from the top', 0, 'ArrowDown', { kind: 'select', index: 1 }],
    ['ArrowDown at the bottom does nothing', 3, 'ArrowDown', null],
    ['ArrowUp', 2, 'ArrowUp', { kind: 'select', index: 1 }],
    ['ArrowLeft on an expanded span collapses it', 0, 'ArrowLeft', { kind: 'collapse', id: 'run', group: false }],
    ['ArrowLeft on a leaf goes to the parent', 1, 'ArrowLeft', { kind: 'select', index: 0 }],
    ['ArrowRight on an expanded span goes to its first child', 2, 'ArrowRight', { kind: 'select', index: 3 }],
    ['ArrowRight on a folded group expands it', 3, 'ArrowRight', { kind: 'expand', id: groupId, group: true }],
    ['Enter on a span opens it', 1, 'Enter', { kind: 'open', id: 'a' }],
    ['Enter on a group toggles it', 3, 'Enter', { kind: 'expand', id: groupId, group: true }],
    ['End', 0, 'End', { kind: 'select', index: 3 }],
    ['nothing selected starts at the top', -1, 'ArrowDown', { kind: 'select', index: 0 }],
    ['other keys do nothing', 1, 'x', null],
  ])('%s', (_label, index, key, expected) => {
    expect(treeKeyAction(rows, index, key)).toEqual(expected);
  });

  it('ArrowRight on a collapsed span expands it', () => {
    const collapsedRows = flattenTree(tree, { collapsed: new Set(['loop']) });
    expect(treeKeyAction(collapsedRows, 2, 'ArrowRight')).toEqual({ kind: 'expand', id: 'loop', group: false });
  });

  it('does nothing without rows', () => {
    expect(treeKeyAction([], 0, 'ArrowDown')).toBeNull();
  });
});
