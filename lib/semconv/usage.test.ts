import { describe, expect, it } from 'vitest';
import type { Attributes, OtlpSpanKind } from '@/lib/otlp/types';
import { norm } from './test-fixtures';

const TOKENS = { 'gen_ai.usage.input_tokens': 1200, 'gen_ai.usage.output_tokens': 300 };
const INTERNAL: OtlpSpanKind = 1;
const CLIENT: OtlpSpanKind = 3;

describe('usageIsAggregate: is the usage the span’s own or a sum of its model calls?', () => {
  const rows: [string, Attributes, OtlpSpanKind, string, boolean][] = [
    ['chat span: a model call', { 'gen_ai.operation.name': 'chat' }, CLIENT, 'chat gpt-4o', false],
    ['embeddings span', { 'gen_ai.operation.name': 'embeddings' }, CLIENT, 'embeddings m', false],
    ['internal invoke_agent (LangChain, AI SDK v7 root)', { 'gen_ai.operation.name': 'invoke_agent' }, INTERNAL, 'invoke_agent a', true],
    ['client invoke_agent (remote agent service)', { 'gen_ai.operation.name': 'invoke_agent' }, CLIENT, 'invoke_agent a', false],
    ['invoke_workflow', { 'gen_ai.operation.name': 'invoke_workflow' }, INTERNAL, 'invoke_workflow crew', true],
    ['plan', { 'gen_ai.operation.name': 'plan' }, INTERNAL, 'plan', true],
    ['fetch_response never counts', { 'gen_ai.operation.name': 'fetch_response' }, CLIENT, 'fetch_response', true],
    ['OpenInference CHAIN', { 'openinference.span.kind': 'CHAIN' }, INTERNAL, 'RunnableSequence', true],
    ['OpenInference AGENT', { 'openinference.span.kind': 'AGENT' }, INTERNAL, 'agent', true],
    ['OpenInference LLM', { 'openinference.span.kind': 'LLM' }, INTERNAL, 'ChatOpenAI', false],
    ['OpenLLMetry workflow', { 'traceloop.span.kind': 'workflow' }, INTERNAL, 'joke.workflow', true],
    ['OpenLLMetry task', { 'traceloop.span.kind': 'task' }, INTERNAL, 'joke.task', true],
    ['AI SDK ai.generateText wrapper', { 'ai.operationId': 'ai.generateText' }, INTERNAL, 'ai.generateText', true],
    ['AI SDK ai.streamText wrapper', { 'ai.operationId': 'ai.streamText' }, INTERNAL, 'ai.streamText', true],
    ['AI SDK ai.embedMany wrapper', { 'ai.operationId': 'ai.embedMany' }, INTERNAL, 'ai.embedMany', true],
    ['AI SDK doGenerate provider call', { 'ai.operationId': 'ai.generateText.doGenerate' }, CLIENT, 'ai.generateText.doGenerate', false],
    ['AI SDK doEmbed provider call', { 'ai.operationId': 'ai.embedMany.doEmbed' }, CLIENT, 'ai.embedMany.doEmbed', false],
  ];
  it.each(rows)('%s → aggregate=%s', (_name, attrs, kind, name, aggregate) => {
    const span = norm({ ...attrs, ...TOKENS }, { kind, name });
    expect(span.usageIsAggregate).toBe(aggregate);
    // The usage stays visible on the span either way.
    expect(span.inputTokens).toBe(1200);
    expect(span.outputTokens).toBe(300);
  });
});
