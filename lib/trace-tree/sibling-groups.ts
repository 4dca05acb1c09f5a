/**
 * Repeated siblings: children of one parent that share a signature (the same tool with the same arguments, or
 * the same agent calling the same model) fold into one group once there are `minCount` of them, whether or not
 * they are consecutive. A loop of 12 identical calls then reads as one row, "get_weather ×12, $0.84", instead of
 * pushing the rest of the trace off the screen. One pass over the nodes with a map per parent: O(n).
 */
import { addTokens, nanoToUsd, zeroTokens } from './rollup';
import { hashString, modelLabel, toolLabel } from './signature';
import type { SiblingGroup, SiblingGroups, TraceNode, TraceTree } from './types';

/** Key of the roots' "parent" in `SiblingGroups.byParent`. */
export const ROOT_PARENT_KEY = '';

export const DEFAULT_GROUP_MIN_COUNT = 3;
/**
 * Model calls fold later than tool calls: in every healthy agent loop one agent calls the same model between its
 * tool calls, and folding three of them would hide the order of a normal run. The same tool with the same
 * arguments three times is already worth a look.
 */
export const DEFAULT_MODEL_GROUP_MIN_COUNT = 6;

export interface GroupOptions {
  /** Fewest identical tool calls that fold into a group (at least 2). */
  minCount?: number;
  /** Fewest calls of one model by one agent that fold into a group (at least 2). */
  minModelCount?: number;
}

function makeGroup(id: string, parentId: string | null, signature: string, members: TraceNode[]): SiblingGroup {
  const first = members[0]!;
  const tokens = zeroTokens();
  let costNano = 0;
  let durationNs = 0;
  let unpricedCount = 0;
  let errorCount = 0;
  for (const member of members) {
    addTokens(tokens, member.subtree.tokens);
    costNano += member.subtree.costNanoUsd;
    durationNs += member.durationNs ?? 0;
    unpricedCount += member.subtree.unpricedCount;
    errorCount += member.subtree.errorCount;
  }
  const kind = first.span.nodeType === 'tool' ? 'tool' : 'llm';
  return {
    id,
    parentId,
    kind,
    label: kind === 'tool' ? toolLabel(first.span) : modelLabel(first.span),
    signature,
    members,
    count: members.length,
    durationNs,
    tokens,
    costUsd: nanoToUsd(costNano),
    unpricedCount,
    errorCount,
    firstStartNs: first.startNs,
    lastStartNs: members[members.length - 1]!.startNs,
  };
}

function groupsOfSiblings(
  parentId: string | null,
  siblings: readonly TraceNode[],
  minCount: number,
  minModelCount: number,
): SiblingGroup[] {
  const bySignature = new Map<string, TraceNode[]>();
  for (const node of siblings) {
    if (node.signature === null) continue;
    const list = bySignature.get(node.signature);
    if (list) list.push(node);
    else bySignature.set(node.signature, [node]);
  }
  const groups: SiblingGroup[] = [];
  const usedIds = new Set<string>();
  for (const [signature, members] of bySignature) {
    const needed = members[0]?.span.nodeType === 'tool' ? minCount : minModelCount;
    if (members.length < needed) continue;
    const base = `${parentId ?? 'root'}:${hashString(signature)}`;
    // Two signatures under one parent hashing alike is unlikely but must not merge two groups' expand state.
    let id = base;
    for (let n = 2; usedIds.has(id); n++) id = `${base}~${n}`;
    usedIds.add(id);
    groups.push(makeGroup(id, parentId, signature, members));
  }
  return groups;
}

export function groupRepeatedSiblings(tree: TraceTree, options: GroupOptions = {}): SiblingGroups {
  const minCount = Math.max(2, Math.floor(options.minCount ?? DEFAULT_GROUP_MIN_COUNT));
  const minModelCount = Math.max(2, Math.floor(options.minModelCount ?? DEFAULT_MODEL_GROUP_MIN_COUNT));
  const fewest = Math.min(minCount, minModelCount);
  const byParent = new Map<string, SiblingGroup[]>();
  const byMember = new Map<string, SiblingGroup>();
  const byId = new Map<string, SiblingGroup>();
  const add = (key: string, parentId: string | null, siblings: readonly TraceNode[]): void => {
    if (siblings.length < fewest) return;
    const groups = groupsOfSiblings(parentId, siblings, minCount, minModelCount);
    if (groups.length === 0) return;
    byParent.set(key, groups);
    for (const group of groups) {
      byId.set(group.id, group);
      for (const member of group.members) byMember.set(member.id, group);
    }
  };
  add(ROOT_PARENT_KEY, null, tree.roots);
  for (const node of tree.preorder) add(node.id, node.id, node.children);
  return { byParent, byMember, byId };
}

export const NO_GROUPS: SiblingGroups = { byParent: new Map(), byMember: new Map(), byId: new Map() };
