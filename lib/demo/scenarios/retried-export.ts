/**
 * An ordinary meeting-summary run whose export hits a gateway timeout: the first request reaches the collector
 * but the exporter is told 504 and sends the same spans again. The store must count them once.
 */
import { user } from '../messages';
import type { ScenarioDefinition } from '../types';

export const retriedExport: ScenarioDefinition = {
  name: 'retried-export',
  service: 'meeting-notes',
  summary: 'the export is answered 504 after reaching the collector, so the same spans arrive twice',
  problems: ['retried_export'],
  encoding: 'protobuf',
  retriedExport: true,
  build(s) {
    const { rng } = s;
    const meeting = rng.pick(['Q3 planning', 'Incident review', 'Design sync']);
    s.agent('meeting-summarizer', { model: 'claude-3-5-haiku-20241022' }, () => {
      s.retrieval('meeting-transcripts', {
        query: meeting,
        documents: [0, 1, 2].map((i) => ({ id: `transcript-${rng.int(1000, 9999)}#${i}`, score: Number((0.88 - i * 0.07).toFixed(3)) })),
        topK: 3,
      });
      const { toolCalls } = s.chat('claude-3-5-haiku-20241022', {
        input: [user(`Summarise the ${meeting} meeting and post it to #team.`)],
        reply: `Summary of ${meeting}: decisions made, owners assigned.`,
        toolCalls: [{ name: 'post_to_slack', arguments: { channel: '#team', meeting } }],
        usage: { input: rng.int(5200, 6800), output: rng.int(180, 260) },
      });
      const call = toolCalls[0];
      s.tool('post_to_slack', { callId: call?.id, arguments: call?.arguments ?? {}, result: { ok: true, ts: `${rng.int(1700000000, 1799999999)}.000200` } });
    });
  },
};
