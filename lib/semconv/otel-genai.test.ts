import { describe, expect, it } from 'vitest';
import type { Attributes } from '@/lib/otlp/types';
import type { NodeType, Span } from '@/lib/span/types';
import { norm } from './test-fixtures';

describe('node type from gen_ai.operation.name', () => {
  const rows: [string, NodeType][] = [
    ['chat', 'llm'],
    ['text_completion', 'llm'],
    ['generate_content', 'llm'],
    ['generate', 'llm'],
    ['fetch_response', 'llm'],
    ['embeddings', 'embedding'],
    ['retrieval', 'retrieval'],
    ['execute_tool', 'tool'],
    ['create_agent', 'agent'],
    ['invoke_agent', 'agent'],
    ['invoke_workflow', 'workflow'],
    ['plan', 'chain'],
    ['create_memory_store', 'memory'],
    ['search_memory', 'memory'],
    ['create_memory', 'memory'],
    ['update_memory', 'memory'],
    ['upsert_memory', 'memory'],
    ['delete_memory', 'memory'],
    ['delete_memory_store', 'memory'],
    ['apply_guardrail', 'guardrail'],
    ['run_guardrail', 'guardrail'],
    ['guardrail.run', 'guardrail'],
    ['rerank', 'rerank'],
  ];
  it.each(rows)('%s → %s', (operation, nodeType) => {
    const span = norm({ 'gen_ai.operation.name': operation });
    expect(span.nodeType).toBe(nodeType);
    expect(span.operation).toBe(operation);
  });
});

describe('node type fallbacks when the operation is missing or custom', () => {
  const rows: [string, Attributes, string, NodeType, string][] = [
    ['tool name present', { 'gen_ai.tool.name': 'get_weather' }, 'run', 'tool', ''],
    ['tool call id present', { 'gen_ai.tool.call.id': 'call_1' }, 'run', 'tool', ''],
    ['model present', { 'gen_ai.request.model': 'gpt-4o' }, 'openai call', 'llm', ''],
    ['custom operation with a model', { 'gen_ai.operation.name': 'summarise', 'gen_ai.request.model': 'm' }, 'x', 'llm', 'summarise'],
    ['span name "chat gpt-4o"', {}, 'chat gpt-4o', 'llm', 'chat'],
    ['span name "execute_tool get_weather"', {}, 'execute_tool get_weather', 'tool', 'execute_tool'],
    ['span name "invoke_agent"', {}, 'invoke_agent', 'agent', 'invoke_agent'],
    ['nothing recognisable', { 'http.method': 'GET' }, 'GET /health', 'span', ''],
  ];
  it.each(rows)('%s', (_name, attrs, spanName, nodeType, operation) => {
    const span = norm(attrs, { name: spanName });
    expect(span.nodeType).toBe(nodeType);
    expect(span.operation).toBe(operation);
  });
});

describe('provider: gen_ai.provider.name → gen_ai.system, old spellings normalised', () => {
  const rows: [string, string][] = [
    ['openai', 'openai'],
    ['az.ai.openai', 'azure.ai.openai'],
    ['az.ai.inference', 'azure.ai.inference'],
    ['xai', 'x_ai'],
    ['vertex_ai', 'gcp.vertex_ai'],
    ['gemini', 'gcp.gemini'],
    ['aws.bedrock', 'aws.bedrock'],
    ['Anthropic', 'anthropic'],
    ['openai.chat', 'openai'],
    ['anthropic.messages', 'anthropic'],
    ['google.vertex.chat', 'gcp.vertex_ai'],
    ['ollama', 'ollama'],
  ];
  it.each(rows)('gen_ai.system=%s → %s', (system, provider) => {
    expect(norm({ 'gen_ai.system': system }).provider).toBe(provider);
  });
  it('the new name wins over the deprecated one', () => {
    expect(norm({ 'gen_ai.provider.name': 'x_ai', 'gen_ai.system': 'openai' }).provider).toBe('x_ai');
  });
});

describe('string fields', () => {
  const rows: [keyof Span, string, string][] = [
    ['requestModel', 'gen_ai.request.model', 'gpt-4o'],
    ['responseModel', 'gen_ai.response.model', 'gpt-4o-2024-08-06'],
    ['agentName', 'gen_ai.agent.name', 'planner'],
    ['agentId', 'gen_ai.agent.id', 'asst_123'],
    ['conversationId', 'gen_ai.conversation.id', 'conv_9'],
    ['toolName', 'gen_ai.tool.name', 'get_weather'],
    ['toolCallId', 'gen_ai.tool.call.id', 'call_abc'],
    ['errorType', 'error.type', 'timeout'],
  ];
  it.each(rows)('%s from %s', (field, key, value) => {
    expect(norm({ [key]: value })[field]).toBe(value);
  });
  it('an integer agent id becomes its text', () => {
    expect(norm({ 'gen_ai.agent.id': 42 }).agentId).toBe('42');
  });
});

describe('finish reasons', () => {
  it('reads the string array', () => {
    expect(norm({ 'gen_ai.response.finish_reasons': ['stop', 'length'] }).finishReasons).toEqual(['stop', 'length']);
  });
  it('accepts a single string', () => {
    expect(norm({ 'gen_ai.response.finish_reasons': 'tool_call' }).finishReasons).toEqual(['tool_call']);
  });
});

describe('tokens', () => {
  type Usage = [number, number, number, number, number];
  const usage = (s: Span): Usage => [s.inputTokens, s.outputTokens, s.cacheReadTokens, s.cacheWriteTokens, s.reasoningTokens];
  const rows: [string, Attributes, Usage][] = [
    ['current names', {
      'gen_ai.usage.input_tokens': 1000,
      'gen_ai.usage.output_tokens': 200,
      'gen_ai.usage.cache_read.input_tokens': 600,
      'gen_ai.usage.cache_write.input_tokens': 100,
      'gen_ai.usage.reasoning.output_tokens': 50,
    }, [1000, 200, 600, 100, 50]],
    ['v1.26 names', { 'gen_ai.usage.prompt_tokens': 12, 'gen_ai.usage.completion_tokens': 3 }, [12, 3, 0, 0, 0]],
    ['v1.40 cache_creation name', { 'gen_ai.usage.input_tokens': 500, 'gen_ai.usage.cache_creation.input_tokens': 80 }, [500, 0, 0, 80, 0]],
    ['new and old names together: new wins', {
      'gen_ai.usage.input_tokens': 30,
      'gen_ai.usage.prompt_tokens': 29,
      'gen_ai.usage.output_tokens': 7,
      'gen_ai.usage.completion_tokens': 6,
      'gen_ai.usage.cache_write.input_tokens': 5,
      'gen_ai.usage.cache_creation.input_tokens': 4,
    }, [30, 7, 0, 5, 0]],
    ['counts sent as strings', { 'gen_ai.usage.input_tokens': '15', 'gen_ai.usage.output_tokens': '4' }, [15, 4, 0, 0, 0]],
    ['garbage and negatives read as absent, never NaN', {
      'gen_ai.usage.input_tokens': 'n/a',
      'gen_ai.usage.prompt_tokens': 9,
      'gen_ai.usage.output_tokens': -3,
    }, [9, 0, 0, 0, 0]],
    ['no usage at all', {}, [0, 0, 0, 0, 0]],
    // Old Anthropic instrumentations sent input without cache tokens: input is raised to the cache total.
    ['anthropic, input excluding cache', {
      'gen_ai.provider.name': 'anthropic',
      'gen_ai.usage.input_tokens': 20,
      'gen_ai.usage.cache_read.input_tokens': 3000,
      'gen_ai.usage.cache_creation.input_tokens': 500,
    }, [3500, 0, 3000, 500, 0]],
    // Newer ones already include them: kept as sent, not added twice.
    ['anthropic, input including cache', {
      'gen_ai.provider.name': 'anthropic',
      'gen_ai.usage.input_tokens': 3520,
      'gen_ai.usage.cache_read.input_tokens': 3000,
      'gen_ai.usage.cache_creation.input_tokens': 500,
    }, [3520, 0, 3000, 500, 0]],
    ['output never below reasoning', { 'gen_ai.usage.output_tokens': 10, 'gen_ai.usage.reasoning.output_tokens': 40 }, [0, 40, 0, 0, 40]],
  ];
  it.each(rows)('%s', (_name, attrs, expected) => {
    expect(usage(norm(attrs))).toEqual(expected);
  });
});

describe('reported cost', () => {
  it('reads gen_ai.usage.cost and leaves pricing to later', () => {
    const span = norm({ 'gen_ai.usage.cost': 0.0125 });
    expect(span.reportedCostUsd).toBe(0.0125);
    expect(span.costUsd).toBeNull();
    expect(span.costSource).toBe('none');
  });
  it('ignores a negative cost', () => {
    expect(norm({ 'gen_ai.usage.cost': -1 }).reportedCostUsd).toBeNull();
  });
});

describe('retrieval and memory', () => {
  it('counts documents and reads their scores', () => {
    const span = norm({
      'gen_ai.operation.name': 'retrieval',
      'gen_ai.retrieval.documents': '[{"id":"d1","score":0.42},{"id":"d2","score":0.91},{"id":"d3"}]',
    });
    expect(span.retrievalDocCount).toBe(3);
    expect(span.retrievalScores).toEqual([0.42, 0.91]);
    expect(span.retrievalTopScore).toBe(0.91);
    expect(span.content.retrievalDocuments?.map((d) => d.id)).toEqual(['d1', 'd2', 'd3']);
  });
  it('reads structured documents', () => {
    const span = norm({ 'gen_ai.retrieval.documents': [{ id: 7, score: 0.5, content: 'refund policy' }] });
    expect(span.retrievalDocCount).toBe(1);
    expect(span.content.retrievalDocuments).toEqual([{ id: '7', score: 0.5, content: 'refund policy' }]);
  });
  it('an empty list is 0 documents, not unknown', () => {
    const span = norm({ 'gen_ai.operation.name': 'retrieval', 'gen_ai.retrieval.documents': '[]' });
    expect(span.retrievalDocCount).toBe(0);
    expect(span.retrievalTopScore).toBeNull();
  });
  it('a retrieval span without documents has an unknown count', () => {
    expect(norm({ 'gen_ai.operation.name': 'retrieval' }).retrievalDocCount).toBeNull();
  });
  it('unparseable documents are kept as text with an unknown count', () => {
    const span = norm({ 'gen_ai.retrieval.documents': '[{"id": broken' });
    expect(span.retrievalDocCount).toBeNull();
    expect(span.content.retrievalDocuments).toEqual([{ id: '', score: null, content: '[{"id": broken' }]);
  });
  it('memory spans count records', () => {
    const span = norm({ 'gen_ai.operation.name': 'search_memory', 'gen_ai.memory.record.count': 4 });
    expect(span.nodeType).toBe('memory');
    expect(span.retrievalDocCount).toBe(4);
  });
});

describe('error type', () => {
  const exception = { name: 'exception', attributes: { 'exception.type': 'RateLimitError' }, timeUnixNano: 1n };
  it('error.type wins', () => {
    const span = norm({ 'error.type': '429' }, { status: { code: 2, message: 'rate limited' }, events: [exception] });
    expect(span.errorType).toBe('429');
    expect(span.statusCode).toBe('error');
    expect(span.statusMessage).toBe('rate limited');
  });
  it('falls back to the exception event when the status is error', () => {
    expect(norm({}, { status: { code: 2, message: '' }, events: [exception] }).errorType).toBe('RateLimitError');
  });
  it('an exception on a span that did not fail is not its error type', () => {
    expect(norm({}, { status: { code: 1, message: '' }, events: [exception] }).errorType).toBe('');
  });
});
