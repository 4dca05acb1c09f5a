/**
 * The cost of one model call from its token counts and per-million rates. One function serves catalog prices
 * and per-project overrides, so both follow the same rules:
 *
 * - Input tokens INCLUDE cached tokens. Uncached input = input − cache read − cache write, never below zero
 *   (an instrumentation that reports more cached than total input must not produce a negative charge).
 * - Cache reads and cache writes are charged at their own rates. When there is no such rate (OpenAI charges
 *   nothing extra for writing its cache, so the catalog lists no cache-write rate) those tokens are charged at
 *   the input rate: they were sent as input, and dropping them would under-count.
 * - Output tokens INCLUDE reasoning tokens. With no separate reasoning rate all output is charged at the output
 *   rate (reasoning is not added again). With one, reasoning tokens (at most the output count) are charged at
 *   it and only the rest at the output rate.
 * - A per-request fee (a few search models charge one) is added once per call.
 *
 * cost = (uncached·input + cacheRead·rCacheRead + cacheWrite·rCacheWrite
 *         + (output − reasoning)·output + reasoning·rReasoning) / 1e6 + perRequest
 */
import type { TokenUsage } from '@/lib/span/types';
import type { PerMTokRates } from './types';

const PER_MILLION = 1_000_000;

export function tokenCostUsd(usage: TokenUsage, rates: PerMTokRates, perRequestUsd = 0): number {
  const input = nonNegative(usage.inputTokens);
  const cacheRead = nonNegative(usage.cacheReadTokens);
  const cacheWrite = nonNegative(usage.cacheWriteTokens);
  const output = nonNegative(usage.outputTokens);
  const uncached = Math.max(0, input - cacheRead - cacheWrite);

  const separateReasoning = rates.reasoning !== null ? Math.min(nonNegative(usage.reasoningTokens), output) : 0;
  const plainOutput = output - separateReasoning;

  const microDollars =
    uncached * rates.input +
    cacheRead * (rates.cacheRead ?? rates.input) +
    cacheWrite * (rates.cacheWrite ?? rates.input) +
    plainOutput * rates.output +
    separateReasoning * (rates.reasoning ?? rates.output);
  return microDollars / PER_MILLION + perRequestUsd;
}

/** True when a span reports any token count at all (a span with none has nothing to price). */
export function hasUsage(usage: TokenUsage): boolean {
  return (
    usage.inputTokens > 0 ||
    usage.outputTokens > 0 ||
    usage.cacheReadTokens > 0 ||
    usage.cacheWriteTokens > 0 ||
    usage.reasoningTokens > 0
  );
}

// Counts come from untrusted telemetry; a NaN or negative count would poison a sum that is added up across
// every span of a project.
function nonNegative(n: number): number {
  return Number.isFinite(n) && n > 0 ? n : 0;
}
