/**
 * Two agents hand a ticket back and forth: triage sends it to billing, billing says it is a technical problem
 * and sends it back, four round trips. Each hand-off is a sibling `invoke_agent` span in the order control passed.
 */
import { user } from '../messages';
import type { ScenarioDefinition } from '../types';

export const agentPingPong: ScenarioDefinition = {
  name: 'agent-ping-pong',
  service: 'helpdesk-router',
  summary: 'triage → billing → triage → billing … eight hand-offs before a canned escalation',
  problems: ['agent_ping_pong'],
  encoding: 'json',
  build(s) {
    const { rng } = s;
    const ticket = `T-${rng.int(100000, 999999)}`;
    const complaint = 'I was charged twice after the app crashed during checkout.';
    s.startConversation('thread_');
    s.workflow('helpdesk', () => {
      for (let handOff = 0; handOff < 8; handOff++) {
        const [self, other] = handOff % 2 === 0 ? ['triage', 'billing'] : ['billing', 'triage'];
        s.agent(self, { model: 'gpt-4o-mini' }, () => {
          s.chat('gpt-4o-mini', {
            system: `You are the ${self} agent. Transfer tickets outside your area.`,
            input: [user(`${ticket}: ${complaint}`)],
            reply: self === 'triage' ? 'This is a billing question.' : 'The crash is a technical issue, not billing.',
            toolCalls: [{ name: `transfer_to_${other}`, arguments: { ticket_id: ticket, hand_off: handOff + 1 } }],
            usage: { input: 610 + handOff * 85 + rng.int(0, 25), output: rng.int(28, 45) },
          });
        });
        s.pause(10, 60);
      }
      s.agent('triage', { model: 'gpt-4o-mini' }, () => {
        s.chat('gpt-4o-mini', {
          input: [user(`${ticket}: ${complaint}`)],
          reply: 'I have escalated your ticket to a human agent.',
          usage: { input: 1320 + rng.int(0, 25), output: rng.int(14, 22) },
        });
      });
    });
  },
};
