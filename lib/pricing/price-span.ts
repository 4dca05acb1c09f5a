/**
 * The price of one span, decided once at ingest. Precedence:
 *
 *   1. usage that only repeats its descendants' (`usageIsAggregate`) → `none`: counting it would count those
 *      model calls twice, and that holds for a reported cost on such a span too;
 *   2. a cost the instrumentation reported → `reported` (it knows discounts and fees we cannot see);
 *   3. no token usage at all → `none`;
 *   4. a per-project override in effect at the span's start → `override`;
 *   5. the catalog's price in effect at the span's start → `catalog`;
 *   6. otherwise `unpriced` with a null cost: a missing price must stay visible, never become a zero.
 *
 * Usage, not the node type, decides whether a span is priced: a guardrail or evaluator that called a model has
 * usage of its own to pay for, and the normaliser flags usage that is not the span's own.
 * The model is the response model (it names the model that actually ran), else the request model; when the
 * response model has no price, the request model is tried before giving up.
 */
import { hasUsage, tokenCostUsd } from './arithmetic';
import { findCatalogModel } from './catalog';
import { pricePeriodAt, ratesForPrompt, tokenPrices } from './catalog-prices';
import { findOverride, overrideRates } from './overrides';
import type { PriceOverride, PricedSpan, SpanPrice } from './types';

const NONE: SpanPrice = { costUsd: null, costSource: 'none' };
const UNPRICED: SpanPrice = { costUsd: null, costSource: 'unpriced' };

export function priceSpan(span: PricedSpan, overrides: readonly PriceOverride[]): SpanPrice {
  if (span.usageIsAggregate) return NONE;
  const reported = span.reportedCostUsd;
  // A negative or non-finite reported cost is a broken instrumentation; the catalog is the better guess.
  if (reported !== null && Number.isFinite(reported) && reported >= 0) {
    return { costUsd: reported, costSource: 'reported' };
  }
  if (!hasUsage(span)) return NONE;

  const at = spanStart(span);
  const models = spanModels(span);
  for (const model of models) {
    const override = findOverride(overrides, { projectId: span.projectId, provider: span.provider, model }, at);
    if (override) return { costUsd: tokenCostUsd(span, overrideRates(override)), costSource: 'override' };
  }
  for (const model of models) {
    const cost = catalogCostUsd(span, span.provider, model, at);
    if (cost !== null) return { costUsd: cost, costSource: 'catalog' };
  }
  return UNPRICED;
}

function catalogCostUsd(span: PricedSpan, provider: string, model: string, at: Date): number | null {
  const match = findCatalogModel(provider, model);
  if (!match) return null;
  const prices = tokenPrices(pricePeriodAt(match.model, at).prices);
  if (!prices) return null;
  return tokenCostUsd(span, ratesForPrompt(prices, span.inputTokens), prices.perRequestUsd);
}

/** Response model first; the request model only when it differs. Empty ids are skipped. */
function spanModels(span: PricedSpan): string[] {
  const response = span.responseModel.trim();
  const request = span.requestModel.trim();
  if (response === '') return request === '' ? [''] : [request];
  return request === '' || request.toLowerCase() === response.toLowerCase() ? [response] : [response, request];
}

export function spanStart(span: Pick<PricedSpan, 'startTimeUnixNano'>): Date {
  return new Date(Number(span.startTimeUnixNano / 1_000_000n));
}
