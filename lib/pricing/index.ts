export { priceSpan } from './price-span';
export { contextWindow } from './catalog';
export { lookupModelPrice } from './model-price';
export { validatePriceOverride, InvalidPriceOverride } from './overrides';
export type { CatalogModelPrice, PerMTokRates, PriceOverride, PriceTier, PricedSpan, SpanPrice } from './types';
