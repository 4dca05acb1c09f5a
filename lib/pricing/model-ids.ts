/**
 * Model ids as instrumentations send them carry wrappers the catalog does not list: a vendor prefix
 * (`openai/gpt-4o`), a resource path (`models/gemini-1.5-pro`, `projects/p/locations/l/publishers/google/
 * models/gemini-1.5-pro-002`), or a Bedrock id (`us.anthropic.claude-3-5-sonnet-20240620-v1:0`). This module
 * lists the forms worth asking the catalog about, most literal first: the id as sent always comes first,
 * because some hosts list the wrapped form themselves (OpenRouter prices `openai/gpt-4o`, Fireworks prices
 * `accounts/fireworks/models/…`, Bedrock prices `anthropic.claude-…-v1:0`). Date suffixes (`-20241022`) need
 * nothing here: the catalog's matching already tolerates them.
 */

export interface ModelCandidate {
  model: string;
  /** A provider name the id itself names (`openai` in `openai/gpt-4o`), to try when the span names none. */
  providerHint: string | null;
}

// Bedrock model ids: optional cross-region inference prefix, vendor, model, optional `-vN[:M]` version.
const BEDROCK_ID = /^(?:(?:us|eu|apac|ap|jp|au|ca|us-gov|global)\.)?([a-z0-9-]+)\.(.+?)(?:-v\d+(?::\d+)?)?$/;
const BEDROCK_VENDORS = new Set([
  'anthropic',
  'amazon',
  'meta',
  'cohere',
  'mistral',
  'ai21',
  'deepseek',
  'openai',
  'qwen',
  'writer',
  'moonshot',
  'google',
]);

export function modelCandidates(rawModel: string): ModelCandidate[] {
  const model = rawModel.trim().toLowerCase();
  if (model === '') return [];
  const out: ModelCandidate[] = [{ model, providerHint: null }];
  const add = (candidate: string, providerHint: string | null) => {
    if (candidate !== '' && !out.some((c) => c.model === candidate && c.providerHint === providerHint)) {
      out.push({ model: candidate, providerHint });
    }
  };

  const resourceIndex = model.lastIndexOf('models/');
  if (resourceIndex >= 0) add(model.slice(resourceIndex + 'models/'.length), publisherOf(model));

  // `vendor/model`: exactly one slash. Longer paths are resource names, handled above.
  const slash = model.indexOf('/');
  if (slash > 0 && slash === model.lastIndexOf('/') && resourceIndex < 0 && !model.startsWith('arn:')) {
    add(model.slice(slash + 1), model.slice(0, slash));
  }

  const bedrock = bedrockParts(model);
  if (bedrock) add(bedrock.model, bedrock.vendor);
  return out;
}

/** `{vendor, model}` of a Bedrock model id or ARN, or null when the id does not have that shape. */
export function bedrockParts(rawModel: string): { vendor: string; model: string } | null {
  const model = rawModel.trim().toLowerCase();
  const id = model.startsWith('arn:') ? model.slice(model.lastIndexOf('/') + 1) : model;
  const match = BEDROCK_ID.exec(id);
  if (!match?.[1] || !match[2] || !BEDROCK_VENDORS.has(match[1])) return null;
  return { vendor: match[1], model: match[2] };
}

// `projects/p/locations/l/publishers/google/models/x` names its publisher; `models/x` does not.
function publisherOf(model: string): string | null {
  const match = /publishers\/([^/]+)\//.exec(model);
  return match?.[1] ?? null;
}
