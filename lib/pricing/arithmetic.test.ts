import { describe, expect, it } from 'vitest';
import type { TokenUsage } from '@/lib/span/types';
import { hasUsage, tokenCostUsd } from './arithmetic';
import type { PerMTokRates } from './types';

const usage = (u: Partial<TokenUsage>): TokenUsage => ({
  inputTokens: 0,
  outputTokens: 0,
  cacheReadTokens: 0,
  cacheWriteTokens: 0,
  reasoningTokens: 0,
  ...u,
});
const rates = (r: Partial<PerMTokRates>): PerMTokRates => ({
  input: 2,
  output: 8,
  cacheRead: null,
  cacheWrite: null,
  reasoning: null,
  ...r,
});

describe('tokenCostUsd', () => {
  it.each([
    {
      name: 'plain input and output',
      usage: usage({ inputTokens: 1_000, outputTokens: 500 }),
      rates: rates({}),
      // 1000·2 + 500·8 = 6000 µ$
      expected: (1_000 * 2 + 500 * 8) / 1e6,
    },
    {
      name: 'cached tokens are part of input and charged at their own rates',
      usage: usage({ inputTokens: 10_000, cacheReadTokens: 6_000, cacheWriteTokens: 2_000, outputTokens: 100 }),
      rates: rates({ cacheRead: 0.2, cacheWrite: 2.5 }),
      // uncached 10000 − 6000 − 2000 = 2000
      expected: (2_000 * 2 + 6_000 * 0.2 + 2_000 * 2.5 + 100 * 8) / 1e6,
    },
    {
      name: 'no cache rates: cached tokens fall back to the input rate',
      usage: usage({ inputTokens: 10_000, cacheReadTokens: 6_000, cacheWriteTokens: 2_000 }),
      rates: rates({}),
      expected: (10_000 * 2) / 1e6,
    },
    {
      name: 'more cached than input: uncached input is zero, never negative',
      usage: usage({ inputTokens: 100, cacheReadTokens: 300 }),
      rates: rates({ cacheRead: 0.5 }),
      expected: (0 * 2 + 300 * 0.5) / 1e6,
    },
    {
      name: 'reasoning without its own rate is already in output: not counted twice',
      usage: usage({ inputTokens: 1_000, outputTokens: 3_000, reasoningTokens: 2_500 }),
      rates: rates({}),
      expected: (1_000 * 2 + 3_000 * 8) / 1e6,
    },
    {
      name: 'reasoning with its own rate: reasoning at that rate, the rest of output at the output rate',
      usage: usage({ inputTokens: 1_000, outputTokens: 3_000, reasoningTokens: 2_500 }),
      rates: rates({ reasoning: 3 }),
      expected: (1_000 * 2 + 500 * 8 + 2_500 * 3) / 1e6,
    },
    {
      name: 'reasoning above output is capped at output',
      usage: usage({ outputTokens: 1_000, reasoningTokens: 4_000 }),
      rates: rates({ reasoning: 3 }),
      expected: (1_000 * 3) / 1e6,
    },
    {
      name: 'broken counts (NaN, negative) count as zero',
      usage: usage({ inputTokens: Number.NaN, outputTokens: -5, cacheReadTokens: 0 }),
      rates: rates({}),
      expected: 0,
    },
  ])('$name', ({ usage: u, rates: r, expected }) => {
    expect(tokenCostUsd(u, r)).toBeCloseTo(expected, 12);
  });

  it('adds a per-request fee once', () => {
    // 1000·1 + 1000·1 µ$ + $12 per 1000 requests
    expect(tokenCostUsd(usage({ inputTokens: 1_000, outputTokens: 1_000 }), rates({ input: 1, output: 1 }), 0.012)).toBeCloseTo(
      0.002 + 0.012,
      12,
    );
  });
});

describe('hasUsage', () => {
  it.each([
    { u: usage({}), expected: false },
    { u: usage({ inputTokens: 1 }), expected: true },
    { u: usage({ outputTokens: 1 }), expected: true },
    { u: usage({ cacheReadTokens: 1 }), expected: true },
  ])('$u → $expected', ({ u, expected }) => {
    expect(hasUsage(u)).toBe(expected);
  });
});
