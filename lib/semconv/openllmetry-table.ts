/**
 * OpenLLMetry (Traceloop), legacy attributes still the default in many installs: `traceloop.span.kind`,
 * `traceloop.entity.*`, `llm.request.type`, underscore cache keys, flattened `gen_ai.prompt.N.*` /
 * `gen_ai.completion.N.*`, `db.query.result` events, and the JS guardrail attributes. Names it shares with
 * OTel GenAI (`gen_ai.system`, `gen_ai.usage.prompt_tokens`, …) are in the OTel table, which comes first.
 * Usage: workflow, task and agent spans are typed workflow/chain/agent, whose usage the generic rules treat as
 * aggregate.
 */
import type { NodeType } from '@/lib/span/types';
import type { ConventionTable } from './convention';
import { extractOpenLlmetry } from './openllmetry-content';

export const TRACELOOP_SPAN_KINDS: ReadonlyMap<string, NodeType> = new Map([
  ['workflow', 'workflow'],
  ['task', 'chain'],
  ['agent', 'agent'],
  ['tool', 'tool'],
  ['session', 'workflow'],
]);

export const LLM_REQUEST_TYPES: ReadonlyMap<string, NodeType> = new Map([
  ['chat', 'llm'],
  ['completion', 'llm'],
  ['embedding', 'embedding'],
  ['rerank', 'rerank'],
]);

export const OPENLLMETRY_TABLE: ConventionTable = {
  name: 'OpenLLMetry',
  nodeTypeKeys: [
    { key: 'traceloop.span.kind', values: TRACELOOP_SPAN_KINDS },
    { key: 'llm.request.type', values: LLM_REQUEST_TYPES },
  ],
  nodeTypeFallbacks: [{ anyOf: ['db.vector.query.top_k', 'db.vector.query.result_count'], nodeType: 'retrieval' }],
  spanNameNodeTypes: new Map(),
  strings: {
    operation: [{ key: 'llm.request.type' }],
    conversationId: [{ key: 'traceloop.association.properties.session_id' }],
    guardrailName: [{ key: 'gen_ai.guardrail.name' }],
    guardrailReason: [{ key: 'gen_ai.guardrail.error.message' }],
  },
  tokens: {
    cacheReadTokens: ['gen_ai.usage.cache_read_input_tokens'],
    cacheWriteTokens: ['gen_ai.usage.cache_creation_input_tokens'],
    reasoningTokens: ['gen_ai.usage.reasoning_tokens', 'llm.usage.reasoning_tokens'],
  },
  costKeys: [],
  finishReasonKeys: ['gen_ai.response.finish_reason', 'gen_ai.response.stop_reason'],
  usageRules: [],
  contentKeys: ['traceloop.entity.input', 'traceloop.entity.output'],
  contentPrefixes: ['gen_ai.prompt.', 'gen_ai.completion.'],
  eventContentKeys: new Map([['db.query.result', ['db.query.result.document']]]),
  extract: extractOpenLlmetry,
};
