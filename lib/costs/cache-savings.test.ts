import { describe, expect, it } from 'vitest';
import { cacheSavings } from './cache-savings';

const AT = new Date('2025-06-01T00:00:00Z');

describe('cacheSavings', () => {
  it('is cache reads × (input rate − cache-read rate) per model, from the catalog', () => {
    // claude-3-5-sonnet: $3 input, $0.30 cache read per million.
    const { totalUsd, byModel } = cacheSavings([{ provider: 'anthropic', model: 'claude-3-5-sonnet-20241022', cacheReadTokens: 2_000_000 }], AT);
    expect(totalUsd).toBeCloseTo(2 * (3 - 0.3), 9);
    expect(byModel[0]).toMatchObject({ inputPerMTok: 3, cacheReadPerMTok: 0.3 });
  });

  it('has no known saving (null, not zero) for a model the catalog does not price', () => {
    const { totalUsd, byModel } = cacheSavings([{ provider: 'acme', model: 'private-model', cacheReadTokens: 1000 }], AT);
    expect(totalUsd).toBe(0);
    expect(byModel[0]?.savedUsd).toBeNull();
  });

  it('uses the lookup it is given and skips models without cache reads', () => {
    const lookup = () => ({
      providerId: 'p',
      modelId: 'm',
      modelName: 'm',
      rates: { input: 10, output: 20, cacheRead: 1, cacheWrite: null, reasoning: null },
      tiers: [],
      perRequestUsd: 0,
      contextWindow: null,
      effectiveFrom: null,
    });
    const { totalUsd, byModel } = cacheSavings(
      [
        { provider: 'p', model: 'm', cacheReadTokens: 500_000 },
        { provider: 'p', model: 'n', cacheReadTokens: 0 },
      ],
      AT,
      lookup,
    );
    expect(totalUsd).toBeCloseTo(4.5, 9);
    expect(byModel).toHaveLength(1);
  });
});
