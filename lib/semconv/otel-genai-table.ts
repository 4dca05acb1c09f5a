/**
 * OpenTelemetry GenAI semantic conventions (v1.26 → semconv-genai), current names before deprecated ones.
 * Instrumentations emit old and new shapes at the same time (the opt-in flag), so every list puts the newest
 * name first: when a span carries both, the new one wins.
 *
 * Usage rules (`usageIsAggregate`): a span's usage is its own unless it only repeats its descendants' model
 * calls; counting both would double every total.
 * - `fetch_response` re-reads a stored response; no inference ran, so its tokens never count.
 * - `invoke_agent` of kind CLIENT is a remote agent service (OpenAI Assistants, Bedrock Agents): its model calls
 *   happen out of sight, so the usage it reports is the only record of them and is its own.
 * - Any other `invoke_agent`, `invoke_workflow`, and every agent, workflow or chain span (see
 *   `GENERIC_USAGE_RULES`) runs its model calls in-process as child spans: its usage is their sum.
 */
import type { ConventionTable, StringSource, UsageRule } from './convention';
import { OPERATION_NODE_TYPES } from './node-types';
import { normaliseProvider } from './providers';
import { OTEL_EVENT_CONTENT_KEYS, extractOtelContent } from './otel-genai-content';

const provider = (key: string): StringSource => ({ key, normalise: normaliseProvider });

export const OTEL_USAGE_RULES: readonly UsageRule[] = [
  { operation: 'fetch_response', aggregate: true, why: 'a stored response re-read: no inference ran' },
  { operation: 'invoke_agent', kind: 'client', aggregate: false, why: 'remote agent: its model calls are not traced here' },
  { operation: 'invoke_agent', aggregate: true, why: 'in-process agent: usage repeats its child model calls' },
  { operation: 'invoke_workflow', aggregate: true, why: 'workflow: usage repeats its child model calls' },
  { operation: 'plan', aggregate: true, why: 'the planning model call is a child span of the plan span' },
];

/** Tried after every convention's own rules: by node type, whatever convention typed the span. */
export const GENERIC_USAGE_RULES: readonly UsageRule[] = [
  { nodeType: 'agent', kind: 'client', aggregate: false, why: 'remote agent: its model calls are not traced here' },
  { nodeType: 'agent', aggregate: true, why: 'agent: usage repeats its child model calls' },
  { nodeType: 'workflow', aggregate: true, why: 'workflow: usage repeats its child model calls' },
  { nodeType: 'chain', aggregate: true, why: 'chain: usage repeats its child model calls' },
];

export const OTEL_GENAI_TABLE: ConventionTable = {
  name: 'OpenTelemetry GenAI',
  nodeTypeKeys: [{ key: 'gen_ai.operation.name', values: OPERATION_NODE_TYPES }],
  nodeTypeFallbacks: [
    { anyOf: ['gen_ai.tool.name', 'gen_ai.tool.call.id'], nodeType: 'tool' },
    { anyOf: ['gen_ai.guardrail.result.type', 'gen_ai.guardrail.verdict.type'], nodeType: 'guardrail' },
    { anyOf: ['gen_ai.retrieval.documents', 'gen_ai.data_source.id'], nodeType: 'retrieval' },
    { anyOf: ['gen_ai.request.model', 'gen_ai.response.model'], nodeType: 'llm' },
  ],
  spanNameNodeTypes: new Map(),
  strings: {
    operation: [{ key: 'gen_ai.operation.name' }],
    provider: [provider('gen_ai.provider.name'), provider('gen_ai.system')],
    requestModel: [{ key: 'gen_ai.request.model' }],
    responseModel: [{ key: 'gen_ai.response.model' }],
    agentName: [{ key: 'gen_ai.agent.name' }],
    agentId: [{ key: 'gen_ai.agent.id' }],
    conversationId: [{ key: 'gen_ai.conversation.id' }],
    toolName: [{ key: 'gen_ai.tool.name' }],
    toolCallId: [{ key: 'gen_ai.tool.call.id' }],
    errorType: [{ key: 'error.type' }],
    guardrailName: [{ key: 'gen_ai.guardrail.component.name' }],
    guardrailReason: [{ key: 'gen_ai.guardrail.result.reason' }, { key: 'gen_ai.guardrail.verdict.reason' }],
  },
  tokens: {
    inputTokens: ['gen_ai.usage.input_tokens', 'gen_ai.usage.prompt_tokens'],
    outputTokens: ['gen_ai.usage.output_tokens', 'gen_ai.usage.completion_tokens'],
    cacheReadTokens: ['gen_ai.usage.cache_read.input_tokens'],
    cacheWriteTokens: ['gen_ai.usage.cache_write.input_tokens', 'gen_ai.usage.cache_creation.input_tokens'],
    reasoningTokens: ['gen_ai.usage.reasoning.output_tokens'],
  },
  costKeys: ['gen_ai.usage.cost'],
  finishReasonKeys: ['gen_ai.response.finish_reasons'],
  usageRules: OTEL_USAGE_RULES,
  contentKeys: [
    'gen_ai.system_instructions',
    'gen_ai.input.messages',
    'gen_ai.output.messages',
    'gen_ai.tool.call.arguments',
    'gen_ai.tool.call.result',
    'gen_ai.retrieval.query.text',
    'gen_ai.retrieval.documents',
    'gen_ai.memory.query.text',
    'gen_ai.memory.records',
    // v1.26 attributes, deprecated in v1.28 but still sent on spans by some SDKs.
    'gen_ai.prompt',
    'gen_ai.completion',
  ],
  contentPrefixes: [],
  eventContentKeys: OTEL_EVENT_CONTENT_KEYS,
  extract: extractOtelContent,
};
