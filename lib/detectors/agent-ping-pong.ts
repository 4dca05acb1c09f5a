/**
 * agent_ping_pong: two agents passing control straight back and forth (A→B, B→A, A→B …). The hand-offs come from
 * the tree library's agent graph, in start order. Each pair of agents keeps its current run of alternating
 * hand-offs; a hand-off in the same direction as the pair's previous one starts a new run (control came back some
 * other way, e.g. a delegation returned), and hand-offs between other agents do not break it, so parallel work in
 * another branch cannot hide a ping-pong. A round trip is a hand-off that reverses the one before it: A→B→A→B is
 * three hand-offs, two round trips. O(hand-offs).
 */
import { agentGraph, type AgentHandoff } from '@/lib/trace-tree';
import type { DetectorConfig } from './config';
import { formatDuration, formatTokens, formatUsd, plural } from './format';
import { makeFinding, severityFor, spanWindowMs, spendOf, subtreeNodes, type PreparedTrace } from './prepare';
import type { Finding } from './types';

const pairKey = (a: string, b: string) => (a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`);

/** The longest alternating run of hand-offs for each pair of agents, in order of the pair's first hand-off. */
export function longestPingPongs(handoffs: readonly AgentHandoff[]): AgentHandoff[][] {
  // The pair's current alternating run, and its longest so far.
  const current = new Map<string, AgentHandoff[]>();
  const longest = new Map<string, AgentHandoff[]>();
  for (const handoff of handoffs) {
    const key = pairKey(handoff.from, handoff.to);
    let run = current.get(key);
    const previous = run?.at(-1);
    if (run && previous && previous.from === handoff.to && previous.to === handoff.from) run.push(handoff);
    else current.set(key, (run = [handoff]));
    if (run.length > (longest.get(key)?.length ?? 0)) longest.set(key, [...run]);
  }
  return [...longest.values()];
}

export function detectAgentPingPong(run: PreparedTrace, rule: DetectorConfig['agent_ping_pong']): Finding[] {
  const graph = agentGraph(run.tree);
  const findings: Finding[] = [];
  for (const handoffs of longestPingPongs(graph.handoffs)) {
    const roundTrips = handoffs.length - 1;
    if (roundTrips < rule.minRoundTrips) continue;
    const first = handoffs[0]!;
    const [a, b] = [first.from, first.to];
    const heads = handoffs.map((handoff) => run.tree.byId.get(handoff.spanId)!);
    const spend = spendOf(subtreeNodes(run.tree, heads));
    const windowMs = spanWindowMs(heads);
    const unpriced = spend.unpricedCount > 0 ? ` (+${plural(spend.unpricedCount, 'unpriced call')})` : '';
    findings.push(
      makeFinding(run, {
        ruleId: 'agent_ping_pong',
        severity: severityFor(roundTrips, rule.minRoundTrips),
        title: `${a} ⇄ ${b}: control passed back and forth ${handoffs.length} times — ${formatUsd(spend.costUsd)}${unpriced}, ${formatDuration(windowMs)}`,
        summary:
          `${a} handed the run to ${b}, which handed it straight back, ${plural(roundTrips, 'round trip')} in a row ` +
          `(${[a, ...handoffs.map((h) => h.to)].slice(0, 9).join(' → ')}${handoffs.length > 8 ? ' → …' : ''}). ` +
          `The agents' work in these hand-offs cost ${formatUsd(spend.costUsd)}${unpriced} and ` +
          `${formatTokens(spend.inputTokens + spend.outputTokens)} tokens. Neither agent is taking ownership; check their routing ` +
          `instructions. Threshold ${plural(rule.minRoundTrips, 'round trip')}.`,
        evidence: handoffs.map((handoff) => handoff.spanId),
        key: [a, b].sort().join('⇄'),
        value: roundTrips,
        threshold: rule.minRoundTrips,
      }),
    );
  }
  return findings;
}
