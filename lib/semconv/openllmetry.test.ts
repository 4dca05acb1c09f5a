import { describe, expect, it } from 'vitest';
import type { NodeType, Span } from '@/lib/span/types';
import { event, norm } from './test-fixtures';

describe('OpenLLMetry node types', () => {
  const rows: [Record<string, string>, NodeType][] = [
    [{ 'traceloop.span.kind': 'workflow' }, 'workflow'],
    [{ 'traceloop.span.kind': 'task' }, 'chain'],
    [{ 'traceloop.span.kind': 'agent' }, 'agent'],
    [{ 'traceloop.span.kind': 'tool' }, 'tool'],
    [{ 'llm.request.type': 'chat' }, 'llm'],
    [{ 'llm.request.type': 'completion' }, 'llm'],
    [{ 'llm.request.type': 'embedding' }, 'embedding'],
    [{ 'llm.request.type': 'rerank' }, 'rerank'],
    [{ 'db.vector.query.top_k': '5' }, 'retrieval'],
  ];
  it.each(rows)('%j → %s', (attrs, nodeType) => {
    expect(norm(attrs).nodeType).toBe(nodeType);
  });
});

describe('OpenLLMetry fields', () => {
  const rows: [keyof Span, Record<string, string | number>, unknown][] = [
    ['operation', { 'llm.request.type': 'chat' }, 'chat'],
    ['agentName', { 'traceloop.span.kind': 'agent', 'traceloop.entity.name': 'booking_agent' }, 'booking_agent'],
    ['toolName', { 'traceloop.span.kind': 'tool', 'traceloop.entity.name': 'lookup_flight' }, 'lookup_flight'],
    ['agentName', { 'traceloop.span.kind': 'task', 'traceloop.entity.name': 'summarise' }, ''],
    ['conversationId', { 'traceloop.association.properties.session_id': 's-42' }, 's-42'],
    ['cacheReadTokens', { 'gen_ai.usage.prompt_tokens': 800, 'gen_ai.usage.cache_read_input_tokens': 640 }, 640],
    ['cacheWriteTokens', { 'gen_ai.usage.prompt_tokens': 800, 'gen_ai.usage.cache_creation_input_tokens': 128 }, 128],
    ['reasoningTokens', { 'gen_ai.usage.reasoning_tokens': 77 }, 77],
    ['reasoningTokens', { 'llm.usage.reasoning_tokens': 66 }, 66],
    ['cacheReadTokens', { 'gen_ai.usage.cache_read.input_tokens': 5, 'gen_ai.usage.cache_read_input_tokens': 4 }, 5],
    ['finishReasons', { 'gen_ai.response.finish_reason': 'length' }, ['length']],
  ];
  it.each(rows)('%s from %j', (field, attrs, expected) => {
    expect(norm(attrs)[field]).toEqual(expected);
  });
});

describe('OpenLLMetry content', () => {
  it('flattened prompts and completions, in numeric order', () => {
    const attrs: Record<string, string> = {
      'llm.request.type': 'chat',
      'gen_ai.completion.0.role': 'assistant',
      'gen_ai.completion.0.finish_reason': 'tool_calls',
      'gen_ai.completion.0.tool_calls.0.id': 'call_1',
      'gen_ai.completion.0.tool_calls.0.name': 'get_weather',
      'gen_ai.completion.0.tool_calls.0.arguments': '{"city":"Oslo"}',
    };
    for (let i = 0; i < 11; i++) {
      attrs[`gen_ai.prompt.${i}.role`] = 'user';
      attrs[`gen_ai.prompt.${i}.content`] = `m${i}`;
    }
    const span = norm(attrs);
    expect(span.content.inputMessages?.map((m) => m.parts[0])).toEqual(
      Array.from({ length: 11 }, (_, i) => ({ type: 'text', content: `m${i}` })),
    );
    expect(span.content.outputMessages).toEqual([
      {
        role: 'assistant',
        parts: [{ type: 'tool_call', id: 'call_1', name: 'get_weather', arguments: { city: 'Oslo' } }],
        finishReason: 'tool_calls',
      },
    ]);
    expect(span.finishReasons).toEqual(['tool_calls']);
    expect(span.attributes).toEqual({ 'llm.request.type': 'chat' });
  });

  it('a content list of blocks becomes parts', () => {
    const span = norm({ 'gen_ai.prompt.0.role': 'user', 'gen_ai.prompt.0.content': '[{"type":"text","text":"hi"}]' });
    expect(span.content.inputMessages).toEqual([{ role: 'user', parts: [{ type: 'text', content: 'hi' }] }]);
  });

  it('tool entity input and output', () => {
    const span = norm({
      'traceloop.span.kind': 'tool',
      'traceloop.entity.name': 'lookup',
      'traceloop.entity.input': '{"args":["AF123"],"kwargs":{}}',
      'traceloop.entity.output': '"on time"',
    });
    expect(span.content.toolArguments).toEqual({ args: ['AF123'], kwargs: {} });
    expect(span.content.toolResult).toBe('on time');
    expect(span.attributes['traceloop.entity.input']).toBeUndefined();
  });

  it('vector store hits from db.query.result events', () => {
    const hit = (id: string, score: number) =>
      event('db.query.result', { 'db.query.result.id': id, 'db.query.result.score': score, 'db.query.result.document': `doc ${id}` });
    const span = norm({ 'db.system': 'chroma', 'db.vector.query.top_k': 2 }, { name: 'chroma.query', events: [hit('a', 0.3), hit('b', 0.8)] });
    expect(span.nodeType).toBe('retrieval');
    expect(span.retrievalDocCount).toBe(2);
    expect(span.retrievalScores).toEqual([0.3, 0.8]);
    expect(span.retrievalTopScore).toBe(0.8);
    expect(span.content.retrievalDocuments?.[0]).toEqual({ id: 'a', score: 0.3, content: 'doc a' });
    expect(span.events[0]?.attributes).toEqual({ 'db.query.result.id': 'a', 'db.query.result.score': '0.3' });
  });

  it('result count without events', () => {
    expect(norm({ 'db.vector.query.result_count': 0 }).retrievalDocCount).toBe(0);
  });
});
