/** The docs index returns nothing for the question, and the assistant answers confidently anyway. */
import { user } from '../messages';
import type { ScenarioDefinition } from '../types';

export const emptyRetrieval: ScenarioDefinition = {
  name: 'empty-retrieval',
  service: 'docs-qa',
  summary: 'retrieval returns 0 documents; the model answers without any source',
  problems: ['empty_retrieval', 'unsupported_answer'],
  encoding: 'protobuf',
  build(s) {
    const { rng } = s;
    const question = rng.pick([
      'How do I rotate the signing key for webhooks?',
      'Can I export audit logs to S3 on the Team plan?',
      'What is the rate limit for the bulk import API?',
    ]);
    s.startConversation();
    s.agent('docs-assistant', { model: 'gemini-1.5-flash' }, () => {
      s.embeddings('text-embedding-3-small', rng.int(9, 16));
      s.retrieval('product-docs-v3', { query: question, documents: [], topK: 8 });
      s.chat('gemini-1.5-flash', {
        system: 'Answer from the retrieved documentation only and cite it.',
        input: [user(question)],
        reply: 'Go to Settings → Developers → Webhooks and press "Rotate key"; the old key stays valid for 24 hours.',
        usage: { input: rng.int(380, 460), output: rng.int(45, 70) },
      });
    });
  },
};
