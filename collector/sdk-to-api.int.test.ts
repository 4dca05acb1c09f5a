/**
 * The official OpenTelemetry SDK with both OTLP/HTTP exporters → the collector → the API's queries: what an
 * instrumented application sends is what Loupe shows, typed and priced, and a retried export counts once.
 */
import { SpanKind, SpanStatusCode, context, trace } from '@opentelemetry/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { selectRows } from '../lib/clickhouse/query';
import { getTraceDetail, listTraces } from '../lib/queries/traces';
import { createTestDatabase, type TestDatabase } from '../lib/testing/clickhouse';
import { startTestCollector, type TestCollector } from '../lib/testing/collector';
import { createTestTracer, type OtlpProtocol } from '../lib/testing/otel';

let db: TestDatabase;
let collector: TestCollector;

beforeAll(async () => {
  db = await createTestDatabase();
  collector = await startTestCollector(db);
});
afterAll(async () => {
  await collector?.close();
  await db?.drop();
});

/** One agent run: invoke_agent → chat (with cached tokens) → execute_tool, as an instrumented app emits it. */
async function emitAgentRun(protocol: OtlpProtocol): Promise<string> {
  const { tracer, shutdown } = createTestTracer({ collectorUrl: collector.url, protocol, serviceName: `svc-${protocol}` });
  const root = tracer.startSpan('invoke_agent planner', {
    kind: SpanKind.INTERNAL,
    attributes: { 'gen_ai.operation.name': 'invoke_agent', 'gen_ai.agent.name': 'planner', 'gen_ai.provider.name': 'openai' },
  });
  const parent = trace.setSpan(context.active(), root);
  const chat = tracer.startSpan(
    'chat gpt-4o',
    {
      kind: SpanKind.CLIENT,
      attributes: {
        'gen_ai.operation.name': 'chat',
        'gen_ai.provider.name': 'openai',
        'gen_ai.request.model': 'gpt-4o',
        'gen_ai.response.model': 'gpt-4o-2024-08-06',
        'gen_ai.usage.input_tokens': 1200,
        'gen_ai.usage.cache_read.input_tokens': 1000,
        'gen_ai.usage.output_tokens': 80,
        'gen_ai.response.finish_reasons': ['tool_call'],
      },
    },
    parent,
  );
  chat.end();
  const tool = tracer.startSpan(
    'execute_tool get_weather',
    {
      attributes: {
        'gen_ai.operation.name': 'execute_tool',
        'gen_ai.tool.name': 'get_weather',
        'gen_ai.tool.call.id': 'call_1',
        'gen_ai.tool.call.arguments': '{"city":"Paris"}',
      },
    },
    parent,
  );
  tool.setStatus({ code: SpanStatusCode.ERROR, message: 'HTTP 403' });
  tool.setAttribute('error.type', '403');
  tool.end();
  root.end();
  await shutdown();
  await collector.flushDerived();
  return root.spanContext().traceId;
}

describe.each<OtlpProtocol>(['protobuf', 'json'])('OTLP/HTTP %s exporter', (protocol) => {
  it('stores the run as typed, priced spans returned by the trace API', async () => {
    const traceId = await emitAgentRun(protocol);
    const detail = await getTraceDetail(db.client, db.database, 'default', traceId);

    expect(detail.trace.spanCount).toBe(3);
    expect(detail.trace.rootName).toBe('invoke_agent planner');
    expect(detail.trace.serviceName).toBe(`svc-${protocol}`);
    expect(detail.trace.agents).toEqual(['planner']);
    expect(detail.trace.inputTokens).toBe(1200);
    expect(detail.trace.outputTokens).toBe(80);
    expect(detail.trace.cacheReadTokens).toBe(1000);
    expect(detail.trace.errorCount).toBe(1);

    const byName = new Map(detail.spans.map((s) => [s.name, s]));
    const chat = byName.get('chat gpt-4o');
    expect(chat?.nodeType).toBe('llm');
    expect(chat?.provider).toBe('openai');
    expect(chat?.responseModel).toBe('gpt-4o-2024-08-06');
    expect(chat?.costSource).toBe('catalog');
    // gpt-4o: $2.50/M uncached input, $1.25/M cached input, $10/M output.
    expect(chat?.costUsd).toBeCloseTo((200 * 2.5 + 1000 * 1.25 + 80 * 10) / 1e6, 9);
    expect(detail.trace.costUsd).toBeCloseTo(chat?.costUsd ?? NaN, 9);
    expect(byName.get('execute_tool get_weather')).toMatchObject({ nodeType: 'tool', toolName: 'get_weather', statusCode: 'error', errorType: '403' });
    expect(byName.get('invoke_agent planner')).toMatchObject({ nodeType: 'agent', agentName: 'planner', parentSpanId: '' });
    expect(chat?.parentSpanId).toBe(byName.get('invoke_agent planner')?.spanId);
  });
});

describe('a retried export', () => {
  it('is counted once in spans, tokens and cost', async () => {
    const traceId = 'aa'.repeat(16);
    const body = JSON.stringify({
      resourceSpans: [
        {
          resource: { attributes: [{ key: 'service.name', value: { stringValue: 'retry-svc' } }] },
          scopeSpans: [
            {
              scope: { name: 'manual' },
              spans: [
                {
                  traceId,
                  spanId: '1111111111111111',
                  name: 'chat gpt-4o',
                  kind: 3,
                  startTimeUnixNano: String(BigInt(Date.now()) * 1_000_000n),
                  endTimeUnixNano: String(BigInt(Date.now() + 900) * 1_000_000n),
                  attributes: [
                    { key: 'gen_ai.operation.name', value: { stringValue: 'chat' } },
                    { key: 'gen_ai.provider.name', value: { stringValue: 'openai' } },
                    { key: 'gen_ai.request.model', value: { stringValue: 'gpt-4o' } },
                    { key: 'gen_ai.usage.input_tokens', value: { intValue: '500' } },
                    { key: 'gen_ai.usage.output_tokens', value: { intValue: 50 } },
                  ],
                },
              ],
            },
          ],
        },
      ],
    });
    for (let attempt = 0; attempt < 3; attempt++) {
      const response = await fetch(`${collector.url}/v1/traces`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      expect(response.status).toBe(200);
    }
    await collector.flushDerived();
    const detail = await getTraceDetail(db.client, db.database, 'default', traceId);
    expect(detail.spans).toHaveLength(1);
    expect(detail.trace).toMatchObject({ spanCount: 1, inputTokens: 500, outputTokens: 50 });
    expect(detail.trace.costUsd).toBeCloseTo((500 * 2.5 + 50 * 10) / 1e6, 9);
    const list = await listTraces(db.client, db.database, { projectId: 'default', q: 'chat gpt-4o', limit: 50 });
    expect(list.traces.filter((t) => t.traceId === traceId)).toHaveLength(1);
    // The hourly costs the cost review reads (recomputed apart from the rebuild; flushDerived waits for both).
    const hourly = await selectRows({
      client: db.client,
      tag: 'test.hourly',
      sql: `SELECT sum(llm_calls) AS calls, sum(cost_usd) AS cost FROM ${db.database}.cost_hourly FINAL
        WHERE service_name = 'retry-svc' AND is_deleted = 0`,
      row: z.object({ calls: z.coerce.number(), cost: z.coerce.number() }),
    });
    expect(hourly[0]?.calls).toBe(1);
    expect(hourly[0]?.cost).toBeCloseTo((500 * 2.5 + 50 * 10) / 1e6, 9);
  });
});
