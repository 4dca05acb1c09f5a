/**
 * A contract reviewer that keeps pulling sections into the prompt until gpt-4o's 128k window is nearly full; the
 * last answer is cut off at max_tokens (finish reason `length`).
 */
import { user } from '../messages';
import { MODELS } from '../models';
import type { ScenarioDefinition } from '../types';

export const contextWindow: ScenarioDefinition = {
  name: 'context-window',
  service: 'contract-analyzer',
  summary: 'input grows to ~124k of gpt-4o’s 128k tokens; the last answer stops with finish reason length',
  // Five calls near a 128k window cost more than a dollar: the run is over a $1 budget as well.
  problems: ['context_exhaustion', 'cost_over_budget'],
  encoding: 'json',
  build(s) {
    const { rng } = s;
    const maxTokens = 4096;
    const window = MODELS['gpt-4o'].contextWindow;
    const steps = [0.14, 0.32, 0.52, 0.7, 0.85].map((share) => Math.round(window * share) + rng.int(0, 900));
    const question = 'List every liability cap and indemnity carve-out in the master agreement and its annexes.';
    s.startConversation();
    s.agent('contract-reviewer', { model: 'gpt-4o' }, () => {
      steps.forEach((input, i) => {
        const { toolCalls } = s.chat('gpt-4o', {
          input: [user(question)],
          toolCalls: [{ name: 'read_contract_section', arguments: { document: 'MSA-2024.pdf', section: `annex-${i + 1}` } }],
          usage: { input, output: rng.int(40, 70) },
          maxTokens,
        });
        const call = toolCalls[0];
        s.tool('read_contract_section', {
          callId: call?.id,
          arguments: call?.arguments ?? {},
          result: { section: `annex-${i + 1}`, pages: rng.int(18, 40), tokens: rng.int(17000, 24000) },
          durationMs: [60, 300],
        });
      });
      s.chat('gpt-4o', {
        input: [user(question)],
        reply: '1. Section 9.2 caps liability at 12 months of fees, except for 9.3(a) data breaches, 9.3(b)…',
        usage: { input: window - maxTokens - rng.int(0, 800), output: maxTokens },
        finish: 'length',
        maxTokens,
      });
    });
  },
};
