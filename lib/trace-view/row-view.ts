/**
 * What one tree row shows, as a flat record of primitives: the row components are memoised on shallow prop
 * equality, so handing them strings and numbers (never the node object) lets React skip every row that did not
 * change when the selection moves through a 10,000-row tree.
 */
import type { NodeType } from '@/lib/span/types';
import { modelLabel, toolArguments, toolLabel, waterfallGeometry, type GroupRow, type SpanRow } from '@/lib/trace-tree';
import { formatDurationMs, formatTokens, formatUsd } from '@/lib/ui/format';
import {
  finishSummary,
  groupLabel,
  groupSummary,
  retrievalSummary,
  tokenBreakdown,
  toolArgsSummary,
  toolStatus,
  totalTokens,
} from './summaries';

/** The trace's time window, for the waterfall. */
export interface TimeWindow {
  startNs: bigint;
  endNs: bigint;
}

/** Nominal waterfall width: bars are placed in percent, the minimum width (2 px of 600) keeps zero-length spans visible. */
const BAR_SCALE_PX = 600;

export interface SpanRowView {
  id: string;
  name: string;
  nodeType: NodeType;
  depth: number;
  hasChildren: boolean;
  collapsed: boolean;
  isGroupMember: boolean;
  isError: boolean;
  errorOrigin: boolean;
  onErrorPath: boolean;
  hidesChildError: boolean;
  errorMessage: string;
  /** The id of the parent this span names but the trace does not hold (shown at the top level), or ''. */
  missingParentId: string;
  /** The agent control passes to at this span, or ''. */
  agentBoundary: string;
  /** The service control passes to at this span, or ''. */
  serviceBoundary: string;
  agentName: string;
  durationLabel: string;
  /** Own tokens (in + out), '' when none; `ownTokensAggregate` when they only repeat the children's. */
  ownTokensLabel: string;
  ownTokensAggregate: boolean;
  /** The subtree's counted tokens, '' for a leaf or when equal to the own figure. */
  subtreeTokensLabel: string;
  tokensTitle: string;
  ownCostLabel: string;
  subtreeCostLabel: string;
  costTitle: string;
  model: string;
  finishReason: string;
  finishTruncated: boolean;
  docCount: number | null;
  topScore: string;
  retrievalEmpty: boolean;
  toolName: string;
  toolArgs: string;
  toolStatusLabel: string;
  toolStatusError: boolean;
  guardrailVerdict: string;
  guardrailReason: string;
  barLeftPct: number;
  barWidthPct: number;
  barUnfinished: boolean;
}

export interface GroupRowView {
  id: string;
  depth: number;
  expanded: boolean;
  nodeType: NodeType;
  count: number;
  /** "get_weather ×12", shown in the row. */
  label: string;
  /** The label with the group's duration, tokens and cost, as one sentence for the row's tooltip. */
  summary: string;
  costLabel: string;
  tokensLabel: string;
  durationLabel: string;
  errorCount: number;
  /** Members that stopped at their output token limit (`length`): a cut-off answer hidden in a loop. */
  truncatedCount: number;
  barLeftPct: number;
  barWidthPct: number;
  /** The members' own bars inside the group's range, as CSS gradient stops (a string keeps the props primitive). */
  memberBarsCss: string;
}

/** At most this many separate member bars are drawn; beyond, neighbours merge (the row is a summary). */
const MAX_MEMBER_SEGMENTS = 200;

function bar(startNs: bigint, durationNs: number | null, window: TimeWindow) {
  return waterfallGeometry(startNs, durationNs, window.startNs, window.endNs, BAR_SCALE_PX);
}

function costLabel(cost: number | null, unpriced: number): string {
  if (cost === null) return 'unpriced';
  if (cost === 0 && unpriced === 0) return '';
  return formatUsd(cost, { unpriced });
}

/** The model of a model call, unless the span's name already says it ("chat gpt-4o" needs no second "gpt-4o"). */
function shownModel(span: SpanRow['node']['span']): string {
  if (span.nodeType !== 'llm' && span.nodeType !== 'embedding') return '';
  const model = modelLabel(span);
  return span.name.includes(model) ? '' : model;
}

/**
 * `handoffs`: spans where control arrives at another agent per the agent graph, which also sees agents that
 * succeed one another under a workflow (no agent above them, so no `agentBoundary` in the tree).
 */
export function spanRowView(row: SpanRow, window: TimeWindow, handoffs: ReadonlySet<string> = new Set()): SpanRowView {
  const { node } = row;
  const span = node.span;
  const own = totalTokens(node.ownTokens);
  const sub = totalTokens(node.subtree.tokens);
  const hasChildren = node.children.length > 0;
  const ownUnpriced = span.costSource === 'unpriced' && !span.usageIsAggregate;
  const ownCost = span.usageIsAggregate ? null : node.ownCostUsd;
  const ownCostText = ownUnpriced ? 'unpriced' : ownCost !== null && ownCost > 0 ? formatUsd(ownCost) : '';
  const subCostText = costLabel(node.subtree.costUsd, node.subtree.unpricedCount);
  const status = span.nodeType === 'tool' ? toolStatus(span) : { label: '', isError: false, detail: '' };
  const retrieval = retrievalSummary(span);
  const finish = finishSummary(span);
  const box = bar(node.startNs, node.durationNs, window);
  const args = span.nodeType === 'tool' ? toolArguments(span) : null;
  return {
    id: node.id,
    name: span.name,
    nodeType: span.nodeType,
    depth: row.depth,
    hasChildren: row.hasChildren,
    collapsed: row.collapsed,
    isGroupMember: row.groupId !== null,
    isError: node.isError,
    errorOrigin: node.errorOrigin,
    onErrorPath: node.onErrorPath,
    hidesChildError: node.hidesChildError,
    errorMessage: node.isError ? span.statusMessage || span.errorType : '',
    missingParentId: node.orphan ? span.parentSpanId : '',
    agentBoundary: node.agentBoundary || handoffs.has(node.id) ? span.agentName : '',
    serviceBoundary: node.serviceBoundary ? span.serviceName || 'remote process' : '',
    agentName: span.agentName,
    durationLabel: node.durationNs === null ? 'unfinished' : formatDurationMs(node.durationNs / 1e6),
    ownTokensLabel: own > 0 ? formatTokens(own) : '',
    ownTokensAggregate: span.usageIsAggregate && own > 0,
    subtreeTokensLabel: hasChildren && sub > 0 && (sub !== own || span.usageIsAggregate) ? formatTokens(sub) : '',
    tokensTitle: `own: ${tokenBreakdown(node.ownTokens)}${span.usageIsAggregate ? ' (repeats its children; not counted)' : ''}\nsubtree: ${tokenBreakdown(node.subtree.tokens)}`,
    ownCostLabel: ownCostText,
    subtreeCostLabel: hasChildren && subCostText !== ownCostText ? subCostText : '',
    costTitle: `own: ${ownCostText || '—'}\nsubtree: ${subCostText || '$0'}`,
    model: shownModel(span),
    finishReason: finish.label,
    finishTruncated: finish.truncated,
    docCount: retrieval.docCount,
    topScore: retrieval.topScore,
    retrievalEmpty: retrieval.empty,
    toolName: span.nodeType === 'tool' ? toolLabel(span) : '',
    toolArgs: args === null ? '' : toolArgsSummary(args),
    toolStatusLabel: status.label,
    toolStatusError: status.isError,
    guardrailVerdict: span.guardrailVerdict,
    guardrailReason: span.guardrailReason,
    barLeftPct: box.leftPct,
    barWidthPct: box.widthPct,
    barUnfinished: box.unfinished,
  };
}

/** Whether a folded group holds any of the given spans (an alert's evidence inside a loop marks the loop's row). */
export function groupHoldsAny(group: GroupRow['group'], ids: ReadonlySet<string>): boolean {
  if (ids.size === 0) return false;
  return group.members.some((member) => ids.has(member.id));
}

export function groupRowView(row: GroupRow, window: TimeWindow): GroupRowView {
  const { group } = row;
  const last = group.members[group.members.length - 1];
  const endNs = last ? last.endNs : group.firstStartNs;
  const box = bar(group.firstStartNs, Number(endNs - group.firstStartNs), window);
  const tokens = totalTokens(group.tokens);
  return {
    id: row.id,
    depth: row.depth,
    expanded: row.expanded,
    nodeType: group.kind === 'tool' ? 'tool' : 'llm',
    count: group.count,
    label: groupLabel(group),
    summary: groupSummary(group),
    costLabel: costLabel(group.costUsd, group.unpricedCount),
    tokensLabel: tokens > 0 ? formatTokens(tokens) : '',
    durationLabel: formatDurationMs(group.durationNs / 1e6),
    errorCount: group.errorCount,
    truncatedCount: group.members.filter((member) => finishSummary(member.span).truncated).length,
    barLeftPct: box.leftPct,
    barWidthPct: box.widthPct,
    memberBarsCss: memberBarsCss(row, box.leftPct, box.widthPct, window),
  };
}

/**
 * The members' bars as a `linear-gradient` over the group's own bar, so a loop reads as its rhythm of calls
 * rather than one solid block covering the gaps between them. Positions are relative to the group's bar.
 */
export function memberBarsCss(row: GroupRow, leftPct: number, widthPct: number, window: TimeWindow, color = 'currentColor'): string {
  if (widthPct <= 0) return 'none';
  const segments: [number, number][] = [];
  for (const member of row.group.members) {
    const box = bar(member.startNs, member.durationNs, window);
    const from = ((box.leftPct - leftPct) / widthPct) * 100;
    const to = from + (box.widthPct / widthPct) * 100;
    const last = segments[segments.length - 1];
    if (last && from <= last[1]) last[1] = Math.max(last[1], to);
    else segments.push([from, to]);
  }
  // Too many to draw apart: merge each neighbour pair until few enough remain.
  while (segments.length > MAX_MEMBER_SEGMENTS) {
    for (let i = 0; i + 1 < segments.length; i++) {
      segments[i]![1] = segments[i + 1]![1];
      segments.splice(i + 1, 1);
    }
  }
  const pct = (value: number) => `${Math.min(Math.max(value, 0), 100).toFixed(2)}%`;
  const stops = segments.flatMap(([from, to]) => [
    `transparent ${pct(from)}`,
    `${color} ${pct(from)}`,
    `${color} ${pct(to)}`,
    `transparent ${pct(to)}`,
  ]);
  return `linear-gradient(90deg, ${stops.join(', ')})`;
}
