import { describe, expect, it } from 'vitest';
import { buildTree } from './build-tree';
import { groupRepeatedSiblings, ROOT_PARENT_KEY } from './sibling-groups';
import { BASE_NS, spansFromText } from './test-fixtures';

/** An agent that calls get_weather 12 times for Paris (not all in a row), plus two calls for Lyon. */
function weatherLoop(): string {
  const lines = ['agent type=agent agent=assistant start=0 dur=1000'];
  for (let i = 0; i < 12; i++) {
    const status = i === 11 ? ' status=error' : '';
    lines.push(`  w${i} type=tool tool=get_weather args={"city":"Paris"} cost=0.07 start=${10 + i * 10} dur=4${status}`);
    if (i === 3 || i === 7) lines.push(`  lyon${i} type=tool tool=get_weather args={"city":"Lyon"} start=${15 + i * 10}`);
  }
  return lines.join('\n');
}

describe('groupRepeatedSiblings', () => {
  it('folds 12 identical tool calls into one group with their totals', () => {
    const tree = buildTree(spansFromText(weatherLoop()));
    const groups = groupRepeatedSiblings(tree);
    const list = groups.byParent.get('agent')!;
    expect(list).toHaveLength(1);
    const group = list[0]!;
    expect(group).toMatchObject({ kind: 'tool', label: 'get_weather', count: 12, errorCount: 1, unpricedCount: 0 });
    expect(group.costUsd).toBe(0.84);
    expect(group.durationNs).toBe(48_000_000);
    expect(group.firstStartNs - BASE_NS).toBe(10_000_000n);
    expect(group.lastStartNs - BASE_NS).toBe(120_000_000n);
    expect(group.members.map((m) => m.id)).toEqual(Array.from({ length: 12 }, (_, i) => `w${i}`));
    expect(groups.byMember.get('w5')).toBe(group);
    expect(groups.byMember.has('lyon3')).toBe(false);
  });

  it.each([
    { repeats: 2, minCount: 3, grouped: false },
    { repeats: 3, minCount: 3, grouped: true },
    { repeats: 4, minCount: 5, grouped: false },
    { repeats: 5, minCount: 5, grouped: true },
    { repeats: 2, minCount: 2, grouped: true },
    // A threshold below 2 would make every single call a "group".
    { repeats: 1, minCount: 1, grouped: false },
  ])('$repeats repeats with threshold $minCount → grouped=$grouped', ({ repeats, minCount, grouped }) => {
    const lines = ['root'];
    for (let i = 0; i < repeats; i++) lines.push(`  c${i} type=tool tool=get_weather args={"city":"Paris"}`);
    const groups = groupRepeatedSiblings(buildTree(spansFromText(lines.join('\n'))), { minCount });
    expect(groups.byMember.has('c0')).toBe(grouped);
  });

  it.each([
    { type: 'tool', repeats: 3, grouped: true },
    { type: 'llm', repeats: 3, grouped: false },
    { type: 'llm', repeats: 5, grouped: false },
    { type: 'llm', repeats: 6, grouped: true },
  ])('by default $repeats $type calls → grouped=$grouped (model calls fold later than tool calls)', ({ type, repeats, grouped }) => {
    const lines = ['root'];
    for (let i = 0; i < repeats; i++) lines.push(`  c${i} type=${type} tool=t args={} model=gpt-4o agent=a`);
    expect(groupRepeatedSiblings(buildTree(spansFromText(lines.join('\n')))).byMember.has('c0')).toBe(grouped);
  });

  it('groups repeated model calls by model and agent, with the tokens of their subtrees', () => {
    const tree = buildTree(spansFromText(`
      root type=workflow
        m1 type=llm model=gpt-4o agent=a in=10 out=1
        m2 type=llm model=gpt-4o agent=a in=10 out=1
        x  type=llm model=gpt-4o agent=b in=99
        m3 type=llm model=gpt-4o agent=a in=10 out=1 unpriced
    `));
    const [group] = groupRepeatedSiblings(tree, { minModelCount: 3 }).byParent.get('root')!;
    expect(group).toMatchObject({ kind: 'llm', label: 'gpt-4o', count: 3, unpricedCount: 1 });
    expect(group!.tokens.inputTokens).toBe(30);
    expect(group!.tokens.outputTokens).toBe(3);
  });

  it('groups repeated root spans under the root key', () => {
    const tree = buildTree(spansFromText(`
      a type=tool tool=ping
      b type=tool tool=ping
      c type=tool tool=ping
    `));
    const groups = groupRepeatedSiblings(tree);
    expect(groups.byParent.get(ROOT_PARENT_KEY)![0]!.count).toBe(3);
    expect(groups.byParent.get(ROOT_PARENT_KEY)![0]!.parentId).toBeNull();
  });

  it('gives a group the same id when the trace is rebuilt from spans in another order', () => {
    const spans = spansFromText(weatherLoop());
    const id1 = [...groupRepeatedSiblings(buildTree(spans)).byId.keys()];
    const id2 = [...groupRepeatedSiblings(buildTree(spans.slice().reverse())).byId.keys()];
    expect(id1).toHaveLength(1);
    expect(id1).toEqual(id2);
    expect(id1[0]!.startsWith('agent:')).toBe(true);
  });

  it('does not group the same tool call under different parents', () => {
    const tree = buildTree(spansFromText(`
      root
        p1
          a type=tool tool=t
          b type=tool tool=t
        p2
          c type=tool tool=t
    `));
    expect(groupRepeatedSiblings(tree).byId.size).toBe(0);
  });
});
