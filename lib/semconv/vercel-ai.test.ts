import { describe, expect, it } from 'vitest';
import type { NodeType, Span } from '@/lib/span/types';
import { norm } from './test-fixtures';

describe('AI SDK legacy operation ids', () => {
  const rows: [string, NodeType][] = [
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
  ];
  it.each(rows)('%s → %s (from ai.operationId and from the span name alone)', (id, nodeType) => {
    const fromAttr = norm({ 'ai.operationId': id }, { name: 'whatever' });
    expect(fromAttr.nodeType).toBe(nodeType);
    expect(fromAttr.operation).toBe(id);
    expect(norm({}, { name: id }).nodeType).toBe(nodeType);
  });
});

describe('AI SDK fields', () => {
  const rows: [keyof Span, Record<string, string | number>, unknown][] = [
    ['provider', { 'ai.model.provider': 'openai.chat' }, 'openai'],
    ['provider', { 'ai.model.provider': 'google.generative-ai' }, 'gcp.gemini'],
    ['provider', { 'ai.model.provider': 'amazon-bedrock' }, 'aws.bedrock'],
    ['provider', { 'ai.model.provider': 'mistral.chat' }, 'mistral_ai'],
    ['requestModel', { 'ai.model.id': 'gpt-4o-mini' }, 'gpt-4o-mini'],
    ['responseModel', { 'ai.response.model': 'gpt-4o-mini-2024-07-18' }, 'gpt-4o-mini-2024-07-18'],
    ['toolName', { 'ai.toolCall.name': 'weather' }, 'weather'],
    ['toolCallId', { 'ai.toolCall.id': 'call_5' }, 'call_5'],
    ['conversationId', { 'ai.telemetry.metadata.sessionId': 'chat-3' }, 'chat-3'],
    ['inputTokens', { 'ai.usage.inputTokens': 50 }, 50],
    ['inputTokens', { 'ai.usage.promptTokens': 45 }, 45],
    ['inputTokens', { 'ai.usage.inputTokens': 50, 'ai.usage.promptTokens': 45 }, 50],
    ['outputTokens', { 'ai.usage.completionTokens': 9 }, 9],
    ['cacheReadTokens', { 'ai.usage.inputTokens': 50, 'ai.usage.cachedInputTokens': 32 }, 32],
    ['cacheReadTokens', { 'ai.usage.inputTokens': 50, 'ai.usage.inputTokenDetails.cacheReadTokens': 16 }, 16],
    ['cacheWriteTokens', { 'ai.usage.inputTokens': 50, 'ai.usage.inputTokenDetails.cacheWriteTokens': 8 }, 8],
    ['reasoningTokens', { 'ai.usage.outputTokens': 90, 'ai.usage.reasoningTokens': 60 }, 60],
    ['finishReasons', { 'ai.response.finishReason': 'stop' }, ['stop']],
    // doGenerate spans also carry the OTel keys, which come first.
    ['inputTokens', { 'gen_ai.usage.input_tokens': 51, 'ai.usage.promptTokens': 51 }, 51],
  ];
  it.each(rows)('%s from %j', (field, attrs, expected) => {
    expect(norm(attrs)[field]).toEqual(expected);
  });
});

describe('AI SDK content', () => {
  it('provider call: prompt messages in, text and tool calls out', () => {
    const span = norm({
      'ai.operationId': 'ai.generateText.doGenerate',
      'ai.prompt.messages': JSON.stringify([
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: [{ type: 'text', text: 'Weather in Rome?' }] },
      ]),
      'ai.response.text': 'Checking.',
      'ai.response.toolCalls': '[{"toolCallType":"function","toolCallId":"c1","toolName":"weather","args":"{\\"city\\":\\"Rome\\"}"}]',
      'ai.response.finishReason': 'tool-calls',
    });
    expect(span.content.inputMessages).toEqual([
      { role: 'system', parts: [{ type: 'text', content: 'Be brief.' }] },
      { role: 'user', parts: [{ type: 'text', content: 'Weather in Rome?' }] },
    ]);
    expect(span.content.outputMessages).toEqual([
      {
        role: 'assistant',
        parts: [
          { type: 'text', content: 'Checking.' },
          { type: 'tool_call', id: 'c1', name: 'weather', arguments: { city: 'Rome' } },
        ],
        finishReason: 'tool-calls',
      },
    ]);
    expect(Object.keys(span.attributes)).toEqual(['ai.operationId', 'ai.response.finishReason']);
  });

  it('wrapper: ai.prompt with system and prompt; function id as the agent name', () => {
    const span = norm(
      {
        'ai.operationId': 'ai.generateText',
        'ai.telemetry.functionId': 'trip-planner',
        'ai.prompt': '{"system":"You plan trips.","prompt":"3 days in Rome"}',
        'ai.usage.promptTokens': 300,
        'ai.usage.completionTokens': 80,
      },
      { name: 'ai.generateText' },
    );
    expect(span.content.systemInstructions).toEqual([{ type: 'text', content: 'You plan trips.' }]);
    expect(span.content.inputMessages).toEqual([{ role: 'user', parts: [{ type: 'text', content: '3 days in Rome' }] }]);
    expect(span.agentName).toBe('trip-planner');
    expect(span.usageIsAggregate).toBe(true);
    expect(span.inputTokens).toBe(300);
  });

  it('tool call arguments and result', () => {
    const span = norm({ 'ai.operationId': 'ai.toolCall', 'ai.toolCall.args': '{"city":"Rome"}', 'ai.toolCall.result': '{"temp":21}' });
    expect(span.content.toolArguments).toEqual({ city: 'Rome' });
    expect(span.content.toolResult).toEqual({ temp: 21 });
  });

  it('embedding inputs', () => {
    const span = norm({ 'ai.operationId': 'ai.embedMany', 'ai.values': ['a', 'b'], 'ai.usage.tokens': 4 });
    expect(span.content.inputMessages?.map((m) => m.parts[0])).toEqual([
      { type: 'text', content: 'a' },
      { type: 'text', content: 'b' },
    ]);
    expect(span.inputTokens).toBe(4);
  });
});
