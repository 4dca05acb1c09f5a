/**
 * `@arizeai/openinference-instrumentation-openai` (OpenInference conventions) observing the official `openai`
 * client → OTLP/HTTP → collector → trace API. Enabled the way its docs give for ES modules:
 * `manuallyInstrument(OpenAI)` with the imported client class.
 */
import { OpenAIInstrumentation } from '@arizeai/openinference-instrumentation-openai';
import { OpenAI } from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getSpanContent } from '../../lib/queries/traces';
import type { ApiTraceDetail } from '../../lib/span/api-types';
import { billedUsage, startClientHarness, type ClientHarness } from './harness';
import { expectBilledChatCall, RUN_NAME, recordWeatherRun } from './openai-run';

let h: ClientHarness;
let detail: ApiTraceDetail;

beforeAll(async () => {
  h = await startClientHarness('openinference-openai-app');
  const instrumentation = new OpenAIInstrumentation({ tracerProvider: h.provider });
  instrumentation.manuallyInstrument(OpenAI);
  const client = new OpenAI({ apiKey: 'test-key', baseURL: h.model.baseURL, maxRetries: 0 });
  detail = await recordWeatherRun(h, client, instrumentation, { name: 'openinference-openai', instrumentationPackage: '@arizeai/openinference-instrumentation-openai' });
});

afterAll(async () => {
  await h?.close();
});

describe('@arizeai/openinference-instrumentation-openai → Loupe', () => {
  it('stores one typed span per client call under the caller’s span', () => {
    const root = detail.spans.find((s) => s.name === RUN_NAME);
    expect(detail.trace.spanCount).toBe(5);
    expect(detail.spans.map((s) => `${s.nodeType} ${s.name}`)).toEqual([
      `span ${RUN_NAME}`,
      'llm OpenAI Chat Completions',
      'llm OpenAI Chat Completions',
      'llm OpenAI Chat Completions',
      'embedding OpenAI Embeddings',
    ]);
    for (const span of detail.spans.filter((s) => s !== root)) {
      expect(span.parentSpanId).toBe(root?.spanId);
      expect(span.scopeName).toBe('@arizeai/openinference-instrumentation-openai');
    }
  });

  it('reads provider, models, finish reasons and every token count the instrumentation sent', () => {
    const [first, second, streamed] = detail.spans.filter((s) => s.nodeType === 'llm');
    const calls = h.model.calls.filter((c) => c.path === '/v1/chat/completions');
    for (const [span, call] of [
      [first, calls[0]],
      [second, calls[1]],
    ] as const) {
      expectBilledChatCall(span, call, { responseModel: 'gpt-4o-mini-2024-07-18' });
    }
    expect([first?.finishReasons, second?.finishReasons, streamed?.finishReasons]).toEqual([['tool_calls'], ['stop'], ['stop']]);
    // The instrumentation records no usage for streamed completions or embeddings: nothing to price, not a zero price.
    expect(streamed).toMatchObject({ requestModel: 'gpt-4o-mini', inputTokens: 0, outputTokens: 0, costSource: 'none' });
    expect(detail.spans.find((s) => s.nodeType === 'embedding')).toMatchObject({
      requestModel: 'text-embedding-3-small',
      inputTokens: 0,
      costSource: 'none',
    });
  });

  it('keeps the tool call the model asked for as content of the first call', async () => {
    const first = detail.spans.find((s) => s.nodeType === 'llm');
    const content = await getSpanContent(h.db.client, h.db.database, 'default', detail.trace.traceId, first?.spanId ?? '');
    const call = h.model.calls[0];
    expect(content.outputMessages?.[0]?.parts).toContainEqual(
      expect.objectContaining({ type: 'tool_call', name: 'get_weather', arguments: { city: 'Paris' } }),
    );
    expect(call?.toolCalled).toBe('get_weather');
    expect(content.inputMessages?.[0]).toMatchObject({ role: 'user', parts: [{ type: 'text', content: 'What is the weather in Paris?' }] });
  });

  it('counts usage once: trace totals equal what the model server billed for the calls that reported usage', () => {
    const reported = billedUsage(h.model.calls.slice(0, 2));
    expect(detail.trace).toMatchObject({
      inputTokens: reported.inputTokens,
      outputTokens: reported.outputTokens,
      cacheReadTokens: reported.cacheReadTokens,
      reasoningTokens: reported.reasoningTokens,
      unpricedCount: 0,
    });
    const sum = detail.spans.reduce((total, s) => total + (s.costUsd ?? 0), 0);
    expect(detail.trace.costUsd).toBeCloseTo(sum, 12);
  });
});
