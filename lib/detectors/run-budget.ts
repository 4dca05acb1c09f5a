/**
 * Whole-run budgets, read from the tree's totals (one pass, already done when the tree was built):
 * - step_explosion: more model calls in one run than the limit;
 * - cost_per_run: the run's known cost over the budget. Unpriced model calls add an unknown amount: they are
 *   named in the summary, and a run whose known cost is under budget does not fire however many there are.
 */
import { modelLabel, type TraceNode } from '@/lib/trace-tree';
import type { DetectorConfig } from './config';
import { formatDuration, formatTokens, formatUsd, listNames, plural } from './format';
import { byStart, isModelCall, makeFinding, severityFor, spanWindowMs, type PreparedTrace } from './prepare';
import type { Finding } from './types';

/** The entry with the most, then the rest: "refactor-bot 48, reviewer 8". */
function breakdown(counts: ReadonlyMap<string, number>, unit = ''): string {
  return [...counts]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, 4)
    .map(([name, n]) => `${name} ${unit === '$' ? formatUsd(n) : n}`)
    .join(', ');
}

function tally(nodes: readonly TraceNode[], keyOf: (node: TraceNode) => string, valueOf: (node: TraceNode) => number) {
  const counts = new Map<string, number>();
  for (const node of nodes) counts.set(keyOf(node), (counts.get(keyOf(node)) ?? 0) + valueOf(node));
  return counts;
}

const runDurationMs = (run: PreparedTrace) => spanWindowMs(run.tree.preorder);

export function detectStepExplosion(run: PreparedTrace, rule: DetectorConfig['step_explosion']): Finding[] {
  const calls = byStart(run.tree.preorder.filter((node) => node.span.nodeType === 'llm'));
  if (calls.length <= rule.maxModelCalls) return [];
  const totals = run.tree.totals;
  const perAgent = tally(calls, (node) => node.agent || '(no agent)', () => 1);
  const tokens = totals.tokens.inputTokens + totals.tokens.outputTokens;
  return [
    makeFinding(run, {
      ruleId: 'step_explosion',
      severity: severityFor(calls.length, rule.maxModelCalls),
      title: `${calls.length} model calls in one run (limit ${rule.maxModelCalls}) — ${formatUsd(totals.costUsd)}, ${formatDuration(runDurationMs(run))}`,
      summary:
        `The run made ${calls.length} model calls (${breakdown(perAgent)}), ${formatTokens(tokens)} tokens and ` +
        `${formatUsd(totals.costUsd)}${totals.unpricedCount > 0 ? ` plus ${plural(totals.unpricedCount, 'unpriced call')}` : ''} ` +
        `over ${formatDuration(runDurationMs(run))}. An agent that does not converge keeps calling the model until ` +
        `something stops it; the limit is ${rule.maxModelCalls} calls per run.`,
      evidence: [...(run.root ? [run.root.id] : []), ...calls.map((node) => node.id)],
      key: 'run',
      value: calls.length,
      threshold: rule.maxModelCalls,
    }),
  ];
}

/** How many of the costliest model calls to list as evidence after the root. */
const TOP_CALLS = 5;

export function detectCostPerRun(run: PreparedTrace, rule: DetectorConfig['cost_per_run']): Finding[] {
  const totals = run.tree.totals;
  if (!(totals.costUsd > rule.budgetUsd)) return [];
  const calls = run.tree.preorder.filter((node) => isModelCall(node.span) && !node.span.usageIsAggregate);
  const costliest = [...calls]
    .filter((node) => node.ownCostUsd !== null)
    .sort((a, b) => b.ownCostUsd! - a.ownCostUsd! || (a.index - b.index))
    .slice(0, TOP_CALLS);
  const perModel = tally(calls, (node) => modelLabel(node.span) || '(unknown model)', (node) => node.ownCostUsd ?? 0);
  const unpricedModels = [...new Set(calls.filter((node) => node.span.costSource === 'unpriced').map((node) => modelLabel(node.span)))];
  const unpriced =
    totals.unpricedCount > 0
      ? ` ${plural(totals.unpricedCount, 'model call')} (${listNames(unpricedModels)}) had no price, so the real cost is higher.`
      : '';
  const tokens = totals.tokens.inputTokens + totals.tokens.outputTokens;
  return [
    makeFinding(run, {
      ruleId: 'cost_per_run',
      severity: severityFor(totals.costUsd, rule.budgetUsd),
      title: `Run cost ${formatUsd(totals.costUsd)}${totals.unpricedCount > 0 ? '+' : ''} (budget ${formatUsd(rule.budgetUsd)}) — ${plural(calls.length, 'model call')}, ${formatDuration(runDurationMs(run))}`,
      summary:
        `The run's known cost is ${formatUsd(totals.costUsd)}, ${(totals.costUsd / rule.budgetUsd).toFixed(1)}× the budget of ` +
        `${formatUsd(rule.budgetUsd)}: ${formatTokens(tokens)} tokens over ${plural(calls.length, 'model call')} ` +
        `(${breakdown(perModel, '$')}).${unpriced}`,
      evidence: [...(run.root ? [run.root.id] : []), ...costliest.map((node) => node.id)],
      key: 'run',
      value: totals.costUsd,
      threshold: rule.budgetUsd,
    }),
  ];
}
