/**
 * OpenInference (Arize): `openinference.span.kind`, `llm.*`, `llm.token_count.*`, `llm.cost.*`, flattened
 * messages and documents, `tool.*`, `agent.name`, `session.id`, evaluations and annotations.
 * Usage: OpenInference puts token counts on LLM spans; CHAIN and AGENT spans that carry counts repeat their
 * children's, which the generic rules (by node type) already treat as aggregate.
 */
import type { NodeType } from '@/lib/span/types';
import type { ConventionTable, StringSource } from './convention';
import { extractOpenInference } from './openinference-content';
import { normaliseProvider } from './providers';

export const OPENINFERENCE_SPAN_KINDS: ReadonlyMap<string, NodeType> = new Map([
  ['llm', 'llm'],
  ['embedding', 'embedding'],
  ['chain', 'chain'],
  ['retriever', 'retrieval'],
  ['reranker', 'rerank'],
  ['tool', 'tool'],
  ['agent', 'agent'],
  ['guardrail', 'guardrail'],
  ['evaluator', 'evaluator'],
  // Rendering a prompt template is a step of a chain, not a model call.
  ['prompt', 'chain'],
]);

/** `llm.provider` names the host: for OpenInference `azure` is Azure OpenAI, not Azure AI Inference. */
const OPENINFERENCE_PROVIDERS: ReadonlyMap<string, string> = new Map([
  ['azure', 'azure.ai.openai'],
  ['google', 'gcp.gen_ai'],
  ['together', 'together_ai'],
]);

function openInferenceProvider(value: string): string {
  return OPENINFERENCE_PROVIDERS.get(value.toLowerCase()) ?? normaliseProvider(value);
}

const provider = (key: string): StringSource => ({ key, normalise: openInferenceProvider });

export const OPENINFERENCE_TABLE: ConventionTable = {
  name: 'OpenInference',
  nodeTypeKeys: [{ key: 'openinference.span.kind', values: OPENINFERENCE_SPAN_KINDS }],
  nodeTypeFallbacks: [
    { anyOf: ['tool.name'], nodeType: 'tool' },
    { anyOf: ['embedding.model_name'], nodeType: 'embedding' },
    { anyOf: ['llm.model_name', 'llm.request.model_name', 'llm.response.model_name'], nodeType: 'llm' },
  ],
  spanNameNodeTypes: new Map(),
  strings: {
    provider: [provider('llm.provider'), provider('llm.system')],
    requestModel: [
      { key: 'llm.request.model_name' },
      { key: 'llm.model_name' },
      { key: 'embedding.model_name' },
      { key: 'reranker.model_name' },
    ],
    responseModel: [{ key: 'llm.response.model_name' }, { key: 'llm.model_name' }],
    agentName: [{ key: 'agent.name' }],
    conversationId: [{ key: 'session.id' }],
    toolName: [{ key: 'tool.name' }],
    toolCallId: [{ key: 'tool.id' }],
    errorType: [{ key: 'exception.type' }],
  },
  tokens: {
    inputTokens: ['llm.token_count.prompt'],
    outputTokens: ['llm.token_count.completion'],
    cacheReadTokens: ['llm.token_count.prompt_details.cache_read'],
    cacheWriteTokens: ['llm.token_count.prompt_details.cache_write'],
    reasoningTokens: ['llm.token_count.completion_details.reasoning'],
  },
  costKeys: ['llm.cost.total'],
  finishReasonKeys: ['llm.finish_reason'],
  usageRules: [],
  contentKeys: ['input.value', 'output.value', 'reranker.query'],
  contentPrefixes: [
    'llm.input_messages.',
    'llm.output_messages.',
    'llm.prompts.',
    'llm.choices.',
    'retrieval.documents.',
    'reranker.input_documents.',
    'reranker.output_documents.',
    'embedding.embeddings.',
  ],
  watchedPrefixes: ['evaluations.', 'annotations.'],
  extract: extractOpenInference,
};
