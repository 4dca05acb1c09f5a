/**
 * Provider names, normalised to the current `gen_ai.provider.name` spelling so that spend by provider does not
 * split one provider across its old and new names (`az.ai.openai` and `azure.ai.openai`).
 * Results are memoised: provider values are low-cardinality, and the memo is bounded against hostile input.
 */

/** Old or out-of-spec spellings → current spelling. */
export const PROVIDER_ALIASES: ReadonlyMap<string, string> = new Map([
  // Deprecated gen_ai.system values (renamed in v1.33 and v1.35–v1.37).
  ['az.ai.openai', 'azure.ai.openai'],
  ['az.ai.inference', 'azure.ai.inference'],
  ['xai', 'x_ai'],
  ['vertex_ai', 'gcp.vertex_ai'],
  ['gemini', 'gcp.gemini'],
  // OpenInference llm.system / llm.provider values.
  ['vertexai', 'gcp.vertex_ai'],
  ['google', 'gcp.gen_ai'],
  ['mistralai', 'mistral_ai'],
  ['amazon', 'aws.bedrock'],
  ['aws', 'aws.bedrock'],
  ['moonshot', 'moonshot_ai'],
  // Common display spellings.
  ['azure_openai', 'azure.ai.openai'],
  ['bedrock', 'aws.bedrock'],
  ['mistral', 'mistral_ai'],
]);

/**
 * Vercel AI SDK provider ids (`openai.chat`, `google.vertex.chat`, `amazon-bedrock`) → provider name, matched
 * on the id or its leading segments; longest prefix first so that `google.vertex` beats `google`.
 */
export const AI_SDK_PROVIDER_PREFIXES: readonly (readonly [string, string])[] = [
  ['google.generative-ai', 'gcp.gemini'],
  ['google.vertex', 'gcp.vertex_ai'],
  ['google-vertex', 'gcp.vertex_ai'],
  ['amazon-bedrock', 'aws.bedrock'],
  ['azure-openai', 'azure.ai.openai'],
  ['perplexity', 'perplexity'],
  ['anthropic', 'anthropic'],
  ['deepseek', 'deepseek'],
  ['bedrock', 'aws.bedrock'],
  ['mistral', 'mistral_ai'],
  ['google', 'gcp.gemini'],
  ['openai', 'openai'],
  ['cohere', 'cohere'],
  ['azure', 'azure.ai.inference'],
  ['groq', 'groq'],
  ['xai', 'x_ai'],
];

/** Current `gen_ai.provider.name` values: kept as they are (several contain dots, so no prefix matching). */
export const KNOWN_PROVIDERS: ReadonlySet<string> = new Set([
  'openai',
  'anthropic',
  'aws.bedrock',
  'azure.ai.inference',
  'azure.ai.openai',
  'azure.ai.content_safety',
  'cohere',
  'deepseek',
  'gcp.gemini',
  'gcp.gen_ai',
  'gcp.vertex_ai',
  'groq',
  'ibm.watsonx.ai',
  'mistral_ai',
  'moonshot_ai',
  'perplexity',
  'x_ai',
]);

const MEMO_LIMIT = 1024;
const memo = new Map<string, string>();

function resolve(raw: string): string {
  const v = raw.trim().toLowerCase();
  if (KNOWN_PROVIDERS.has(v)) return v;
  const alias = PROVIDER_ALIASES.get(v);
  if (alias !== undefined) return alias;
  for (const [prefix, name] of AI_SDK_PROVIDER_PREFIXES) {
    if (v === prefix || (v.startsWith(prefix) && v.charCodeAt(prefix.length) === 46 /* . */)) return name;
  }
  return v;
}

/** Current spelling of a provider name; unknown providers are kept, lower-cased. */
export function normaliseProvider(raw: string): string {
  const hit = memo.get(raw);
  if (hit !== undefined) return hit;
  const name = resolve(raw);
  if (memo.size < MEMO_LIMIT) memo.set(raw, name);
  return name;
}
