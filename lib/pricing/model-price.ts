import { contextWindow, findCatalogModel } from './catalog';
import { pricePeriodAt, tokenPrices } from './catalog-prices';
import type { CatalogModelPrice } from './types';

/**
 * The catalog price a span from `provider` running `model` would get at `at`, for display (the settings page
 * shows it next to any override). Null when the catalog has no entry for the model, or prices it by something
 * other than tokens (audio hours, document pages).
 */
export function lookupModelPrice(provider: string, model: string, at: Date): CatalogModelPrice | null {
  const match = findCatalogModel(provider, model);
  if (!match) return null;
  const period = pricePeriodAt(match.model, at);
  const prices = tokenPrices(period.prices);
  if (!prices) return null;
  return {
    providerId: match.provider.id,
    modelId: match.model.id,
    modelName: match.model.name ?? match.model.id,
    rates: prices.rates,
    tiers: prices.tiers,
    perRequestUsd: prices.perRequestUsd,
    contextWindow: contextWindow(provider, model),
    effectiveFrom: period.effectiveFrom,
  };
}
