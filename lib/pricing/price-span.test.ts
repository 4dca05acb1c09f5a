import { describe, expect, it } from 'vitest';
import { priceSpan } from './price-span';
import type { PriceOverride, PricedSpan } from './types';

const nanos = (iso: string): bigint => BigInt(Date.parse(iso)) * 1_000_000n;

const span = (s: Partial<PricedSpan>): PricedSpan => ({
  nodeType: 'llm',
  provider: '',
  requestModel: '',
  responseModel: '',
  inputTokens: 0,
  outputTokens: 0,
  cacheReadTokens: 0,
  cacheWriteTokens: 0,
  reasoningTokens: 0,
  usageIsAggregate: false,
  reportedCostUsd: null,
  startTimeUnixNano: nanos('2025-03-01T12:00:00Z'),
  projectId: 'p1',
  ...s,
});

const override = (o: Partial<PriceOverride>): PriceOverride => ({
  projectId: 'p1',
  provider: '',
  model: 'gpt-4o*',
  inputPerMTok: 1,
  outputPerMTok: 4,
  effectiveFrom: null,
  ...o,
});

// Per-million prices below are the catalog's published ones (node_modules/@pydantic/genai-prices data).
const o3At = (iso: string) =>
  span({ provider: 'openai', responseModel: 'o3', inputTokens: 1_000, outputTokens: 1_000, startTimeUnixNano: nanos(iso) });
describe('priceSpan: catalog prices, computed by hand', () => {
  it.each([
    {
      name: 'OpenAI gpt-4o with cached input ($2.50 in, $1.25 cached, $10 out)',
      span: span({
        provider: 'openai',
        requestModel: 'gpt-4o',
        responseModel: 'gpt-4o-2024-08-06',
        inputTokens: 10_000,
        cacheReadTokens: 4_000,
        outputTokens: 500,
      }),
      // uncached 10000 − 4000 = 6000
      expected: (6_000 * 2.5 + 4_000 * 1.25 + 500 * 10) / 1e6, // 0.025
    },
    {
      name: 'OpenAI o4-mini: reasoning tokens are inside output, charged once ($1.10 in, $4.40 out)',
      span: span({
        provider: 'openai',
        responseModel: 'o4-mini-2025-04-16',
        inputTokens: 2_000,
        outputTokens: 3_000,
        reasoningTokens: 2_500,
      }),
      expected: (2_000 * 1.1 + 3_000 * 4.4) / 1e6, // 0.0154
    },
    {
      name: 'OpenAI gpt-5 with cached input and reasoning ($1.25 in, $0.125 cached, $10 out)',
      span: span({
        provider: 'openai.responses',
        responseModel: 'gpt-5-2025-08-07',
        inputTokens: 5_000,
        cacheReadTokens: 1_000,
        outputTokens: 4_000,
        reasoningTokens: 3_000,
      }),
      expected: (4_000 * 1.25 + 1_000 * 0.125 + 4_000 * 10) / 1e6, // 0.045125
    },
    {
      name: 'Claude 3.5 Sonnet with cache write and read ($3 in, $3.75 write, $0.30 read, $15 out)',
      span: span({
        provider: 'anthropic',
        responseModel: 'claude-3-5-sonnet-20241022',
        inputTokens: 10_000,
        cacheWriteTokens: 2_000,
        cacheReadTokens: 6_000,
        outputTokens: 1_000,
      }),
      // uncached 10000 − 2000 − 6000 = 2000
      expected: (2_000 * 3 + 2_000 * 3.75 + 6_000 * 0.3 + 1_000 * 15) / 1e6, // 0.0303
    },
    {
      name: 'Gemini 2.0 Flash with cached input ($0.10 in, $0.025 cached, $0.40 out)',
      span: span({
        provider: 'gcp.gemini',
        responseModel: 'gemini-2.0-flash',
        inputTokens: 12_000,
        cacheReadTokens: 8_000,
        outputTokens: 600,
      }),
      expected: (4_000 * 0.1 + 8_000 * 0.025 + 600 * 0.4) / 1e6, // 0.00084
    },
    {
      name: 'Gemini 1.5 Pro above its 128k prompt tier ($2.50 in, $10 out instead of $1.25 / $5)',
      span: span({ provider: 'gcp.vertex_ai', responseModel: 'gemini-1.5-pro-002', inputTokens: 200_000, outputTokens: 1_000 }),
      expected: (200_000 * 2.5 + 1_000 * 10) / 1e6, // 0.51
    },
    {
      name: 'Bedrock cross-region Claude 3.5 Sonnet id ($3 in, $3.75 write, $0.30 read, $15 out)',
      span: span({
        provider: 'aws.bedrock',
        requestModel: 'us.anthropic.claude-3-5-sonnet-20240620-v1:0',
        inputTokens: 5_000,
        cacheWriteTokens: 1_000,
        cacheReadTokens: 2_000,
        outputTokens: 400,
      }),
      expected: (2_000 * 3 + 1_000 * 3.75 + 2_000 * 0.3 + 400 * 15) / 1e6, // 0.01635
    },
    {
      name: 'embedding: text-embedding-3-small ($0.02 in)',
      span: span({ nodeType: 'embedding', provider: 'openai', requestModel: 'text-embedding-3-small', inputTokens: 50_000 }),
      expected: (50_000 * 0.02) / 1e6, // 0.001
    },
    {
      name: 'historic price: o3 before its 2025-06-10 cut ($10 in, $40 out)',
      span: o3At('2025-05-01T00:00:00Z'),
      expected: (1_000 * 10 + 1_000 * 40) / 1e6, // 0.05
    },
    {
      name: 'historic price: o3 after its 2025-06-10 cut ($2 in, $8 out)',
      span: o3At('2025-07-01T00:00:00Z'),
      expected: (1_000 * 2 + 1_000 * 8) / 1e6, // 0.01
    },
    {
      name: 'response model with no price: the request model prices the span',
      span: span({ provider: 'openai', requestModel: 'gpt-4o', responseModel: 'my-deployment-7', inputTokens: 1_000, outputTokens: 100 }),
      expected: (1_000 * 2.5 + 100 * 10) / 1e6,
    },
  ])('$name', ({ span: s, expected }) => {
    const price = priceSpan(s, []);
    expect(price.costSource).toBe('catalog');
    expect(price.costUsd).toBeCloseTo(expected, 12);
  });
});

describe('priceSpan: what has no catalog price', () => {
  it.each([
    {
      name: 'unknown model',
      span: span({ provider: 'openai', responseModel: 'acme-llm-9', inputTokens: 100, outputTokens: 10 }),
      source: 'unpriced',
    },
    { name: 'no model at all', span: span({ provider: 'openai', inputTokens: 100 }), source: 'unpriced' },
    { name: 'local runtime', span: span({ provider: 'ollama', responseModel: 'llama3', inputTokens: 100 }), source: 'unpriced' },
    { name: 'no token usage', span: span({ provider: 'openai', responseModel: 'gpt-4o' }), source: 'none' },
    {
      name: 'aggregate usage of an agent span',
      span: span({
        nodeType: 'agent',
        provider: 'openai',
        responseModel: 'gpt-4o',
        inputTokens: 9_000,
        outputTokens: 900,
        usageIsAggregate: true,
      }),
      source: 'none',
    },
    {
      name: 'aggregate usage even with a reported cost (the children carry it)',
      span: span({ nodeType: 'agent', responseModel: 'gpt-4o', inputTokens: 9_000, usageIsAggregate: true, reportedCostUsd: 0.3 }),
      source: 'none',
    },
  ])('$name → $source with a null cost', ({ span: s, source }) => {
    expect(priceSpan(s, [])).toEqual({ costUsd: null, costSource: source });
  });
});

describe('priceSpan: precedence', () => {
  const gpt4o = span({ provider: 'openai', responseModel: 'gpt-4o-2024-08-06', inputTokens: 10_000, outputTokens: 1_000 });

  it.each([
    {
      name: 'reported cost wins over an override and the catalog',
      span: { ...gpt4o, reportedCostUsd: 0.0123 },
      overrides: [override({})],
      expected: { costUsd: 0.0123, costSource: 'reported' },
    },
    {
      name: 'a reported zero is a real zero',
      span: { ...gpt4o, reportedCostUsd: 0 },
      overrides: [],
      expected: { costUsd: 0, costSource: 'reported' },
    },
    {
      name: 'a reported cost without token usage still counts',
      span: span({ responseModel: 'gpt-4o', reportedCostUsd: 0.5 }),
      overrides: [],
      expected: { costUsd: 0.5, costSource: 'reported' },
    },
    {
      name: 'override wins over the catalog ($1 in, $4 out)',
      span: gpt4o,
      overrides: [override({})],
      expected: { costUsd: (10_000 * 1 + 1_000 * 4) / 1e6, costSource: 'override' },
    },
    {
      name: 'an override of another project is ignored',
      span: gpt4o,
      overrides: [override({ projectId: 'p2' })],
      expected: { costUsd: (10_000 * 2.5 + 1_000 * 10) / 1e6, costSource: 'catalog' },
    },
    {
      name: 'an override prices a model the catalog does not know',
      span: span({ provider: 'ollama', responseModel: 'llama3', inputTokens: 1_000, outputTokens: 1_000 }),
      overrides: [override({ model: 'llama3', inputPerMTok: 0, outputPerMTok: 0 })],
      expected: { costUsd: 0, costSource: 'override' },
    },
    {
      name: 'an override written for the requested alias covers a dated response model',
      span: { ...gpt4o, requestModel: 'gpt-4o' },
      overrides: [override({ model: 'gpt-4o' })],
      expected: { costUsd: (10_000 * 1 + 1_000 * 4) / 1e6, costSource: 'override' },
    },
    {
      name: 'a broken (negative) reported cost falls back to the catalog',
      span: { ...gpt4o, reportedCostUsd: -1 },
      overrides: [],
      expected: { costUsd: (10_000 * 2.5 + 1_000 * 10) / 1e6, costSource: 'catalog' },
    },
  ])('$name', ({ span: s, overrides, expected }) => {
    const price = priceSpan(s, overrides);
    expect(price.costSource).toBe(expected.costSource);
    expect(price.costUsd).toBeCloseTo(expected.costUsd, 12);
  });

  it('uses override cache and reasoning rates, falling back to input and output rates', () => {
    const s = span({
      provider: 'openai',
      responseModel: 'gpt-4o',
      inputTokens: 10_000,
      cacheReadTokens: 4_000,
      cacheWriteTokens: 1_000,
      outputTokens: 2_000,
      reasoningTokens: 500,
    });
    const withRates = priceSpan(s, [override({ cacheReadPerMTok: 0.1, cacheWritePerMTok: 2, reasoningPerMTok: 3 })]);
    // uncached 5000·1 + 4000·0.1 + 1000·2 + (2000 − 500)·4 + 500·3
    expect(withRates.costUsd).toBeCloseTo((5_000 * 1 + 4_000 * 0.1 + 1_000 * 2 + 1_500 * 4 + 500 * 3) / 1e6, 12);
    const without = priceSpan(s, [override({})]);
    // 10000·1 + 2000·4
    expect(without.costUsd).toBeCloseTo((10_000 * 1 + 2_000 * 4) / 1e6, 12);
  });
});

describe('priceSpan: override effective dates', () => {
  const at = (iso: string) =>
    span({ provider: 'openai', responseModel: 'gpt-4o', inputTokens: 1_000_000, startTimeUnixNano: nanos(iso) });
  const from = (iso: string) => new Date(iso);
  const catalog = { costUsd: 2.5, costSource: 'catalog' };

  it.each([
    {
      name: 'span before the override took effect → catalog',
      when: '2025-02-28T23:59:59Z',
      overrides: [override({ effectiveFrom: from('2025-03-01T00:00:00Z') })],
      expected: catalog,
    },
    {
      name: 'span at the moment it took effect → override',
      when: '2025-03-01T00:00:00Z',
      overrides: [override({ effectiveFrom: from('2025-03-01T00:00:00Z') })],
      expected: { costUsd: 1, costSource: 'override' },
    },
    {
      name: 'span after it took effect → override',
      when: '2025-04-01T00:00:00Z',
      overrides: [override({ effectiveFrom: from('2025-03-01T00:00:00Z') })],
      expected: { costUsd: 1, costSource: 'override' },
    },
    {
      name: 'two overrides: the latest in effect wins',
      when: '2025-05-01T00:00:00Z',
      overrides: [
        override({ inputPerMTok: 2, effectiveFrom: from('2025-04-01T00:00:00Z') }),
        override({ inputPerMTok: 1, effectiveFrom: from('2025-03-01T00:00:00Z') }),
        override({ inputPerMTok: 9, effectiveFrom: from('2025-06-01T00:00:00Z') }),
      ],
      expected: { costUsd: 2, costSource: 'override' },
    },
    {
      name: 'two overrides: a span between them gets the earlier one',
      when: '2025-03-15T00:00:00Z',
      overrides: [
        override({ inputPerMTok: 2, effectiveFrom: from('2025-04-01T00:00:00Z') }),
        override({ inputPerMTok: 1, effectiveFrom: from('2025-03-01T00:00:00Z') }),
      ],
      expected: { costUsd: 1, costSource: 'override' },
    },
  ])('$name', ({ when, overrides, expected }) => {
    const price = priceSpan(at(when), overrides);
    expect(price.costSource).toBe(expected.costSource);
    expect(price.costUsd).toBeCloseTo(expected.costUsd, 12);
  });
});
