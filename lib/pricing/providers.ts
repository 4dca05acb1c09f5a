/**
 * Provider names as instrumentations send them → the catalog's provider ids. Lookup order: the alias table
 * (OTel `gen_ai.provider.name` and its deprecated `gen_ai.system` spellings, AI SDK provider ids, OpenInference
 * `llm.provider`/`llm.system`), then the same table for the part before the first '.' (AI SDK ids such as
 * `openai.responses` or `google.vertex.chat`), then the catalog's own provider matching. Results are memoised:
 * the set of distinct provider strings is small, but this runs for every span.
 */
import { findProvider } from '@pydantic/genai-prices';

/** Catalog provider ids by lower-case provider name. */
const PROVIDER_ALIASES: Readonly<Record<string, string>> = {
  openai: 'openai',
  anthropic: 'anthropic',
  // Google: Gemini API and Vertex AI share one catalog provider (which also prices Claude on Vertex).
  google: 'google',
  'gcp.gemini': 'google',
  'gcp.vertex_ai': 'google',
  'gcp.gen_ai': 'google',
  gemini: 'google',
  vertex_ai: 'google',
  vertexai: 'google',
  vertex: 'google',
  'google-vertex': 'google',
  'google.generative-ai': 'google',
  // AWS Bedrock. OpenInference sends `aws` as the host and `amazon` as the vendor of Nova models.
  'aws.bedrock': 'aws',
  aws: 'aws',
  bedrock: 'aws',
  'amazon-bedrock': 'aws',
  amazon_bedrock: 'aws',
  amazon: 'aws',
  // Azure: the catalog's azure provider falls back to OpenAI, Anthropic, DeepSeek, xAI and Moonshot prices.
  'azure.ai.openai': 'azure',
  'az.ai.openai': 'azure',
  'azure.ai.inference': 'azure',
  'az.ai.inference': 'azure',
  azure: 'azure',
  'azure-openai': 'azure',
  azure_openai: 'azure',
  mistral_ai: 'mistral',
  mistralai: 'mistral',
  mistral: 'mistral',
  x_ai: 'x-ai',
  xai: 'x-ai',
  'x-ai': 'x-ai',
  deepseek: 'deepseek',
  groq: 'groq',
  cohere: 'cohere',
  perplexity: 'perplexity',
  fireworks: 'fireworks',
  fireworks_ai: 'fireworks',
  'fireworks-ai': 'fireworks',
  together: 'together',
  together_ai: 'together',
  'together-ai': 'together',
  togetherai: 'together',
  openrouter: 'openrouter',
  cerebras: 'cerebras',
  moonshot: 'moonshotai',
  moonshot_ai: 'moonshotai',
  moonshotai: 'moonshotai',
};

/**
 * Runtimes that serve models on the user's own hardware. A model id seen there (`gpt-oss-20b` on Ollama) must
 * not be priced as the vendor's hosted API: such calls stay unpriced unless the project sets an override.
 */
const LOCAL_RUNTIMES = new Set(['ollama', 'vllm', 'lmstudio', 'lm_studio', 'llama.cpp', 'llamacpp', 'localai']);

export function isLocalRuntime(provider: string): boolean {
  return LOCAL_RUNTIMES.has(provider.trim().toLowerCase());
}

const memo = new Map<string, string | null>();

/**
 * The catalog provider id for a provider name, or null when the catalog does not know the provider (local
 * runtimes such as `ollama`, frameworks such as `langchain`): the model id alone must then identify the price.
 */
export function catalogProviderId(provider: string): string | null {
  const key = provider.trim().toLowerCase();
  if (key === '') return null;
  const known = memo.get(key);
  if (known !== undefined) return known;
  const resolved = resolve(key);
  // The distinct provider names a deployment sees are few; the cap only guards against a client that sends
  // a fresh name on every span.
  if (memo.size >= 1_000) memo.clear();
  memo.set(key, resolved);
  return resolved;
}

function resolve(key: string): string | null {
  const alias = PROVIDER_ALIASES[key];
  if (alias !== undefined) return alias;
  const dot = key.indexOf('.');
  if (dot > 0) {
    const prefixAlias = PROVIDER_ALIASES[key.slice(0, dot)];
    if (prefixAlias !== undefined) return prefixAlias;
  }
  return findProvider({ providerId: key })?.id ?? null;
}

/** Two provider names mean the same provider (an override for `openai` applies to spans from `openai.chat`). */
export function sameProvider(a: string, b: string): boolean {
  const left = a.trim().toLowerCase();
  const right = b.trim().toLowerCase();
  if (left === right) return true;
  const leftId = catalogProviderId(left);
  return leftId !== null && leftId === catalogProviderId(right);
}
