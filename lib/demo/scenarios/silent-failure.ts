/**
 * The CRM lookup is refused (HTTP 403), the agent shrugs, answers from what little else it found, and the run
 * reports success.
 */
import { toolResponse, user } from '../messages';
import type { ScenarioDefinition } from '../types';

export const silentFailure: ScenarioDefinition = {
  name: 'silent-failure',
  service: 'account-insights',
  summary: 'fetch_crm_account fails with HTTP 403; the agent answers anyway and the run reports OK',
  problems: ['silent_failure'],
  encoding: 'json',
  build(s) {
    const { rng } = s;
    const account = rng.pick(['Acme Corp', 'Globex', 'Initech', 'Umbrella Health']);
    const accountId = `acct_${rng.alnum(10)}`;
    const question = `Give me a health summary for ${account} before tomorrow's renewal call.`;
    const system = 'You are an account analyst. Use the CRM and the ticket system.';
    s.startConversation();
    s.agent(
      'account-analyst',
      { model: 'gpt-4o' },
      () => {
        const first = s.chat('gpt-4o', {
          system,
          input: [user(question)],
          toolCalls: [{ name: 'fetch_crm_account', arguments: { account_id: accountId } }],
          usage: { input: rng.int(700, 900), output: rng.int(25, 40) },
        });
        const crm = first.toolCalls[0];
        s.tool('fetch_crm_account', {
          callId: crm?.id,
          arguments: crm?.arguments ?? {},
          error: { type: '403', message: 'Forbidden: token lacks scope crm.accounts.read', httpStatus: 403 },
          durationMs: [90, 240],
        });
        const second = s.chat('gpt-4o', {
          system,
          input: [user(question), toolResponse(crm?.id ?? '', { error: 'Forbidden' })],
          toolCalls: [{ name: 'search_support_tickets', arguments: { account_id: accountId, status: 'open' } }],
          usage: { input: rng.int(950, 1100), output: rng.int(25, 40) },
        });
        const tickets = second.toolCalls[0];
        const found = { count: 3, tickets: ['SSO login loop', 'CSV export slow', 'Invoice address change'] };
        s.tool('search_support_tickets', { callId: tickets?.id, arguments: tickets?.arguments ?? {}, result: found });
        s.chat('gpt-4o', {
          system,
          input: [user(question), toolResponse(tickets?.id ?? '', found)],
          reply: `${account} looks healthy: usage is growing and only 3 minor tickets are open. Renewal risk: low.`,
          usage: { input: rng.int(1300, 1500), output: rng.int(90, 140) },
        });
      },
      { status: 'ok' },
    );
  },
};
