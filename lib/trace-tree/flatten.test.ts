import { describe, expect, it } from 'vitest';
import { buildTree } from './build-tree';
import { filterTree } from './filter';
import { flattenTree, type FlattenOptions } from './flatten';
import { groupRepeatedSiblings } from './sibling-groups';
import { chain, dedent, drawRows, spansFromText } from './test-fixtures';

const TRACE = `
  run     type=workflow
    plan    type=agent agent=planner
      think   type=llm model=m agent=planner
      s1      type=tool tool=search args={"q":1}
      s2      type=tool tool=search args={"q":1}
        inner   type=llm model=m
      s3      type=tool tool=search args={"q":1}
      answer  type=llm model=other
    report  type=tool tool=email status=error
`;

describe('flattenTree', () => {
  const tree = buildTree(spansFromText(TRACE));
  const groupId = [...groupRepeatedSiblings(tree).byId.keys()][0]!;
  const searchFilter = filterTree(tree, { text: 'email' }).visible;

  it.each<{ name: string; options: () => FlattenOptions; expected: string }>([
    {
      name: 'everything open, grouping off',
      options: () => ({ groups: null }),
      expected: `
        run
          plan
            think
            s1
            s2
              inner
            s3
            answer
          report
      `,
    },
    {
      name: 'repeated tool calls folded into one row',
      options: () => ({}),
      expected: `
        run
          plan
            think
            [search ×3]
            answer
          report
      `,
    },
    {
      name: 'an expanded group lists its members one level deeper, with their subtrees',
      options: () => ({ expandedGroups: new Set([groupId]) }),
      expected: `
        run
          plan
            think
            [search ×3]+
              s1
              s2
                inner
              s3
            answer
          report
      `,
    },
    {
      name: 'a collapsed span hides its descendants',
      options: () => ({ collapsed: new Set(['plan']) }),
      expected: `
        run
          plan (collapsed)
          report
      `,
    },
    {
      name: 'a filter keeps matches and their ancestors',
      options: () => ({ filter: searchFilter }),
      expected: `
        run
          report
      `,
    },
  ])('$name', ({ options, expected }) => {
    expect(drawRows(flattenTree(tree, options()))).toBe(dedent(expected));
  });

  it('tags rows with their kind, depth and children', () => {
    const rows = flattenTree(tree, { expandedGroups: new Set([groupId]) });
    const s2 = rows.find((r) => r.id === 's2')!;
    expect(s2).toMatchObject({ kind: 'span', depth: 3, hasChildren: true, collapsed: false, groupId });
    const group = rows.find((r) => r.kind === 'group')!;
    expect(group).toMatchObject({ kind: 'group', id: groupId, depth: 2, expanded: true });
    const think = rows.find((r) => r.id === 'think')!;
    expect(think).toMatchObject({ hasChildren: false, groupId: null });
  });

  it('reports no children for a span whose children are all filtered out', () => {
    const rows = flattenTree(tree, { filter: searchFilter });
    expect(rows.find((r) => r.id === 'run')).toMatchObject({ hasChildren: true });
    expect(rows.find((r) => r.id === 'report')).toMatchObject({ hasChildren: false });
  });

  it('shows a group when only some of its members pass the filter, listing just those', () => {
    const visible = new Set(['run', 'plan', 's2']);
    const rows = flattenTree(tree, { filter: visible, expandedGroups: new Set([groupId]) });
    expect(drawRows(rows)).toBe(dedent(`
      run
        plan
          [search ×3]+
            s2
    `));
  });

  it('flattens a 10,000-deep chain without overflowing the stack', () => {
    const rows = flattenTree(buildTree(chain(10_000)));
    expect(rows).toHaveLength(10_000);
    expect(rows[9999]).toMatchObject({ id: 's9999', depth: 9999 });
  });
});
