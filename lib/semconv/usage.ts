/**
 * Token invariants and the own-or-aggregate decision, applied after every convention has filled the counts.
 */
import type { Span } from '@/lib/span/types';
import { USAGE_RULES } from './conventions';

/**
 * Input includes cached tokens and output includes reasoning tokens. Anthropic's API reports input *without*
 * cache reads and writes, and older instrumentations passed that number on; newer ones add the cache counts
 * themselves. The span does not say which it is, so adding the cache counts would double them on newer
 * instrumentations. We keep what was sent and only enforce the subset invariant (input ≥ cache read + cache
 * write), taking the larger reading: exact for conforming senders, a lower bound for the old ones, never an
 * overcount. The invariant holds for every conforming provider, so it is applied to all of them.
 */
function enforceSubsets(out: Span): void {
  const cached = out.cacheReadTokens + out.cacheWriteTokens;
  if (out.inputTokens < cached) out.inputTokens = cached;
  if (out.outputTokens < out.reasoningTokens) out.outputTokens = out.reasoningTokens;
}

/** First matching rule of `USAGE_RULES` (documented in the table files) decides; no match means own usage. */
export function isUsageAggregate(span: Pick<Span, 'operation' | 'nodeType' | 'kind'>): boolean {
  for (const rule of USAGE_RULES) {
    if (rule.operation !== undefined && rule.operation !== span.operation) continue;
    if (rule.nodeType !== undefined && rule.nodeType !== span.nodeType) continue;
    if (rule.kind !== undefined && rule.kind !== span.kind) continue;
    return rule.aggregate;
  }
  return false;
}

export function finishUsage(out: Span): void {
  enforceSubsets(out);
  out.usageIsAggregate = isUsageAggregate(out);
}
