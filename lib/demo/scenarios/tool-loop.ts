/**
 * An order-status bot that keeps asking the same tool the same question and gets the same answer, a dozen
 * times and more. Its model calls come from an older instrumentation (deprecated `gen_ai.system` and
 * `gen_ai.usage.prompt_tokens`).
 */
import { assistantToolCalls, toolResponse, user, type ChatMessage } from '../messages';
import type { ScenarioDefinition } from '../types';

export const toolLoop: ScenarioDefinition = {
  name: 'tool-loop',
  service: 'order-support-bot',
  summary: 'get_order_status called 14 times with identical arguments, same answer each time',
  problems: ['tool_loop'],
  encoding: 'json',
  build(s) {
    const { rng } = s;
    const orderId = `A-${rng.int(10000, 99999)}`;
    const result = { order_id: orderId, status: 'processing', updated_at: '2025-03-02T09:14:00Z' };
    const history: ChatMessage[] = [user(`Where is my order ${orderId}? It was due yesterday.`)];
    const system = 'You are an order support agent. Always check get_order_status before answering.';
    s.startConversation('sess_');
    s.agent('order-tracker', { model: 'gpt-4o-mini' }, () => {
      for (let turn = 0; turn < 14; turn++) {
        const { toolCalls } = s.chat('gpt-4o-mini', {
          legacy: true,
          system,
          input: history.slice(),
          toolCalls: [{ name: 'get_order_status', arguments: { order_id: orderId } }],
          usage: { input: 420 + turn * 96 + rng.int(0, 20), output: rng.int(18, 26) },
        });
        const call = toolCalls[0];
        if (!call) throw new Error('tool-loop: the model call planned no tool call');
        s.tool('get_order_status', { callId: call.id, arguments: call.arguments, result, durationMs: [80, 260] });
        history.push(assistantToolCalls([call]), toolResponse(call.id, result));
      }
      s.chat('gpt-4o-mini', {
        legacy: true,
        system,
        input: history.slice(),
        reply: `Your order ${orderId} is still processing. I'll keep checking.`,
        usage: { input: 420 + 14 * 96 + rng.int(0, 20), output: rng.int(20, 35) },
      });
    });
  },
};
