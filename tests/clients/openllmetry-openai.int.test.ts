/**
 * `@traceloop/instrumentation-openai` (OpenLLMetry) observing the official `openai` client → OTLP/HTTP →
 * collector → trace API. Enabled the way the Traceloop SDK does for ES modules: `manuallyInstrument(OpenAI)`.
 */
import { OpenAIInstrumentation } from '@traceloop/instrumentation-openai';
import { OpenAI } from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getSpanContent } from '../../lib/queries/traces';
import type { ApiTraceDetail } from '../../lib/span/api-types';
import { billedUsage, startClientHarness, type ClientHarness } from './harness';
import { expectBilledChatCall, RUN_NAME, recordWeatherRun } from './openai-run';

let h: ClientHarness;
let detail: ApiTraceDetail;

beforeAll(async () => {
  h = await startClientHarness('openllmetry-openai-app');
  // enrichTokens would estimate streamed usage with a tokenizer; off, Loupe shows only what was billed.
  const instrumentation = new OpenAIInstrumentation({ enrichTokens: false });
  instrumentation.setTracerProvider(h.provider);
  instrumentation.manuallyInstrument(OpenAI);
  const client = new OpenAI({ apiKey: 'test-key', baseURL: h.model.baseURL, maxRetries: 0 });
  detail = await recordWeatherRun(h, client, instrumentation, { name: 'openllmetry-openai', instrumentationPackage: '@traceloop/instrumentation-openai' });
});

afterAll(async () => {
  await h?.close();
});

describe('@traceloop/instrumentation-openai → Loupe', () => {
  it('stores one typed span per chat call under the caller’s span; embeddings are not instrumented', () => {
    const root = detail.spans.find((s) => s.name === RUN_NAME);
    expect(detail.spans.map((s) => `${s.nodeType} ${s.name}`)).toEqual([
      `span ${RUN_NAME}`,
      'llm chat gpt-4o-mini',
      'llm chat gpt-4o-mini',
      'llm chat gpt-4o-mini',
    ]);
    for (const span of detail.spans.filter((s) => s !== root)) {
      expect(span.parentSpanId).toBe(root?.spanId);
      expect(span.scopeName).toBe('@traceloop/instrumentation-openai');
    }
    expect(h.model.calls.map((c) => c.path)).toContain('/v1/embeddings');
  });

  it('reads provider, models, finish reasons and usage as the model server reported them', () => {
    const [first, second, streamed] = detail.spans.filter((s) => s.nodeType === 'llm');
    const calls = h.model.calls.filter((c) => c.path === '/v1/chat/completions');
    for (const [span, call] of [
      [first, calls[0]],
      [second, calls[1]],
    ] as const) {
      // This version sends no cached or reasoning counts for chat completions.
      expectBilledChatCall(span, call, { operation: 'chat', responseModel: 'gpt-4o-mini-2024-07-18' }, { sendsCacheAndReasoning: false });
    }
    expect([first?.finishReasons, second?.finishReasons, streamed?.finishReasons]).toEqual([['tool_call'], ['stop'], ['stop']]);
    // A streamed completion's usage chunk is not read: the span has no usage to price.
    expect(streamed).toMatchObject({ responseModel: 'gpt-4o-mini-2024-07-18', inputTokens: 0, outputTokens: 0, costSource: 'none' });
  });

  it('keeps the conversation and the tool call as content', async () => {
    const [first, second] = detail.spans.filter((s) => s.nodeType === 'llm');
    const get = (spanId = '') => getSpanContent(h.db.client, h.db.database, 'default', detail.trace.traceId, spanId);
    const firstContent = await get(first?.spanId);
    expect(firstContent.inputMessages?.[0]).toMatchObject({ role: 'user', parts: [{ type: 'text', content: 'What is the weather in Paris?' }] });
    expect(firstContent.outputMessages?.[0]?.parts).toContainEqual(
      expect.objectContaining({ type: 'tool_call', name: 'get_weather', arguments: { city: 'Paris' } }),
    );
    const secondContent = await get(second?.spanId);
    expect(secondContent.inputMessages?.map((m) => m.role)).toEqual(['user', 'assistant', 'tool']);
  });

  it('counts usage once: trace totals equal what the model server billed for the calls that reported usage', () => {
    const reported = billedUsage(h.model.calls.slice(0, 2));
    expect(detail.trace).toMatchObject({ inputTokens: reported.inputTokens, outputTokens: reported.outputTokens, unpricedCount: 0 });
    expect(detail.trace.costUsd).toBeCloseTo(
      detail.spans.reduce((total, s) => total + (s.costUsd ?? 0), 0),
      12,
    );
  });
});
