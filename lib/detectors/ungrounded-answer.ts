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

export function detectUngroundedAnswer(run: PreparedTrace, _rule: DetectorConfig['ungrounded_answer']): Finding[] {
  const retrievals = run.tree.preorder.filter((node) => node.span.nodeType === 'retrieval' && node.span.retrievalDocCount !== null);
  if (!retrievals.some((node) => node.span.retrievalDocCount === 0)) return [];
  retrievals.sort((a, b) => (a.endNs < b.endNs ? -1 : a.endNs > b.endNs ? 1 : 0));
  const calls = byStart(run.tree.preorder.filter((node) => node.span.nodeType === 'llm' && !callFailed(node.span)));

  // What an answer stood on: the last retrieval of its agent that had ended when the call started.
  const latestByAgent = new Map<string, TraceNode>();
  /** The calls that answered on each empty retrieval, in the order the retrievals were first answered on. */
  const callsAfter = new Map<TraceNode, TraceNode[]>();
  let next = 0;
  for (const call of calls) {
    for (; next < retrievals.length && retrievals[next]!.endNs <= call.startNs; next++) {
      latestByAgent.set(retrievals[next]!.agent, retrievals[next]!);
    }
    const latest = latestByAgent.get(call.agent);
    if (latest?.span.retrievalDocCount !== 0) continue;
    const answered = callsAfter.get(latest);
    if (answered) answered.push(call);
    else callsAfter.set(latest, [call]);
  }
  if (callsAfter.size === 0) return [];

  const ungrounded = [...callsAfter];
  const answers = ungrounded.flatMap(([, after]) => after);
  const only = answers.length === 1 ? answers[0]! : null;
  const title = only
    ? `${modelLabel(only.span) || only.span.name} answered after ${ungrounded[0]![0].span.name} returned no documents`
    : `${plural(answers.length, 'model call')} answered after ${listNames(ungrounded.map(([retrieval]) => retrieval.span.name))} returned no documents`;
  const agents = [...new Set(ungrounded.map(([retrieval]) => retrieval.agent).filter((agent) => agent !== ''))];
  return [
    makeFinding(run, {
      ruleId: 'ungrounded_answer',
      severity: 'warning',
      title,
      summary:
        `${ungrounded.map(([retrieval, after]) => `${retrieval.span.name} returned 0 documents and ${plural(after.length, 'model call')} answered after it`).join('; ')}` +
        `${agents.length > 0 ? ` (agent ${listNames(agents)})` : ''}, with no retrieval that found documents in between. ` +
        `Unless the answer said nothing was found, it stands on no source: check the index and the query, or have the agent say so.`,
      evidence: ungrounded.flatMap(([retrieval, after]) => [retrieval.id, ...after.map((call) => call.id)]),
      key: 'run',
      value: answers.length,
      threshold: 1,
    }),
  ];
}
