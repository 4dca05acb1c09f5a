/**
 * Vercel AI SDK legacy telemetry (`ai.*` spans, AI SDK ≤ v6 and `LegacyOpenTelemetry` in v7). The span name
 * is the operation id. Wrappers (`ai.generateText`, `ai.streamText`, …) run a loop of provider calls
 * (`….doGenerate`, `….doStream`) and tool calls; they are typed as agents, like the v7 `invoke_agent` root.
 * Usage: a wrapper's `ai.usage.*` is the sum of its provider calls' usage, so it is an aggregate; the
 * provider-call spans carry the usage of record. Embedding wrappers likewise repeat their `doEmbed` children.
 */
import type { NodeType } from '@/lib/span/types';
import type { ConventionTable, UsageRule } from './convention';
import { normaliseProvider } from './providers';
import { extractVercelAi } from './vercel-ai-content';

export const AI_SDK_OPERATIONS: ReadonlyMap<string, NodeType> = new Map([
  ['ai.generateText', 'agent'],
  ['ai.generateText.doGenerate', 'llm'],
  ['ai.streamText', 'agent'],
  ['ai.streamText.doStream', 'llm'],
  ['ai.generateObject', 'agent'],
  ['ai.generateObject.doGenerate', 'llm'],
  ['ai.streamObject', 'agent'],
  ['ai.streamObject.doStream', 'llm'],
  ['ai.embed', 'embedding'],
  ['ai.embed.doEmbed', 'embedding'],
  ['ai.embedMany', 'embedding'],
  ['ai.embedMany.doEmbed', 'embedding'],
  ['ai.toolCall', 'tool'],
]);

const WRAPPERS = ['ai.generateText', 'ai.streamText', 'ai.generateObject', 'ai.streamObject', 'ai.embed', 'ai.embedMany'];

export const AI_SDK_USAGE_RULES: readonly UsageRule[] = WRAPPERS.map((operation) => ({
  operation,
  aggregate: true,
  why: 'AI SDK wrapper: usage is the sum of its provider-call children',
}));

export const VERCEL_AI_TABLE: ConventionTable = {
  name: 'Vercel AI SDK (legacy ai.*)',
  // Case matters in AI SDK ids; lookups try the value as sent first, so the camelCase keys match.
  nodeTypeKeys: [{ key: 'ai.operationId', values: AI_SDK_OPERATIONS }],
  nodeTypeFallbacks: [{ anyOf: ['ai.toolCall.name'], nodeType: 'tool' }, { anyOf: ['ai.model.id'], nodeType: 'llm' }],
  spanNameNodeTypes: AI_SDK_OPERATIONS,
  strings: {
    operation: [{ key: 'ai.operationId' }],
    provider: [{ key: 'ai.model.provider', normalise: normaliseProvider }],
    requestModel: [{ key: 'ai.model.id' }],
    responseModel: [{ key: 'ai.response.model' }],
    toolName: [{ key: 'ai.toolCall.name' }],
    toolCallId: [{ key: 'ai.toolCall.id' }],
    conversationId: [{ key: 'ai.telemetry.metadata.sessionId' }],
  },
  tokens: {
    inputTokens: ['ai.usage.inputTokens', 'ai.usage.promptTokens', 'ai.usage.tokens'],
    outputTokens: ['ai.usage.outputTokens', 'ai.usage.completionTokens'],
    cacheReadTokens: ['ai.usage.inputTokenDetails.cacheReadTokens', 'ai.usage.cachedInputTokens'],
    cacheWriteTokens: ['ai.usage.inputTokenDetails.cacheWriteTokens'],
    reasoningTokens: ['ai.usage.outputTokenDetails.reasoningTokens', 'ai.usage.reasoningTokens'],
  },
  costKeys: [],
  finishReasonKeys: ['ai.response.finishReason'],
  usageRules: AI_SDK_USAGE_RULES,
  contentKeys: [
    'ai.prompt',
    'ai.prompt.messages',
    'ai.response.text',
    'ai.response.reasoning',
    'ai.response.toolCalls',
    'ai.response.object',
    'ai.toolCall.args',
    'ai.toolCall.result',
    'ai.value',
    'ai.values',
  ],
  contentPrefixes: [],
  extract: extractVercelAi,
};
