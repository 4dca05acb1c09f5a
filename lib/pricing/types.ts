import type { CostSource, Span } from '@/lib/span/types';

/** The fields of a span that decide its price. */
export type PricedSpan = Pick<
  Span,
  | 'nodeType'
  | 'provider'
  | 'requestModel'
  | 'responseModel'
  | 'inputTokens'
  | 'outputTokens'
  | 'cacheReadTokens'
  | 'cacheWriteTokens'
  | 'reasoningTokens'
  | 'usageIsAggregate'
  | 'reportedCostUsd'
  | 'startTimeUnixNano'
  | 'projectId'
>;

export interface SpanPrice {
  /** USD; null exactly when costSource is `unpriced` or `none`. */
  costUsd: number | null;
  costSource: CostSource;
}

/**
 * A per-project price that replaces the catalog's for matching spans (negotiated rates, fine-tunes, self-hosted
 * models). Matching is described in `overrides.ts`.
 */
export interface PriceOverride {
  projectId: string;
  /** '' matches any provider; otherwise compared after resolving aliases (`openai.chat` is `openai`). */
  provider: string;
  /** An exact model id, or a prefix pattern ending in '*' (`gpt-4o*`). Case-insensitive. */
  model: string;
  inputPerMTok: number;
  outputPerMTok: number;
  cacheReadPerMTok?: number | null;
  cacheWritePerMTok?: number | null;
  reasoningPerMTok?: number | null;
  /** null: in effect since forever. */
  effectiveFrom: Date | null;
}

/**
 * USD per million tokens by token class. A null class has no rate of its own and is charged at the rate it
 * falls back to (cache read and cache write → input, reasoning → output); see `arithmetic.ts`.
 */
export interface PerMTokRates {
  input: number;
  output: number;
  cacheRead: number | null;
  cacheWrite: number | null;
  reasoning: number | null;
}

/** Rates that apply once a prompt's input tokens (cached included) exceed `aboveInputTokens`. */
export interface PriceTier {
  aboveInputTokens: number;
  rates: PerMTokRates;
}

/** A catalog price as the settings page shows it. */
export interface CatalogModelPrice {
  /** Catalog provider id (`openai`, `anthropic`, `google`, `aws`, ...). */
  providerId: string;
  /** Catalog model id the span's model matched (`gpt-4o` for `gpt-4o-2024-08-06`). */
  modelId: string;
  modelName: string;
  /** Rates for prompts up to the first tier. */
  rates: PerMTokRates;
  tiers: PriceTier[];
  /** A flat fee per call (USD), 0 for most models. */
  perRequestUsd: number;
  contextWindow: number | null;
  /** Start of the price period in effect at the asked date; null when the catalog gives no start date. */
  effectiveFrom: Date | null;
}
