/**
 * The JSON shapes of the cost API (`/api/v1/costs…`, `/api/v1/budgets`, `/api/v1/prices/overrides`). The cost page
 * renders exactly these, so the page and a script calling the API always see the same numbers.
 */
import type { PerMTokRates } from '../pricing';

export const COST_DIMENSIONS = ['model', 'agent', 'service', 'project'] as const;
export type CostDimension = (typeof COST_DIMENSIONS)[number];

export const COST_BUCKETS = ['hour', 'day'] as const;
export type CostBucket = (typeof COST_BUCKETS)[number];

/** A change against the previous period of equal length; `ratio` is null when the previous value was 0. */
export interface CostChange {
  deltaUsd: number;
  ratio: number | null;
}

export interface ApiCostBreakdownRow {
  key: string;
  costUsd: number;
  previousCostUsd: number;
  change: CostChange;
  /** Fraction of the period's total cost, 0…1. */
  share: number;
  calls: number;
  unpricedCalls: number;
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
}

export interface ApiCostBreakdown {
  dimension: CostDimension;
  from: string;
  to: string;
  previousFrom: string;
  rows: ApiCostBreakdownRow[];
}

export interface ApiCostSeriesPoint {
  /** Bucket start, ISO 8601 UTC. */
  t: string;
  total: number;
  values: Record<string, number>;
}

export interface ApiCostSeries {
  dimension: CostDimension;
  bucket: CostBucket;
  from: string;
  to: string;
  /** Series keys, largest first; beyond the largest few, the rest are summed under OTHER_KEY. */
  keys: string[];
  points: ApiCostSeriesPoint[];
}

export interface ApiTokenClasses {
  uncachedInput: number;
  cacheRead: number;
  cacheWrite: number;
  output: number;
  reasoning: number;
}

export interface ApiCacheSaving {
  provider: string;
  model: string;
  cacheReadTokens: number;
  /** Null when the catalog has no price for the model (nothing to compare against). */
  savedUsd: number | null;
  inputPerMTok: number | null;
  cacheReadPerMTok: number | null;
}

export interface ApiUnpricedUsage {
  provider: string;
  model: string;
  calls: number;
  inputTokens: number;
  outputTokens: number;
}

export interface ApiTopTrace {
  traceId: string;
  rootName: string;
  serviceName: string;
  startTime: string;
  costUsd: number;
  calls: number;
  unpricedCalls: number;
}

export interface ApiTopAgent {
  agent: string;
  costUsd: number;
  calls: number;
}

export interface ApiCostSummary {
  from: string;
  to: string;
  previousFrom: string;
  /** Known cost only; unpriced calls are counted in `unpricedCalls`, never as $0. */
  costUsd: number;
  previousCostUsd: number;
  change: CostChange;
  calls: number;
  unpricedCalls: number;
  /** Traces that started in the range and made priced or unpriced model calls. */
  traces: number;
  tokens: ApiTokenClasses;
  cacheSavingsUsd: number;
  cacheSavings: ApiCacheSaving[];
  unpriced: ApiUnpricedUsage[];
  topTraces: ApiTopTrace[];
  topAgents: ApiTopAgent[];
}

export interface ApiBudgetStatus {
  projectId: string;
  /** Null: no budget set. */
  monthlyUsd: number | null;
  monthStart: string;
  monthEnd: string;
  actualUsd: number;
  dailyRateUsd: number;
  forecastUsd: number;
  /** The UTC day (YYYY-MM-DD) the budget is used up at the current daily rate; null if not within the month. */
  runOutDate: string | null;
  exceeded: boolean;
  unpricedCalls: number;
}

export interface ApiPriceOverride {
  id: string;
  provider: string;
  model: string;
  inputPerMTok: number;
  outputPerMTok: number;
  cacheReadPerMTok: number | null;
  cacheWritePerMTok: number | null;
  reasoningPerMTok: number | null;
  effectiveFrom: string | null;
  createdAt: string;
  /** The catalog's price for the same provider and model today, for comparison; null when it has none. */
  catalog: { modelId: string; rates: PerMTokRates } | null;
}

export interface ApiRecomputeResult {
  from: string;
  to: string;
  spansExamined: number;
  spansChanged: number;
  tracesRefreshed: number;
  costBeforeUsd: number;
  costAfterUsd: number;
}
