/**
 * Per-project price overrides. An override applies to a span when all of these hold:
 *
 * - same project;
 * - provider: the override's is '' (any provider) or names the span's provider, aliases resolved
 *   (`openai` covers `openai.chat` and `openai.responses`; `google` covers `gcp.gemini` and `vertex_ai`);
 * - model, compared case-insensitively with the span's model: equal to it, or, for a pattern ending in '*',
 *   starting with the text before the '*'. The response model is tried first, then the request model
 *   (`price-span.ts`), so an override written for the requested alias still covers the span.
 *   A dated snapshot (`gpt-4o-2024-08-06`) therefore needs a pattern (`gpt-4o*`) to be covered by `gpt-4o`;
 *   `*` alone covers every model;
 * - in effect at the span's start: `effectiveFrom` is null (always) or not after the start.
 *
 * Of the overrides that apply, the one that took effect last wins, so a new negotiated rate replaces the old
 * one from its date on while older spans keep the price of their day. Among overrides that took effect at the
 * same moment, the more specific wins: an exact model over a pattern, a longer pattern over a shorter one, a
 * named provider over any provider; then the first in the list.
 */
import { BadRequest } from '@/lib/errors';
import { sameProvider } from './providers';
import type { PerMTokRates, PriceOverride } from './types';

export class InvalidPriceOverride extends BadRequest {}

export function findOverride(
  overrides: readonly PriceOverride[],
  span: { projectId: string; provider: string; model: string },
  at: Date,
): PriceOverride | null {
  const model = span.model.trim().toLowerCase();
  let best: PriceOverride | null = null;
  for (const candidate of overrides) {
    if (!applies(candidate, span.projectId, span.provider, model, at)) continue;
    if (best === null || outranks(candidate, best)) best = candidate;
  }
  return best;
}

export function overrideRates(override: PriceOverride): PerMTokRates {
  return {
    input: override.inputPerMTok,
    output: override.outputPerMTok,
    cacheRead: override.cacheReadPerMTok ?? null,
    cacheWrite: override.cacheWritePerMTok ?? null,
    reasoning: override.reasoningPerMTok ?? null,
  };
}

function applies(override: PriceOverride, projectId: string, provider: string, model: string, at: Date): boolean {
  if (override.projectId !== projectId) return false;
  if (override.effectiveFrom !== null && override.effectiveFrom.getTime() > at.getTime()) return false;
  if (override.provider.trim() !== '' && !sameProvider(override.provider, provider)) return false;
  const pattern = override.model.trim().toLowerCase();
  return pattern.endsWith('*') ? model.startsWith(pattern.slice(0, -1)) : model === pattern;
}

function outranks(a: PriceOverride, b: PriceOverride): boolean {
  const aFrom = a.effectiveFrom?.getTime() ?? Number.NEGATIVE_INFINITY;
  const bFrom = b.effectiveFrom?.getTime() ?? Number.NEGATIVE_INFINITY;
  if (aFrom !== bFrom) return aFrom > bFrom;
  const aModel = modelSpecificity(a.model);
  const bModel = modelSpecificity(b.model);
  if (aModel !== bModel) return aModel > bModel;
  return a.provider.trim() !== '' && b.provider.trim() === '';
}

// An exact id beats any pattern; between patterns, the longer prefix is the narrower one.
function modelSpecificity(pattern: string): number {
  const trimmed = pattern.trim();
  return trimmed.endsWith('*') ? trimmed.length - 1 : Number.MAX_SAFE_INTEGER;
}

/**
 * Checks an override before it is stored or used, so that a typo cannot turn into a wrong price on every span
 * of a project. Throws `InvalidPriceOverride` naming the field.
 */
export function validatePriceOverride(override: PriceOverride): PriceOverride {
  if (override.projectId.trim() === '') throw new InvalidPriceOverride('price override: projectId is empty');
  const model = override.model.trim();
  if (model === '') throw new InvalidPriceOverride('price override: model is empty (use "*" for every model)');
  if (model.slice(0, -1).includes('*')) {
    throw new InvalidPriceOverride(`price override: model pattern "${model}" may only have '*' at its end`);
  }
  const rates: [string, number | null | undefined][] = [
    ['inputPerMTok', override.inputPerMTok],
    ['outputPerMTok', override.outputPerMTok],
    ['cacheReadPerMTok', override.cacheReadPerMTok],
    ['cacheWritePerMTok', override.cacheWritePerMTok],
    ['reasoningPerMTok', override.reasoningPerMTok],
  ];
  for (const [field, value] of rates) {
    const optional = field !== 'inputPerMTok' && field !== 'outputPerMTok';
    if (optional && (value === null || value === undefined)) continue;
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
      throw new InvalidPriceOverride(`price override: ${field} must be a non-negative number, got ${String(value)}`);
    }
  }
  if (override.effectiveFrom !== null && Number.isNaN(override.effectiveFrom.getTime())) {
    throw new InvalidPriceOverride('price override: effectiveFrom is not a valid date');
  }
  return override;
}
