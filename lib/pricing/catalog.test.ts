import { calcPrice } from '@pydantic/genai-prices';
import { describe, expect, it } from 'vitest';
import { tokenCostUsd } from './arithmetic';
import { contextWindow, findCatalogModel } from './catalog';
import { pricePeriodAt, ratesForPrompt, tokenPrices } from './catalog-prices';
import { lookupModelPrice } from './model-price';
import { catalogProviderId } from './providers';

describe('findCatalogModel: provider and model ids as instrumentations send them', () => {
  it.each([
    // OTel gen_ai.provider.name values
    ['openai', 'gpt-4o-2024-08-06', 'openai/gpt-4o'],
    ['anthropic', 'claude-3-5-sonnet-20241022', 'anthropic/claude-3-5-sonnet'],
    ['gcp.gemini', 'gemini-2.0-flash', 'google/gemini-2.0-flash'],
    ['gcp.vertex_ai', 'gemini-1.5-pro-002', 'google/gemini-1.5-pro'],
    ['gcp.gen_ai', 'gemini-2.5-flash', 'google/gemini-2.5-flash'],
    ['aws.bedrock', 'anthropic.claude-3-5-sonnet-20240620-v1:0', 'aws/regional.anthropic.claude-3-5-sonnet-20240620-v1:0'],
    ['aws.bedrock', 'amazon.nova-pro-v1:0', 'aws/amazon.nova-pro-v1:0'],
    ['azure.ai.openai', 'gpt-4o', 'azure/gpt-4o'],
    ['azure.ai.inference', 'mistral-large-latest', 'mistral/mistral-large'],
    ['mistral_ai', 'mistral-large-latest', 'mistral/mistral-large'],
    ['x_ai', 'grok-3', 'x-ai/grok-3'],
    ['deepseek', 'deepseek-chat', 'deepseek/deepseek-chat'],
    ['groq', 'llama-3.3-70b-versatile', 'groq/llama-3.3-70b-versatile'],
    ['cohere', 'command-r-plus', 'cohere/command-r-plus'],
    // deprecated gen_ai.system spellings
    ['vertex_ai', 'claude-3-5-sonnet-v2@20241022', 'google/claude-3-5-sonnet'],
    ['gemini', 'gemini-1.5-flash', 'google/gemini-1.5-flash'],
    ['az.ai.openai', 'gpt-4o-mini', 'azure/gpt-4o-mini'],
    ['xai', 'grok-3', 'x-ai/grok-3'],
    // AI SDK provider ids
    ['openai.chat', 'gpt-4o', 'openai/gpt-4o'],
    ['openai.responses', 'o4-mini', 'openai/o4-mini'],
    ['anthropic.messages', 'claude-3-5-sonnet-20241022', 'anthropic/claude-3-5-sonnet'],
    ['google.generative-ai', 'gemini-2.0-flash', 'google/gemini-2.0-flash'],
    ['google.vertex.chat', 'gemini-1.5-pro', 'google/gemini-1.5-pro'],
    ['amazon-bedrock', 'us.anthropic.claude-3-5-sonnet-20240620-v1:0', 'aws/regional.anthropic.claude-3-5-sonnet-20240620-v1:0'],
    // OpenInference llm.provider / llm.system values
    ['mistralai', 'mistral-small-latest', 'mistral/mistral-small-latest'],
    ['vertexai', 'gemini-2.0-flash', 'google/gemini-2.0-flash'],
    ['azure', 'gpt-4o', 'azure/gpt-4o'],
    ['aws', 'anthropic.claude-3-5-sonnet-20240620-v1:0', 'aws/regional.anthropic.claude-3-5-sonnet-20240620-v1:0'],
    // no provider: inferred from the model id
    ['', 'gpt-4o', 'openai/gpt-4o'],
    ['', 'claude-3-5-sonnet-20241022', 'anthropic/claude-3-5-sonnet'],
    ['', 'anthropic.claude-3-5-sonnet-20240620-v1:0', 'aws/regional.anthropic.claude-3-5-sonnet-20240620-v1:0'],
    // prefixes and resource paths
    ['', 'openai/gpt-4o', 'openai/gpt-4o'],
    ['gcp.gemini', 'models/gemini-1.5-pro', 'google/gemini-1.5-pro'],
    ['', 'models/gemini-1.5-pro', 'google/gemini-1.5-pro'],
    ['gcp.vertex_ai', 'projects/p1/locations/us-central1/publishers/google/models/gemini-1.5-pro-002', 'google/gemini-1.5-pro'],
    [
      'aws.bedrock',
      'arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.anthropic.claude-3-5-sonnet-20240620-v1:0',
      'aws/regional.anthropic.claude-3-5-sonnet-20240620-v1:0',
    ],
    // a host that lists vendor-prefixed ids itself keeps them
    ['openrouter', 'anthropic/claude-3.5-sonnet', 'openrouter/anthropic/claude-3.5-sonnet'],
    // case and whitespace
    [' OpenAI ', 'GPT-4o', 'openai/gpt-4o'],
  ])('%s + %s → %s', (provider, model, expected) => {
    const match = findCatalogModel(provider, model);
    expect(match && `${match.provider.id}/${match.model.id}`).toBe(expected);
  });

  it.each([
    ['openai', 'my-private-model'],
    ['', 'totally-unknown-model'],
    ['ollama', 'llama3'],
    // a local runtime is never priced as the vendor's hosted API
    ['ollama', 'gpt-4o'],
    ['openai', ''],
  ])('%s + %s → no catalog entry', (provider, model) => {
    expect(findCatalogModel(provider, model)).toBeNull();
  });

  it('answers the same on a repeated (memoised) lookup', () => {
    const first = findCatalogModel('aws.bedrock', 'anthropic.claude-3-5-sonnet-20240620-v1:0');
    expect(findCatalogModel('aws.bedrock', 'anthropic.claude-3-5-sonnet-20240620-v1:0')).toBe(first);
  });
});

describe('catalogProviderId', () => {
  it.each([
    ['gcp.vertex_ai', 'google'],
    ['azure.ai.inference', 'azure'],
    ['x_ai', 'x-ai'],
    ['together_ai', 'together'],
    ['openai.embedding', 'openai'],
    ['langchain', null],
    ['', null],
  ])('%s → %s', (provider, expected) => {
    expect(catalogProviderId(provider)).toBe(expected);
  });
});

describe('contextWindow', () => {
  it.each([
    ['openai', 'gpt-4o-2024-08-06', 128_000],
    ['anthropic', 'claude-3-5-sonnet-20241022', 200_000],
    ['aws.bedrock', 'anthropic.claude-3-5-sonnet-20240620-v1:0', 200_000],
    ['gcp.gemini', 'gemini-2.5-flash', 1_048_576],
    ['openai', 'unknown-model', null],
  ])('%s %s → %s', (provider, model, expected) => {
    expect(contextWindow(provider, model)).toBe(expected);
  });
});

describe('catalog prices over time', () => {
  const o3 = findCatalogModel('openai', 'o3');

  it.each([
    // o3 was cut from $10/$40 to $2/$8 per MTok on 2025-06-10
    ['2025-05-01T00:00:00Z', { input: 10, output: 40, cacheRead: 0.5 }, null],
    ['2025-06-09T23:59:59Z', { input: 10, output: 40, cacheRead: 0.5 }, null],
    ['2025-06-10T00:00:00Z', { input: 2, output: 8, cacheRead: 0.5 }, '2025-06-10T00:00:00.000Z'],
    ['2025-09-01T00:00:00Z', { input: 2, output: 8, cacheRead: 0.5 }, '2025-06-10T00:00:00.000Z'],
  ])('o3 at %s', (at, expected, effectiveFrom) => {
    const price = lookupModelPrice('openai', 'o3-2025-04-16', new Date(at));
    expect(o3?.model.id).toBe('o3');
    expect(price?.rates).toMatchObject(expected);
    expect(price?.effectiveFrom?.toISOString() ?? null).toBe(effectiveFrom);
  });

  it.each([
    // DeepSeek charges its standard rate 00:30–16:30 UTC and a discount outside it
    ['2025-03-01T12:00:00Z', 0.27, 1.1],
    ['2025-03-01T20:00:00Z', 0.135, 0.55],
    ['2025-03-01T00:15:00Z', 0.135, 0.55],
  ])('deepseek-chat at %s: input $%s, output $%s', (at, input, output) => {
    expect(lookupModelPrice('deepseek', 'deepseek-chat', new Date(at))?.rates).toMatchObject({ input, output });
  });

  it('applies a prompt-size tier to every token of the class once the prompt exceeds it', () => {
    const match = findCatalogModel('gcp.gemini', 'gemini-1.5-pro');
    const prices = match && tokenPrices(pricePeriodAt(match.model, new Date('2025-01-01')).prices);
    expect(prices?.tiers.map((t) => t.aboveInputTokens)).toEqual([128_000]);
    expect(prices && ratesForPrompt(prices, 128_000)).toMatchObject({ input: 1.25, output: 5 });
    expect(prices && ratesForPrompt(prices, 128_001)).toMatchObject({ input: 2.5, output: 10 });
  });

  it('shows a model priced by something other than tokens as having no token price', () => {
    expect(lookupModelPrice('openai', 'gpt-transcribe', new Date('2025-06-01'))).toBeNull();
  });
});

describe('our arithmetic agrees with the catalog package on consistent usage', () => {
  // Same usage fed to both: ours takes counts that include cached/reasoning tokens, as does the package.
  const at = new Date('2025-03-01T12:00:00Z');
  it.each([
    ['openai', 'gpt-4o', { input: 10_000, cacheRead: 4_000, cacheWrite: 0, output: 500, reasoning: 0 }],
    // no cache-write rate listed: both charge cache writes at the input rate
    ['openai', 'gpt-4o', { input: 10_000, cacheRead: 4_000, cacheWrite: 3_000, output: 500, reasoning: 0 }],
    ['openai', 'o4-mini', { input: 2_000, cacheRead: 0, cacheWrite: 0, output: 3_000, reasoning: 2_500 }],
    ['anthropic', 'claude-3-5-sonnet-20241022', { input: 10_000, cacheRead: 6_000, cacheWrite: 2_000, output: 1_000, reasoning: 0 }],
    ['gcp.gemini', 'gemini-1.5-pro', { input: 200_000, cacheRead: 0, cacheWrite: 0, output: 1_000, reasoning: 0 }],
    ['anthropic', 'claude-sonnet-4-5', { input: 250_000, cacheRead: 100_000, cacheWrite: 10_000, output: 2_000, reasoning: 0 }],
    ['deepseek', 'deepseek-chat', { input: 5_000, cacheRead: 1_000, cacheWrite: 0, output: 800, reasoning: 0 }],
    ['perplexity', 'sonar-deep-research', { input: 1_000, cacheRead: 0, cacheWrite: 0, output: 4_000, reasoning: 3_000 }],
    ['perplexity', 'sonar', { input: 1_000, cacheRead: 0, cacheWrite: 0, output: 1_000, reasoning: 0 }],
  ])('%s %s', (provider, model, u) => {
    const match = findCatalogModel(provider, model);
    const prices = match && tokenPrices(pricePeriodAt(match.model, at).prices);
    if (!match || !prices) throw new Error(`no catalog price for ${provider} ${model}`);
    const ours = tokenCostUsd(
      {
        inputTokens: u.input,
        outputTokens: u.output,
        cacheReadTokens: u.cacheRead,
        cacheWriteTokens: u.cacheWrite,
        reasoningTokens: u.reasoning,
      },
      ratesForPrompt(prices, u.input),
      prices.perRequestUsd,
    );
    const theirs = calcPrice(
      {
        input_tokens: u.input,
        cache_read_tokens: u.cacheRead,
        cache_write_tokens: u.cacheWrite,
        output_tokens: u.output,
        output_reasoning_tokens: u.reasoning,
      },
      match.model.id,
      { providerId: match.provider.id, timestamp: at },
    );
    expect(theirs).not.toBeNull();
    expect(ours).toBeGreaterThan(0);
    expect(ours).toBeCloseTo(theirs?.total_price ?? Number.NaN, 12);
  });
});
