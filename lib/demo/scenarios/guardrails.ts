/**
 * A refund assistant whose guardrails do every kind of work: an input check passes, an output filter masks an
 * email address, a topic policy blocks an off-topic request, and a refund above the limit is escalated to a
 * human. The first three report provider-native results (newest draft); the last reports a draft verdict.
 */
import { toolResponse, user } from '../messages';
import type { ScenarioDefinition } from '../types';

export const guardrails: ScenarioDefinition = {
  name: 'guardrails',
  service: 'refund-desk',
  summary: 'guardrails pass, rewrite (mask PII), block (denied topic) and escalate (refund over limit)',
  problems: ['guardrail_intervention'],
  encoding: 'json',
  build(s) {
    const { rng } = s;
    const order = `ORD-${rng.int(200000, 899999)}`;
    const amount = rng.int(620, 1400);
    const email = `${rng.pick(['jane.doe', 'sam.lee', 'ola.nord'])}@example.com`;
    const system = 'You are a refund assistant. Refunds above $500 need approval.';
    s.startConversation();
    s.agent(
      'refund-assistant',
      { model: 'gpt-4o' },
      () => {
        s.guardrail('Google Cloud Model Armor', {
          source: 'INPUT',
          policyId: 'prompt-injection-and-jailbreak',
          result: { type: 'filter_match_state', value: 'NO_MATCH_FOUND' },
        });
        s.chat('gpt-4o', {
          system,
          input: [user(`I want a refund for ${order}, it arrived broken.`)],
          reply: `I found ${order}, placed by ${email}, total $${amount}.`,
          usage: { input: rng.int(600, 760), output: rng.int(30, 50) },
        });
        s.guardrail('Amazon Bedrock Guardrails', {
          source: 'OUTPUT',
          policyId: `gr-${rng.alnum(12).toLowerCase()}`,
          result: { type: 'action', value: 'ANONYMIZED', reason: 'EMAIL anonymized' },
          riskCategory: 'pii',
        });
        s.pause(3000, 12000);
        s.guardrail('Amazon Bedrock Guardrails', {
          source: 'INPUT',
          policyId: 'denied-topics',
          result: { type: 'action', value: 'BLOCKED', reason: 'Denied topic: Investment advice' },
          riskCategory: 'off_topic',
          riskScore: 0.93,
        });
        s.pause(3000, 12000);
        const { toolCalls } = s.chat('gpt-4o', {
          system,
          input: [user(`Just refund ${order} in full please.`)],
          toolCalls: [{ name: 'issue_refund', arguments: { order_id: order, amount_usd: amount } }],
          usage: { input: rng.int(900, 1100), output: rng.int(25, 40) },
        });
        const call = toolCalls[0];
        s.guardrail('refund-policy', {
          source: 'tool_input',
          draftVerdict: {
            type: 'escalate',
            reason: `Refund of $${amount} exceeds the $500 self-service limit`,
            target: 'input',
            subtype: 'tool_call',
          },
        });
        s.chat('gpt-4o', {
          system,
          input: [user(`Just refund ${order} in full please.`), toolResponse(call?.id ?? '', { status: 'pending_approval' })],
          reply: 'Your refund needs a quick approval from our team; you will hear back within one business day.',
          usage: { input: rng.int(1150, 1300), output: rng.int(25, 40) },
        });
      },
      { status: 'ok' },
    );
  },
};
