/**
 * ungrounded_answer: a model call answered after a retrieval of the same agent returned no documents, with no
 * retrieval that found any in between. The agent was meant to answer from sources and had none; unless it said so,
 * the user got an answer with nothing behind it. Only counts that were reported are judged (a retrieval whose
 * document count is unknown proves nothing), only chat-style calls answer (an embedding does not), and a call
 * that failed answered nothing. One finding per run, listing each empty retrieval and the calls that followed it.
 * A sweep over the calls by start and the retrievals by end: O(n log n).
 */
import { modelLabel, type TraceNode } from '@/lib/trace-tree';
import type { DetectorConfig } from './config';
import { listNames, plural } from './format';
import { byStart, callFailed, makeFinding, type PreparedTrace } from './prepare';
import type { Finding } from './types';

/** What an answer stood on: the last retrieval of its agent that had ended when the call started. */
interface Ungrounded {
  retrieval: TraceNode;
  calls: TraceNode[];
}

export function detectUngroundedAnswer(run: PreparedTrace, _rule: DetectorConfig['ungrounded_answer']): Finding[] {
  const retrievals = run.tree.preorder.filter((node) => node.span.nodeType === 'retrieval' && node.span.retrievalDocCount !== null);
  if (!retrievals.some((node) => node.span.retrievalDocCount === 0)) return [];
  retrievals.sort((a, b) => (a.endNs < b.endNs ? -1 : a.endNs > b.endNs ? 1 : 0));
  const calls = byStart(run.tree.preorder.filter((node) => node.span.nodeType === 'llm' && !callFailed(node.span)));

  const latestByAgent = new Map<string, TraceNode>();
  const byRetrieval = new Map<TraceNode, Ungrounded>();
  let next = 0;
  for (const call of calls) {
    for (; next < retrievals.length && retrievals[next]!.endNs <= call.startNs; next++) {
      latestByAgent.set(retrievals[next]!.agent, retrievals[next]!);
    }
    const latest = latestByAgent.get(call.agent);
    if (latest?.span.retrievalDocCount !== 0) continue;
    const entry = byRetrieval.get(latest);
    if (entry) entry.calls.push(call);
    else byRetrieval.set(latest, { retrieval: latest, calls: [call] });
  }
  if (byRetrieval.size === 0) return [];

  const ungrounded = [...byRetrieval.values()];
  const calledAfter = ungrounded.flatMap((entry) => entry.calls);
  const first = ungrounded[0]!;
  const firstModel = modelLabel(first.calls[0]!.span) || first.calls[0]!.span.name;
  const title =
    calledAfter.length === 1
      ? `${firstModel} answered after ${first.retrieval.span.name} returned no documents`
      : `${plural(calledAfter.length, 'model call')} answered after ${listNames(ungrounded.map((entry) => entry.retrieval.span.name))} returned no documents`;
  const agents = [...new Set(ungrounded.map((entry) => entry.retrieval.agent).filter((agent) => agent !== ''))];
  return [
    makeFinding(run, {
      ruleId: 'ungrounded_answer',
      severity: 'warning',
      title,
      summary:
        `${ungrounded.map((entry) => `${entry.retrieval.span.name} returned 0 documents and ${plural(entry.calls.length, 'model call')} answered after it`).join('; ')}` +
        `${agents.length > 0 ? ` (agent ${listNames(agents)})` : ''}, with no retrieval that found documents in between. ` +
        `Unless the answer said nothing was found, it stands on no source: check the index and the query, or have the agent say so.`,
      evidence: ungrounded.flatMap((entry) => [entry.retrieval.id, ...entry.calls.map((call) => call.id)]),
      key: 'run',
      value: calledAfter.length,
      threshold: 1,
    }),
  ];
}
