/**
 * Tool-call rules. Both group a run's tool spans in one pass (O(n)):
 * - repeated_tool_call: the same tool with the same arguments, compared by the tree's repeat signature (tool name
 *   plus normalised JSON arguments), so key order and whitespace do not hide a loop. Calls whose arguments were
 *   not captured cannot be compared and are left out.
 * - tool_retry_storm: the same tool failing again and again, whatever the arguments (an agent that tweaks the
 *   request after each 502 is still hammering a broken API).
 */
import { hashString, normaliseArguments, toolArguments, toolLabel, type TraceNode } from '@/lib/trace-tree';
import type { DetectorConfig } from './config';
import { formatDuration, formatTokens, formatUsd, plural } from './format';
import {
  byStart,
  callFailed,
  clockTime,
  failureReason,
  makeFinding,
  severityFor,
  spanWindowMs,
  spendOf,
  type PreparedTrace,
} from './prepare';
import type { Finding } from './types';

function groupBy(nodes: readonly TraceNode[], keyOf: (node: TraceNode) => string | null): Map<string, TraceNode[]> {
  const groups = new Map<string, TraceNode[]>();
  for (const node of nodes) {
    const key = keyOf(node);
    if (key === null) continue;
    const list = groups.get(key);
    if (list) list.push(node);
    else groups.set(key, [node]);
  }
  return groups;
}

const toolSpans = (run: PreparedTrace) => run.tree.preorder.filter((node) => node.span.nodeType === 'tool');

/** Model calls by the same agent while the calls were being made: what the loop cost. */
function loopSpend(run: PreparedTrace, calls: readonly TraceNode[]) {
  const first = calls[0]!;
  let end = first.endNs;
  for (const call of calls) if (call.endNs > end) end = call.endNs;
  const inLoop = run.tree.preorder.filter(
    (node) => node.agent === first.agent && node.startNs >= first.startNs && node.startNs <= end,
  );
  return spendOf(inLoop);
}

function costPhrase(costUsd: number, unpricedCount: number): string {
  const unpriced = unpricedCount > 0 ? ` (+${plural(unpricedCount, 'unpriced call')})` : '';
  return `${formatUsd(costUsd)}${unpriced}`;
}

export function detectRepeatedToolCalls(run: PreparedTrace, rule: DetectorConfig['repeated_tool_call']): Finding[] {
  const groups = groupBy(toolSpans(run), (node) => (toolArguments(node.span) === null ? null : node.signature));
  const findings: Finding[] = [];
  for (const [signature, group] of groups) {
    if (group.length < rule.minCalls) continue;
    const calls = byStart(group);
    const tool = toolLabel(calls[0]!.span);
    const args = normaliseArguments(toolArguments(calls[0]!.span) ?? '');
    const spend = loopSpend(run, calls);
    const windowMs = spanWindowMs(calls);
    const failed = calls.filter((call) => callFailed(call.span)).length;
    const agent = calls[0]!.agent;
    findings.push(
      makeFinding(run, {
        ruleId: 'repeated_tool_call',
        severity: severityFor(calls.length, rule.minCalls),
        title: `${tool} called ${calls.length}× with the same arguments — ${costPhrase(spend.costUsd, spend.unpricedCount)}, ${formatDuration(windowMs)}`,
        summary:
          `${agent !== '' ? agent : 'The run'} called ${tool} ${calls.length} times with ${args.length > 120 ? `${args.slice(0, 117)}…` : args}, ` +
          `from ${clockTime(calls[0]!)} over ${formatDuration(windowMs)}` +
          `${failed > 0 ? `; ${failed} of the calls failed` : ''}. ` +
          `Model calls by the same agent in that time cost ${costPhrase(spend.costUsd, spend.unpricedCount)} ` +
          `(${formatTokens(spend.inputTokens + spend.outputTokens)} tokens). the agent is likely stuck in a loop; ` +
          `threshold ${rule.minCalls} identical calls per run.`,
        evidence: calls.map((call) => call.id),
        key: `${tool}:${hashString(signature)}`,
        value: calls.length,
        threshold: rule.minCalls,
      }),
    );
  }
  return findings;
}

/** "502 ×2, TimeoutError ×5": the failure reasons in order of first appearance. */
function reasonTally(calls: readonly TraceNode[]): string {
  const tally = new Map<string, number>();
  for (const call of calls) {
    const reason = failureReason(call.span);
    tally.set(reason, (tally.get(reason) ?? 0) + 1);
  }
  return [...tally].map(([reason, n]) => (n > 1 ? `${reason} ×${n}` : reason)).join(', ');
}

export function detectToolRetryStorms(run: PreparedTrace, rule: DetectorConfig['tool_retry_storm']): Finding[] {
  const byTool = groupBy(toolSpans(run), (node) => toolLabel(node.span));
  const findings: Finding[] = [];
  for (const [tool, group] of byTool) {
    const calls = byStart(group);
    const failures = calls.filter((call) => callFailed(call.span));
    if (failures.length < rule.minFailures) continue;
    const last = calls.at(-1)!;
    const recovered = !callFailed(last.span);
    const windowMs = spanWindowMs(calls);
    const reasons = reasonTally(failures);
    findings.push(
      makeFinding(run, {
        ruleId: 'tool_retry_storm',
        severity: recovered ? 'warning' : severityFor(failures.length, rule.minFailures),
        title: `${tool} failed ${failures.length}× in one run (${reasons}) — ${formatDuration(windowMs)} of retries`,
        summary:
          `${tool} was called ${calls.length} times from ${clockTime(calls[0]!)} and failed ${failures.length} times: ${reasons}. ` +
          (recovered
            ? 'The last call succeeded, after the failures cost the run time and tokens. '
            : 'The last call failed too: the tool is down or the agent keeps sending a request it rejects. ') +
          `Threshold ${rule.minFailures} failures of one tool per run.`,
        evidence: failures.map((call) => call.id),
        key: tool,
        value: failures.length,
        threshold: rule.minFailures,
      }),
    );
  }
  return findings;
}
