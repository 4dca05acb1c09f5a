/**
 * The application the OpenAI-client instrumentations observe: one traced run that asks a question with a tool
 * on offer (the model calls it), answers with the tool's result, streams a second answer, and embeds two
 * texts. The caller's own span is the root, as in an instrumented service handling one request.
 */
import { trace } from '@opentelemetry/api';
import type { OpenAI } from 'openai';
import { expect } from 'vitest';
import { getTraceDetail } from '../../lib/queries/traces';
import type { ApiSpan, ApiTraceDetail } from '../../lib/span/api-types';
import type { RecordedCall } from './fake-openai-server';
import { installedVersion, type ClientHarness } from './harness';

export const RUN_NAME = 'weather-run';

const weatherTool = {
  type: 'function' as const,
  function: {
    name: 'get_weather',
    description: 'Current weather for a city',
    parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
  },
};

/** The local tool the model asks for. */
function getWeather(args: string): string {
  const { city } = JSON.parse(args) as { city: string };
  return JSON.stringify({ city, temperature_c: 18 });
}

/** Runs the scenario and returns the trace id of its root span. */
export function runWeatherScenario(client: OpenAI): Promise<string> {
  return trace.getTracer('weather-app').startActiveSpan(RUN_NAME, async (root) => {
    const question = { role: 'user' as const, content: 'What is the weather in Paris?' };
    const first = await client.chat.completions.create({ model: 'gpt-4o-mini', messages: [question], tools: [weatherTool] });
    const call = first.choices[0]?.message.tool_calls?.[0];
    if (call?.type !== 'function') throw new Error('the fake model server should have asked for a tool');
    await client.chat.completions.create({
      model: 'gpt-4o-mini',
      tools: [weatherTool],
      messages: [
        question,
        { role: 'assistant', content: null, tool_calls: [call] },
        { role: 'tool', tool_call_id: call.id, content: getWeather(call.function.arguments) },
      ],
    });
    const stream = await client.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'Say it again, streamed' }],
      stream: true,
      stream_options: { include_usage: true },
    });
    for await (const chunk of stream) void chunk;
    await client.embeddings.create({ model: 'text-embedding-3-small', input: ['weather in Paris', 'weather in Rome'] });
    root.end();
    return root.spanContext().traceId;
  });
}

/**
 * Runs the scenario through an instrumented client, exports it, switches the instrumentation off and returns the
 * trace as the API serves it; the export is kept as the fixture `fixture` (see `ClientHarness.recordFixture`).
 */
export async function recordWeatherRun(
  h: ClientHarness,
  client: OpenAI,
  instrumentation: { disable(): void },
  fixture: { name: string; instrumentationPackage: string },
): Promise<ApiTraceDetail> {
  const traceId = await runWeatherScenario(client);
  await h.flush();
  instrumentation.disable();
  const detail = await getTraceDetail(h.db.client, h.db.database, 'default', traceId);
  await h.recordFixture(fixture.name, {
    instrumentation: await installedVersion(fixture.instrumentationPackage),
    client: await installedVersion('openai'),
  });
  return detail;
}

/** gpt-4o-mini list prices: $0.15/M input ($0.075/M cached), $0.60/M output. */
export function gpt4oMiniCost(input: number, cached: number, output: number): number {
  return ((input - cached) * 0.15 + cached * 0.075 + output * 0.6) / 1e6;
}

/** text-embedding-3-small: $0.02/M input. */
export const embeddingCost = (input: number) => (input * 0.02) / 1e6;

/**
 * Asserts that a model-call span carries what the fake provider billed for one chat call: input and output tokens,
 * cached and reasoning tokens (zero for instrumentations that do not send them), own usage, and the catalog price of
 * gpt-4o-mini for exactly those tokens. `fields` adds what differs per instrumentation (span name, models…).
 */
export function expectBilledChatCall(
  span: ApiSpan | undefined,
  call: RecordedCall | undefined,
  fields: Partial<ApiSpan> = {},
  { sendsCacheAndReasoning = true } = {},
): void {
  const usage = call?.usage;
  if (!usage || !('completion_tokens' in usage)) throw new Error('chat call without usage');
  const cached = sendsCacheAndReasoning ? usage.prompt_tokens_details.cached_tokens : 0;
  expect(span).toMatchObject({
    provider: 'openai',
    requestModel: 'gpt-4o-mini',
    inputTokens: usage.prompt_tokens,
    outputTokens: usage.completion_tokens,
    cacheReadTokens: cached,
    reasoningTokens: sendsCacheAndReasoning ? usage.completion_tokens_details.reasoning_tokens : 0,
    usageIsAggregate: false,
    costSource: 'catalog',
    ...fields,
  });
  expect(span?.costUsd).toBeCloseTo(gpt4oMiniCost(usage.prompt_tokens, cached, usage.completion_tokens), 12);
}
