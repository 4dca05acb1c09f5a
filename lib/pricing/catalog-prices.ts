/**
 * Reading a catalog model's prices at a point in time. A model's prices are either one price map or a list of
 * periods: the catalog lists them oldest first, each later one with a constraint (in effect from a start date,
 * or only during a daily UTC time window such as DeepSeek's peak hours). The period in effect is the last one
 * whose constraint holds, else the first. A rate may be tiered by prompt size: the tier applies to every token
 * of that class once the call's input tokens (cached included) exceed its start.
 */
import type { ConditionalPrice, ModelInfo, ModelPrice } from '@pydantic/genai-prices';
import type { PerMTokRates, PriceTier } from './types';

export interface PricePeriod {
  prices: ModelPrice;
  effectiveFrom: Date | null;
}

export function pricePeriodAt(model: ModelInfo, at: Date): PricePeriod {
  if (!Array.isArray(model.prices)) return { prices: model.prices, effectiveFrom: null };
  const periods: ConditionalPrice[] = model.prices;
  for (let i = periods.length - 1; i >= 0; i--) {
    const period = periods[i];
    if (!period) continue;
    const constraint: unknown = period.constraint;
    if (constraint === undefined) return { prices: period.prices, effectiveFrom: null };
    const startDate = stringField(constraint, 'start_date');
    if (startDate !== null) {
      const from = new Date(`${startDate}T00:00:00Z`);
      if (at.getTime() >= from.getTime()) return { prices: period.prices, effectiveFrom: from };
      continue;
    }
    const startTime = stringField(constraint, 'start_time');
    const endTime = stringField(constraint, 'end_time');
    if (startTime !== null && endTime !== null && inDailyWindow(at, startTime, endTime)) {
      return { prices: period.prices, effectiveFrom: null };
    }
  }
  return { prices: periods[0]?.prices ?? {}, effectiveFrom: null };
}

export interface TokenPrices {
  rates: PerMTokRates;
  tiers: PriceTier[];
  perRequestUsd: number;
}

const TOKEN_PRICE_KEYS = {
  input: 'input_mtok',
  output: 'output_mtok',
  cacheRead: 'cache_read_mtok',
  cacheWrite: 'cache_write_mtok',
  reasoning: 'output_reasoning_mtok',
} as const;

/**
 * The token rates of a price map, or null when tokens are not what the model is priced by (audio hours,
 * document pages): such a call has no token price, and pricing it at zero would hide its cost.
 * An empty price map is the catalog saying the model is free, and prices at zero.
 */
export function tokenPrices(prices: ModelPrice): TokenPrices | null {
  const known = tokenPricesMemo.get(prices);
  if (known !== undefined) return known;
  const computed = computeTokenPrices(prices);
  tokenPricesMemo.set(prices, computed);
  return computed;
}

// Keyed by the catalog's own (long-lived) price objects, so ingest does not rebuild rates for every span.
const tokenPricesMemo = new WeakMap<ModelPrice, TokenPrices | null>();

function computeTokenPrices(prices: ModelPrice): TokenPrices | null {
  const entries = Object.entries(prices).filter(([, value]) => value !== undefined);
  const hasTokenRate = prices[TOKEN_PRICE_KEYS.input] !== undefined || prices[TOKEN_PRICE_KEYS.output] !== undefined;
  if (entries.length > 0 && !hasTokenRate) return null;

  const starts = new Set<number>();
  for (const key of Object.values(TOKEN_PRICE_KEYS)) {
    for (const tier of tiersOf(prices[key])) starts.add(tier.start);
  }
  const requests = prices.requests_kcount;
  return {
    rates: ratesAt(prices, 0),
    // Tier starts are whole token counts, so `start + 1` is the smallest prompt a tier applies to.
    tiers: [...starts]
      .sort((a, b) => a - b)
      .map((start) => ({ aboveInputTokens: start, rates: ratesAt(prices, start + 1) })),
    perRequestUsd: typeof requests === 'number' ? requests / 1000 : 0,
  };
}

/** The rates that apply to a call with `inputTokens` input tokens (cached included). */
export function ratesForPrompt(prices: TokenPrices, inputTokens: number): PerMTokRates {
  let rates = prices.rates;
  for (const tier of prices.tiers) if (inputTokens > tier.aboveInputTokens) rates = tier.rates;
  return rates;
}

// A model priced for input only (embeddings) has no output rate: its output, if any, costs nothing.
function ratesAt(prices: ModelPrice, inputTokens: number): PerMTokRates {
  return {
    input: rateAt(prices[TOKEN_PRICE_KEYS.input], inputTokens) ?? 0,
    output: rateAt(prices[TOKEN_PRICE_KEYS.output], inputTokens) ?? 0,
    cacheRead: rateAt(prices[TOKEN_PRICE_KEYS.cacheRead], inputTokens),
    cacheWrite: rateAt(prices[TOKEN_PRICE_KEYS.cacheWrite], inputTokens),
    reasoning: rateAt(prices[TOKEN_PRICE_KEYS.reasoning], inputTokens),
  };
}

type PriceValue = ModelPrice[string];

function rateAt(value: PriceValue, inputTokens: number): number | null {
  if (value === undefined) return null;
  if (typeof value === 'number') return value;
  let rate = value.base;
  for (const tier of tiersOf(value)) if (inputTokens > tier.start) rate = tier.price;
  return rate;
}

function tiersOf(value: PriceValue): { start: number; price: number }[] {
  if (value === undefined || typeof value === 'number') return [];
  return [...value.tiers].sort((a, b) => a.start - b.start);
}

function stringField(value: unknown, key: string): string | null {
  if (typeof value !== 'object' || value === null) return null;
  const field: unknown = (value as Record<string, unknown>)[key];
  return typeof field === 'string' ? field : null;
}

// Windows may wrap past midnight (22:00 → 06:00).
function inDailyWindow(at: Date, start: string, end: string): boolean {
  const startSecond = secondOfDayUtc(start);
  const endSecond = secondOfDayUtc(end);
  if (startSecond === null || endSecond === null) return false;
  const now = at.getUTCHours() * 3600 + at.getUTCMinutes() * 60 + at.getUTCSeconds();
  return endSecond < startSecond ? now >= startSecond || now < endSecond : now >= startSecond && now < endSecond;
}

/** `16:30:00Z` or `08:30:00+08:00` → seconds after midnight UTC. */
function secondOfDayUtc(time: string): number | null {
  const match = /^(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?:Z|([+-])(\d{2}):(\d{2}))$/.exec(time);
  if (!match) return null;
  const [, h, m, s = '0', sign, offsetH = '0', offsetM = '0'] = match;
  const local = Number(h) * 3600 + Number(m) * 60 + Number(s);
  const offset = (Number(offsetH) * 60 + Number(offsetM)) * 60 * (sign === '-' ? -1 : 1);
  return (((local - offset) % 86_400) + 86_400) % 86_400;
}
