/** A healthy run: a researcher gathers sources, a writer drafts with a cached prompt, a reviewer approves. */
import { assistant, toolResponse, user } from '../messages';
import type { ScenarioDefinition } from '../types';

const TOPICS = [
  { question: 'How do heat pumps perform in cold climates?', query: 'heat pump efficiency below -15C field study' },
  { question: 'What limits sodium-ion battery adoption?', query: 'sodium-ion battery energy density cost 2024' },
  { question: 'Is green hydrogen competitive for steelmaking?', query: 'green hydrogen DRI steel levelised cost' },
] as const;

export const researchPipeline: ScenarioDefinition = {
  name: 'research-pipeline',
  service: 'research-assistant',
  summary: 'researcher → writer → reviewer, with retrieval, tools and cache reads; succeeds',
  problems: [],
  encoding: 'protobuf',
  build(s) {
    const { rng } = s;
    const topic = rng.pick(TOPICS);
    s.startConversation();
    s.workflow('research-report', () => {
      s.agent('researcher', { model: 'gpt-4o', reportUsage: true }, () => {
        const system = 'You are a research analyst. Use web_search and the notes index, cite every claim.';
        // A reasoning model plans the searches: its hidden reasoning is billed as output.
        const reasoning = rng.int(380, 900);
        const plan = s.chat('o3-mini', {
          system,
          input: [user(topic.question)],
          toolCalls: [{ name: 'web_search', arguments: { query: topic.query, max_results: 5 } }],
          usage: { input: rng.int(1800, 2400), output: reasoning + rng.int(40, 90), cacheRead: 1024, reasoning },
        });
        const call = plan.toolCalls[0];
        const results = [1, 2, 3].map((n) => ({ title: `Source ${n}: ${topic.query}`, url: `https://example.org/r/${rng.hex(8)}` }));
        s.tool('web_search', { callId: call?.id, arguments: call?.arguments ?? {}, result: results, durationMs: [600, 1800] });
        s.embeddings('text-embedding-3-small', rng.int(10, 24));
        const documents = [0, 1, 2, 3, 4].map((i) => ({
          id: `notes-${rng.int(100, 999)}#${i}`,
          score: Number((0.91 - i * 0.06 - rng.float() * 0.03).toFixed(4)),
        }));
        s.retrieval('research-notes', { query: topic.query, documents, topK: 5 });
        s.chat('gpt-4o', {
          system,
          input: [user(topic.question), toolResponse(call?.id ?? '', results)],
          reply: 'Key findings: three independent studies agree; see sources 1-3 and notes #0-#2.',
          usage: { input: rng.int(5200, 6400), output: rng.int(380, 520), cacheRead: 2048 },
        });
      });
      s.pause(20, 80);
      s.agent('writer', { model: 'claude-3-5-sonnet-20241022', reportUsage: true }, () => {
        s.chat('claude-3-5-sonnet-20241022', {
          system: 'You write concise briefings for executives. 300 words, no jargon.',
          input: [user(`Write a briefing answering: ${topic.question}`), assistant('Key findings: …')],
          reply: `Briefing: ${topic.question} In short, yes, with caveats that the sources spell out.`,
          usage: { input: rng.int(6000, 7000), output: rng.int(700, 950), cacheRead: 4096, cacheWrite: rng.int(900, 1400) },
          maxTokens: 1500,
        });
      });
      s.pause(20, 80);
      s.agent('reviewer', { model: 'gemini-1.5-pro' }, () => {
        s.chat('gemini-1.5-pro', {
          system: 'Check the briefing against the findings. Answer APPROVED or list the problems.',
          input: [user('Briefing draft attached. Review it.')],
          reply: 'APPROVED. Claims match the cited findings.',
          usage: { input: rng.int(2200, 2900), output: rng.int(20, 60) },
        });
      });
    });
  },
};
