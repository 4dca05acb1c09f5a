/**
 * Throughput of `normalizeSpan` on realistic GenAI spans (about 20 attributes, small content), a mix of a chat
 * call, a tool call and an agent span. Run: `npx tsx lib/semconv/normalize-bench.ts`. Prints spans/s.
 */
import type { OtlpScope, OtlpSpan } from '@/lib/otlp/types';
import { normalizeSpan } from './normalize';

const resource = {
  'service.name': 'support-agent',
  'service.version': '1.4.2',
  'deployment.environment': 'prod',
  'telemetry.sdk.language': 'nodejs',
  'telemetry.sdk.name': 'opentelemetry',
  'telemetry.sdk.version': '2.1.0',
};
const scope: OtlpScope = { name: '@opentelemetry/instrumentation-openai', version: '0.5.0', attributes: {} };

function base(i: number, name: string, kind: 0 | 1 | 3): Omit<OtlpSpan, 'attributes'> {
  return {
    traceId: '0af7651916cd43dd8448eb211c80319c',
    spanId: (i + 1).toString(16).padStart(16, '0'),
    parentSpanId: 'b7ad6b7169203331',
    traceState: '',
    flags: 0x101,
    name,
    kind,
    startTimeUnixNano: 1_700_000_000_000_000_000n + BigInt(i),
    endTimeUnixNano: 1_700_000_000_900_000_000n + BigInt(i),
    events: [],
    links: [],
    status: { code: 0, message: '' },
  };
}

function chat(i: number): OtlpSpan {
  return {
    ...base(i, 'chat gpt-4o', 3),
    attributes: {
      'gen_ai.operation.name': 'chat',
      'gen_ai.provider.name': 'openai',
      'gen_ai.request.model': 'gpt-4o',
      'gen_ai.response.model': 'gpt-4o-2024-08-06',
      'gen_ai.response.id': `chatcmpl-${i}`,
      'gen_ai.request.temperature': 0.2,
      'gen_ai.request.max_tokens': 1024,
      'gen_ai.response.finish_reasons': ['tool_call'],
      'gen_ai.usage.input_tokens': 1843,
      'gen_ai.usage.output_tokens': 96,
      'gen_ai.usage.cache_read.input_tokens': 1536,
      'gen_ai.conversation.id': 'conv_42',
      'server.address': 'api.openai.com',
      'server.port': 443,
      'openai.response.service_tier': 'default',
      'gen_ai.system_instructions': '[{"type":"text","content":"You are a support agent. Be brief."}]',
      'gen_ai.input.messages':
        '[{"role":"user","parts":[{"type":"text","content":"Where is my order 1234?"}]}]',
      'gen_ai.output.messages':
        '[{"role":"assistant","parts":[{"type":"tool_call","id":"call_1","name":"lookup_order","arguments":{"id":"1234"}}],"finish_reason":"tool_call"}]',
      'app.user_tier': 'gold',
      'app.region': 'eu-west-1',
    },
  };
}

function tool(i: number): OtlpSpan {
  return {
    ...base(i, 'execute_tool lookup_order', 1),
    attributes: {
      'gen_ai.operation.name': 'execute_tool',
      'gen_ai.tool.name': 'lookup_order',
      'gen_ai.tool.call.id': 'call_1',
      'gen_ai.tool.type': 'function',
      'gen_ai.tool.description': 'Look up an order by id',
      'gen_ai.tool.call.arguments': '{"id":"1234"}',
      'gen_ai.tool.call.result': '{"status":"shipped","eta":"2026-08-14"}',
      'gen_ai.conversation.id': 'conv_42',
      'gen_ai.agent.name': 'support',
      'app.user_tier': 'gold',
      'app.region': 'eu-west-1',
      'code.function': 'lookupOrder',
      'code.namespace': 'tools',
      'http.status_code': 200,
      'db.system': 'postgresql',
      'db.operation': 'SELECT',
      'net.peer.name': 'orders-db',
      'thread.id': 7,
      'app.cache_hit': false,
      'app.attempt': 1,
    },
  };
}

function agent(i: number): OtlpSpan {
  return {
    ...base(i, 'invoke_agent support', 1),
    attributes: {
      'gen_ai.operation.name': 'invoke_agent',
      'gen_ai.provider.name': 'openai',
      'gen_ai.agent.name': 'support',
      'gen_ai.agent.id': 'agent_7',
      'gen_ai.request.model': 'gpt-4o',
      'gen_ai.conversation.id': 'conv_42',
      'gen_ai.usage.input_tokens': 5200,
      'gen_ai.usage.output_tokens': 310,
      'gen_ai.input.messages': '[{"role":"user","parts":[{"type":"text","content":"Where is my order 1234?"}]}]',
      'gen_ai.output.messages':
        '[{"role":"assistant","parts":[{"type":"text","content":"It shipped and arrives on 14 August."}]}]',
      'app.user_tier': 'gold',
      'app.region': 'eu-west-1',
      'app.request_id': `req-${i}`,
      'app.feature_flags': ['fast-path', 'new-prompt'],
      'app.tenant': 'acme',
      'server.address': 'agents.internal',
      'server.port': 8443,
      'app.version': '1.4.2',
      'app.channel': 'web',
      'app.locale': 'en-GB',
    },
  };
}

const POOL = 3_000;
const spans: OtlpSpan[] = [];
for (let i = 0; i < POOL; i++) spans.push(i % 3 === 0 ? chat(i) : i % 3 === 1 ? tool(i) : agent(i));

function run(n: number): number {
  const start = process.hrtime.bigint();
  let sink = 0;
  for (let i = 0; i < n; i++) {
    const out = normalizeSpan({ span: spans[i % POOL] as OtlpSpan, resource, scope, projectId: 'bench' });
    sink += out.inputTokens;
  }
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (sink < 0) throw new Error('unreachable: keeps the loop from being optimised away');
  return n / seconds;
}

run(50_000); // warm-up: let the JIT settle before measuring
const rounds = [run(200_000), run(200_000), run(200_000)].sort((a, b) => a - b);
console.log(`normalizeSpan: ${Math.round(rounds[1] ?? 0).toLocaleString('en')} spans/s (median of 3 × 200,000; mix of chat, tool, agent spans, ~20 attributes)`);
