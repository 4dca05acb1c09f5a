/**
 * Finding a span's model in the `@pydantic/genai-prices` catalog. Matching itself is the catalog's (its match
 * rules, date-suffix handling and host → vendor fallbacks); this module decides which (provider, model id)
 * pairs to ask about and in what order:
 *
 *   1. the span's provider (resolved through `providers.ts`) with each model form from `model-ids.ts`;
 *   2. Bedrock-shaped ids on the `aws` provider, since they name Bedrock whatever the span says;
 *   3. the provider a model form names itself (`openai` in `openai/gpt-4o`);
 *   4. no provider: the catalog infers it from the model id (`claude-…` → anthropic). This also prices a
 *      vendor's model served through a host the catalog does not list, at the vendor's own list price —
 *      except on local runtimes (`ollama`), whose calls nobody bills per token.
 *
 * A cold lookup asks the catalog a few dozen questions (about 0.05 ms each); results are memoised per
 * (provider, model) string pair, so at ingest the cost per span is one Map lookup.
 */
import { calcPrice, type ModelInfo, type Provider } from '@pydantic/genai-prices';
import { bedrockParts, modelCandidates } from './model-ids';
import { catalogProviderId, isLocalRuntime } from './providers';

export interface CatalogMatch {
  provider: Provider;
  model: ModelInfo;
}

interface Resolution {
  /** The first match: what prices the span. */
  priced: CatalogMatch | null;
  /** The first match that states a context window (a host's entry may omit what the vendor's states). */
  contextWindow: number | null;
}

// Bounds memory when a client sends a fresh model id on every span; real deployments see a few hundred pairs.
const MAX_MEMO_ENTRIES = 10_000;
const memo = new Map<string, Resolution>();

export function findCatalogModel(provider: string, model: string): CatalogMatch | null {
  return resolution(provider, model).priced;
}

/** The model's context window in tokens, or null when the catalog does not know the model or its window. */
export function contextWindow(provider: string, model: string): number | null {
  return resolution(provider, model).contextWindow;
}

function resolution(provider: string, model: string): Resolution {
  const key = `${provider.trim().toLowerCase()}\u0000${model.trim().toLowerCase()}`;
  const known = memo.get(key);
  if (known) return known;
  const resolved = resolve(provider, model);
  if (memo.size >= MAX_MEMO_ENTRIES) {
    // Drop the oldest entry (Maps iterate in insertion order).
    const oldest = memo.keys().next();
    if (!oldest.done) memo.delete(oldest.value);
  }
  memo.set(key, resolved);
  return resolved;
}

function resolve(provider: string, model: string): Resolution {
  let priced: CatalogMatch | null = null;
  for (const match of matches(provider, model)) {
    priced ??= match;
    if (match.model.context_window !== undefined) {
      return { priced, contextWindow: match.model.context_window };
    }
  }
  return { priced, contextWindow: null };
}

/** Catalog matches in order of preference, lazily: pricing usually needs only the first. */
function* matches(provider: string, model: string): Generator<CatalogMatch> {
  const candidates = modelCandidates(model);
  if (candidates.length === 0 || isLocalRuntime(provider)) return;
  const spanProvider = catalogProviderId(provider);
  const providers: string[] = [];
  if (spanProvider) providers.push(spanProvider);
  if (bedrockParts(model) && spanProvider !== 'aws') providers.push('aws');

  for (const providerId of providers) {
    for (const candidate of candidates) yield* ask(providerId, candidate.model);
  }
  for (const candidate of candidates) {
    const hinted = candidate.providerHint ? catalogProviderId(candidate.providerHint) : null;
    if (hinted && !providers.includes(hinted)) yield* ask(hinted, candidate.model);
  }
  for (const candidate of candidates) yield* ask(null, candidate.model);
}

function* ask(providerId: string | null, model: string): Generator<CatalogMatch> {
  // Empty usage: only the match is wanted here; arithmetic is ours (arithmetic.ts) and uses the rates.
  const result = calcPrice({}, model, providerId ? { providerId } : {});
  if (result) yield { provider: result.provider, model: result.model };
}
