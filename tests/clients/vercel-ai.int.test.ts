/**
 * The Vercel AI SDK's own telemetry (legacy `ai.*` spans, `experimental_telemetry`) with the `@ai-sdk/openai`
 * provider → OTLP/HTTP → collector → trace API. The SDK needs no instrumentation package: it is handed the tracer.
 */
import { createOpenAI } from '@ai-sdk/openai';
import { trace } from '@opentelemetry/api';
import { embed, generateText, stepCountIs, streamText, tool } from 'ai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { getSpanContent, getTraceDetail } from '../../lib/queries/traces';
import type { ApiTraceDetail } from '../../lib/span/api-types';
import { billedUsage, installedVersion, startClientHarness, type ClientHarness } from './harness';
import { embeddingCost, expectBilledChatCall } from './openai-run';

let h: ClientHarness;
let detail: ApiTraceDetail;

beforeAll(async () => {
  h = await startClientHarness('vercel-ai-app');
  const provider = createOpenAI({ apiKey: 'test-key', baseURL: h.model.baseURL });
  const telemetry = { isEnabled: true, functionId: 'weather-agent', tracer: trace.getTracer('ai') };
  const traceId = await trace.getTracer('weather-app').startActiveSpan('weather-run', async (root) => {
    const result = await generateText({
      model: provider.chat('gpt-4o-mini'),
      prompt: 'What is the weather in Paris?',
      tools: {
        get_weather: tool({
          description: 'Current weather for a city',
          inputSchema: z.object({ city: z.string() }),
          execute: ({ city }) => Promise.resolve({ city, temperature_c: 18 }),
        }),
      },
      stopWhen: stepCountIs(3),
      maxRetries: 0,
      experimental_telemetry: telemetry,
    });
    if (result.steps.length !== 2) throw new Error(`expected a tool step and an answer, got ${result.steps.length} steps`);
    const streamed = streamText({
      model: provider.chat('gpt-4o-mini'),
      prompt: 'Say it again, streamed',
      maxRetries: 0,
      experimental_telemetry: { ...telemetry, functionId: 'weather-streamer' },
    });
    await streamed.consumeStream();
    await streamed.usage;
    await embed({ model: provider.embedding('text-embedding-3-small'), value: 'weather in Paris', maxRetries: 0, experimental_telemetry: telemetry });
    root.end();
    return root.spanContext().traceId;
  });
  await h.flush();
  detail = await getTraceDetail(h.db.client, h.db.database, 'default', traceId);
  await h.recordFixture('vercel-ai', {
    instrumentation: await installedVersion('ai'),
    client: await installedVersion('@ai-sdk/openai'),
  });
});

afterAll(async () => {
  await h?.close();
});

describe('Vercel AI SDK telemetry → Loupe', () => {
  const named = (name: string) => detail.spans.filter((s) => s.name === name);

  it('types wrappers as agents, provider calls as llm/embedding and tool executions as tools, nested as sent', () => {
    const root = named('weather-run')[0];
    const [generate] = named('ai.generateText');
    const [stream] = named('ai.streamText');
    expect(detail.spans.map((s) => `${s.nodeType} ${s.name}`).sort()).toEqual(
      [
        'span weather-run',
        'agent ai.generateText',
        'llm ai.generateText.doGenerate',
        'tool ai.toolCall',
        'llm ai.generateText.doGenerate',
        'agent ai.streamText',
        'llm ai.streamText.doStream',
        'embedding ai.embed',
        'embedding ai.embed.doEmbed',
      ].sort(),
    );
    expect(generate).toMatchObject({ agentName: 'weather-agent', parentSpanId: root?.spanId });
    expect(stream).toMatchObject({ agentName: 'weather-streamer', parentSpanId: root?.spanId });
    for (const span of [...named('ai.generateText.doGenerate'), ...named('ai.toolCall')]) expect(span.parentSpanId).toBe(generate?.spanId);
    expect(named('ai.streamText.doStream')[0]?.parentSpanId).toBe(stream?.spanId);
    expect(named('ai.embed.doEmbed')[0]?.parentSpanId).toBe(named('ai.embed')[0]?.spanId);
    expect(detail.trace.agents.slice().sort()).toEqual(['weather-agent', 'weather-streamer']);
    expect(detail.trace).toMatchObject({ llmCallCount: 3, toolCallCount: 1 });
  });

  it('reads provider, models and every token count of each provider call as the model server reported them', () => {
    const calls = h.model.calls.filter((c) => c.path === '/v1/chat/completions');
    const llm = [...named('ai.generateText.doGenerate'), ...named('ai.streamText.doStream')];
    llm.forEach((span, i) => expectBilledChatCall(span, calls[i], { responseModel: 'gpt-4o-mini-2024-07-18' }));
    expect(llm.map((s) => s.finishReasons)).toEqual([['tool-calls'], ['stop'], ['stop']]);
    const embedding = named('ai.embed.doEmbed')[0];
    const billed = h.model.calls.find((c) => c.path === '/v1/embeddings')?.usage.prompt_tokens ?? -1;
    expect(embedding).toMatchObject({ requestModel: 'text-embedding-3-small', inputTokens: billed, costSource: 'catalog' });
    expect(embedding?.costUsd).toBeCloseTo(embeddingCost(billed), 12);
  });

  it('shows the tool call with its arguments and result', async () => {
    const toolSpan = named('ai.toolCall')[0];
    expect(toolSpan).toMatchObject({ toolName: 'get_weather', toolCallId: expect.stringMatching(/^call-\d+$/) });
    expect(JSON.parse(toolSpan?.toolArgumentsPreview ?? '')).toEqual({ city: 'Paris' });
    const content = await getSpanContent(h.db.client, h.db.database, 'default', detail.trace.traceId, toolSpan?.spanId ?? '');
    expect(content.toolResult).toEqual({ city: 'Paris', temperature_c: 18 });
  });

  it('marks the wrappers’ usage as aggregate so trace totals equal what the model server billed', () => {
    for (const name of ['ai.generateText', 'ai.streamText', 'ai.embed']) {
      expect(named(name)[0]).toMatchObject({ usageIsAggregate: true, costSource: 'none' });
    }
    expect(named('ai.generateText')[0]?.inputTokens).toBe(billedUsage(h.model.calls.slice(0, 2)).inputTokens);
    const billed = billedUsage(h.model.calls);
    expect(detail.trace).toMatchObject({
      inputTokens: billed.inputTokens,
      outputTokens: billed.outputTokens,
      cacheReadTokens: billed.cacheReadTokens,
      reasoningTokens: billed.reasoningTokens,
      unpricedCount: 0,
    });
    expect(detail.trace.costUsd).toBeCloseTo(
      detail.spans.reduce((total, s) => total + (s.costUsd ?? 0), 0),
      12,
    );
  });
});
