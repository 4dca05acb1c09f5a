/** An incident bot that hammers a failing paging API, tweaking the request each time; the run ends in error. */
import { user } from '../messages';
import type { ScenarioDefinition } from '../types';

const FAILURES = [
  { type: '502', message: 'Bad Gateway from api.pagerduty.com', httpStatus: 502 },
  { type: '503', message: 'Service Unavailable: retry later', httpStatus: 503 },
  { type: 'TimeoutError', message: 'request timed out after 10000 ms' },
] as const;

export const toolRetryStorm: ScenarioDefinition = {
  name: 'tool-retry-storm',
  service: 'ops-copilot',
  summary: 'create_incident fails 9 times in a row (502/503/timeouts) while the agent keeps retrying',
  problems: ['tool_retry_storm'],
  encoding: 'protobuf',
  build(s) {
    const { rng } = s;
    const service = rng.pick(['checkout-api', 'payments-worker', 'search-gateway']);
    const attempts = 9;
    s.agent(
      'incident-responder',
      { model: 'claude-3-5-haiku-20241022' },
      () => {
        for (let attempt = 1; attempt <= attempts; attempt++) {
          const { toolCalls } = s.chat('claude-3-5-haiku-20241022', {
            input: [user(`${service} error rate is 14%. Open a P1 incident.`)],
            toolCalls: [
              {
                name: 'create_incident',
                arguments: { service, urgency: attempt % 2 ? 'high' : 'critical', title: `${service} 5xx spike (try ${attempt})` },
              },
            ],
            usage: { input: 900 + attempt * 140 + rng.int(0, 30), output: rng.int(60, 95) },
          });
          const call = toolCalls[0];
          if (!call) throw new Error('tool-retry-storm: the model call planned no tool call');
          const failure = rng.pick(FAILURES);
          const durationMs: [number, number] = failure.type === 'TimeoutError' ? [10000, 10050] : [120, 600];
          s.tool('create_incident', { callId: call.id, arguments: call.arguments, error: { ...failure }, durationMs });
          s.pause(200, 1500);
        }
        s.chat('claude-3-5-haiku-20241022', {
          input: [user('create_incident keeps failing.')],
          reply: 'I could not open the incident: the paging API is failing. Please page the on-call manually.',
          usage: { input: 2300 + rng.int(0, 50), output: rng.int(30, 50) },
        });
      },
      { status: 'error', statusMessage: 'create_incident failed 9 times', attributes: { 'error.type': 'ToolError' } },
    );
  },
};
