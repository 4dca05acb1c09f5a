/**
 * `@opentelemetry/instrumentation-openai` (OpenTelemetry GenAI conventions) observing the official `openai`
 * client → OTLP/HTTP → collector → trace API. The instrumentation hooks `require`, so it is registered before
 * the client is loaded, and the client is loaded with `require` (the CommonJS build it patches).
 */
import { createRequire } from 'node:module';
import { registerInstrumentations } from '@opentelemetry/instrumentation';
import { OpenAIInstrumentation } from '@opentelemetry/instrumentation-openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listTraces } from '../../lib/queries/traces';
import type { ApiTraceDetail } from '../../lib/span/api-types';
import { billedUsage, startClientHarness, type ClientHarness } from './harness';
import { embeddingCost, gpt4oMiniCost, RUN_NAME, recordWeatherRun } from './openai-run';

type OpenAIModule = typeof import('openai');

let h: ClientHarness;
let detail: ApiTraceDetail;
let traceId: string;

beforeAll(async () => {
  h = await startClientHarness('otel-openai-app');
  const instrumentation = new OpenAIInstrumentation({ captureMessageContent: true });
  registerInstrumentations({ instrumentations: [instrumentation], tracerProvider: h.provider });
  const { OpenAI } = createRequire(import.meta.url)('openai') as OpenAIModule;
  const client = new OpenAI({ apiKey: 'test-key', baseURL: h.model.baseURL, maxRetries: 0 });

  detail = await recordWeatherRun(h, client, instrumentation, { name: 'otel-instrumentation-openai', instrumentationPackage: '@opentelemetry/instrumentation-openai' });
  traceId = detail.trace.traceId;
});

afterAll(async () => {
  await h?.close();
});

describe('@opentelemetry/instrumentation-openai → Loupe', () => {
  it('stores one typed span per client call under the caller’s span', () => {
    const root = detail.spans.find((s) => s.name === RUN_NAME);
    expect(detail.trace.spanCount).toBe(5);
    expect(detail.spans.filter((s) => s.nodeType === 'llm')).toHaveLength(3);
    expect(detail.spans.filter((s) => s.nodeType === 'embedding')).toHaveLength(1);
    for (const span of detail.spans.filter((s) => s !== root)) {
      expect(span.parentSpanId).toBe(root?.spanId);
      expect(span.scopeName).toBe('@opentelemetry/instrumentation-openai');
    }
    expect(detail.trace.llmCallCount).toBe(3);
  });

  it('reads provider, models, finish reasons and usage as the model server reported them', () => {
    const chats = detail.spans.filter((s) => s.nodeType === 'llm');
    const calls = h.model.calls.filter((c) => c.path === '/v1/chat/completions');
    expect(chats.map((s) => s.name)).toEqual(['chat gpt-4o-mini', 'chat gpt-4o-mini', 'chat gpt-4o-mini']);
    chats.forEach((span, i) => {
      const usage = calls[i]?.usage;
      expect(span).toMatchObject({
        provider: 'openai',
        operation: 'chat',
        requestModel: 'gpt-4o-mini',
        responseModel: 'gpt-4o-mini-2024-07-18',
        inputTokens: usage?.prompt_tokens,
        outputTokens: usage && 'completion_tokens' in usage ? usage.completion_tokens : -1,
        // The instrumentation does not send cached or reasoning counts for chat completions.
        cacheReadTokens: 0,
        reasoningTokens: 0,
        usageIsAggregate: false,
      });
    });
    // The tool call itself goes to log events, which Loupe does not receive; the finish reason shows it.
    expect(chats.map((s) => s.finishReasons)).toEqual([['tool_calls'], ['stop'], ['stop']]);
    const embedding = detail.spans.find((s) => s.nodeType === 'embedding');
    expect(embedding).toMatchObject({
      name: 'embeddings text-embedding-3-small',
      requestModel: 'text-embedding-3-small',
      inputTokens: h.model.calls.find((c) => c.path === '/v1/embeddings')?.usage.prompt_tokens,
    });
  });

  it('prices every call from the catalog and counts usage once in the trace totals', async () => {
    const billed = billedUsage(h.model.calls);
    expect(detail.trace).toMatchObject({
      inputTokens: billed.inputTokens,
      outputTokens: billed.outputTokens,
      models: expect.arrayContaining(['gpt-4o-mini-2024-07-18', 'text-embedding-3-small']),
      unpricedCount: 0,
    });
    const priced = detail.spans.filter((s) => s.nodeType === 'llm' || s.nodeType === 'embedding');
    for (const span of priced) expect(span.costSource).toBe('catalog');
    for (const span of priced.filter((s) => s.nodeType === 'llm')) {
      expect(span.costUsd).toBeCloseTo(gpt4oMiniCost(span.inputTokens, 0, span.outputTokens), 12);
    }
    const embedding = priced.find((s) => s.nodeType === 'embedding');
    expect(embedding?.costUsd).toBeCloseTo(embeddingCost(embedding?.inputTokens ?? 0), 12);
    const sum = priced.reduce((total, s) => total + (s.costUsd ?? 0), 0);
    expect(detail.trace.costUsd).toBeCloseTo(sum, 12);

    const list = await listTraces(h.db.client, h.db.database, { projectId: 'default', limit: 10 });
    expect(list.traces.map((t) => t.traceId)).toEqual([traceId]);
    expect(list.traces[0]).toMatchObject({ rootName: RUN_NAME, serviceName: 'otel-openai-app', llmCallCount: 3 });
  });
});
