/**
 * Money saved by prompt caching: every cache-read token was billed at the cache-read rate instead of the input
 * rate, so the saving is cacheRead × (input rate − cache-read rate), per model at the catalog's current price.
 * A model without a catalog price, or without a cache-read rate, has no known saving (null), not a zero.
 */
import { lookupModelPrice } from '../pricing';
import type { ApiCacheSaving } from './types';

type Lookup = typeof lookupModelPrice;

export function cacheSavings(
  rows: readonly { provider: string; model: string; cacheReadTokens: number }[],
  at: Date,
  lookup: Lookup = lookupModelPrice,
): { totalUsd: number; byModel: ApiCacheSaving[] } {
  let totalUsd = 0;
  const byModel: ApiCacheSaving[] = [];
  for (const row of rows) {
    if (row.cacheReadTokens <= 0) continue;
    const price = lookup(row.provider, row.model, at);
    const input = price?.rates.input ?? null;
    const cacheRead = price?.rates.cacheRead ?? null;
    const savedUsd = input !== null && cacheRead !== null ? (row.cacheReadTokens * Math.max(0, input - cacheRead)) / 1e6 : null;
    if (savedUsd !== null) totalUsd += savedUsd;
    byModel.push({ ...row, savedUsd, inputPerMTok: input, cacheReadPerMTok: cacheRead });
  }
  byModel.sort((a, b) => (b.savedUsd ?? -1) - (a.savedUsd ?? -1) || b.cacheReadTokens - a.cacheReadTokens);
  return { totalUsd, byModel };
}
