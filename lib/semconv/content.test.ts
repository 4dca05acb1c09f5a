import { describe, expect, it } from 'vitest';
import type { Message } from '@/lib/span/types';
import { event, norm } from './test-fixtures';

const text = (role: string, content: string): Message => ({ role, parts: [{ type: 'text', content }] });

describe('content in each generation of the OTel conventions', () => {
  it('v1.37+: JSON-string attributes on the span', () => {
    const span = norm({
      'gen_ai.operation.name': 'chat',
      'gen_ai.system_instructions': '[{"type":"text","content":"Be brief."}]',
      'gen_ai.input.messages': '[{"role":"user","parts":[{"type":"text","content":"Weather in Paris?"}]}]',
      'gen_ai.output.messages': JSON.stringify([
        {
          role: 'assistant',
          parts: [
            { type: 'reasoning', content: 'Need the tool.' },
            { type: 'tool_call', id: 'call_1', name: 'get_weather', arguments: { city: 'Paris' } },
          ],
          finish_reason: 'tool_call',
        },
      ]),
    });
    expect(span.content.systemInstructions).toEqual([{ type: 'text', content: 'Be brief.' }]);
    expect(span.content.inputMessages).toEqual([text('user', 'Weather in Paris?')]);
    expect(span.content.outputMessages).toEqual([
      {
        role: 'assistant',
        parts: [
          { type: 'reasoning', content: 'Need the tool.' },
          { type: 'tool_call', id: 'call_1', name: 'get_weather', arguments: { city: 'Paris' } },
        ],
        finishReason: 'tool_call',
      },
    ]);
    // Finish reasons fall back to the output messages when the span has no finish_reasons attribute.
    expect(span.finishReasons).toEqual(['tool_call']);
    // Content never stays in the attributes.
    expect(Object.keys(span.attributes)).toEqual(['gen_ai.operation.name']);
  });

  it('v1.37+: structured attributes, tool_call_response with `result` as in the registry example', () => {
    const span = norm({
      'gen_ai.input.messages': [
        { role: 'tool', parts: [{ type: 'tool_call_response', id: 'call_1', result: 'rainy, 57°F' }] },
      ],
    });
    expect(span.content.inputMessages).toEqual([
      { role: 'tool', parts: [{ type: 'tool_call_response', id: 'call_1', response: 'rainy, 57°F' }] },
    ]);
  });

  it('v1.37+: on the gen_ai.client.inference.operation.details event, with the event stripped of content', () => {
    const details = event('gen_ai.client.inference.operation.details', {
      'gen_ai.input.messages': [{ role: 'user', parts: [{ type: 'text', content: 'hi' }] }],
      'gen_ai.output.messages': [{ role: 'assistant', parts: [{ type: 'text', content: 'hello' }] }],
      'gen_ai.response.id': 'resp_1',
    });
    const span = norm({ 'gen_ai.operation.name': 'chat' }, { events: [details] });
    expect(span.content.inputMessages).toEqual([text('user', 'hi')]);
    expect(span.content.outputMessages).toEqual([text('assistant', 'hello')]);
    expect(span.events).toHaveLength(1);
    expect(span.events[0]?.attributes).toEqual({ 'gen_ai.response.id': 'resp_1' });
  });

  it('span attributes win over the details event', () => {
    const details = event('gen_ai.client.inference.operation.details', {
      'gen_ai.input.messages': [{ role: 'user', parts: [{ type: 'text', content: 'from event' }] }],
    });
    const span = norm({ 'gen_ai.input.messages': '[{"role":"user","parts":[{"type":"text","content":"from span"}]}]' }, { events: [details] });
    expect(span.content.inputMessages).toEqual([text('user', 'from span')]);
  });

  it('v1.28–v1.36: per-message events attached to the span', () => {
    const span = norm(
      { 'gen_ai.operation.name': 'chat' },
      {
        events: [
          event('gen_ai.system.message', { 'gen_ai.system': 'openai', content: 'Be brief.' }),
          event('gen_ai.user.message', { 'gen_ai.system': 'openai', content: 'Weather?' }),
          event('gen_ai.assistant.message', {
            tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } }],
          }),
          event('gen_ai.tool.message', { 'gen_ai.event.content': '{"role":"tool","id":"call_1","content":"rainy"}' }),
          event('gen_ai.choice', { index: 0, finish_reason: 'stop', message: '{"role":"assistant","content":"Rainy."}' }),
        ],
      },
    );
    expect(span.content.inputMessages).toEqual([
      text('system', 'Be brief.'),
      text('user', 'Weather?'),
      { role: 'assistant', parts: [{ type: 'tool_call', id: 'call_1', name: 'get_weather', arguments: { city: 'Paris' } }] },
      { role: 'tool', parts: [{ type: 'tool_call_response', id: 'call_1', response: 'rainy' }] },
    ]);
    expect(span.content.outputMessages).toEqual([{ ...text('assistant', 'Rainy.'), finishReason: 'stop' }]);
    expect(span.finishReasons).toEqual(['stop']);
    // The events stay on the timeline, without their content.
    expect(span.events.map((e) => e.name)).toContain('gen_ai.user.message');
    expect(span.events[1]?.attributes).toEqual({ 'gen_ai.system': 'openai' });
  });

  it('v1.26–v1.27: gen_ai.content.prompt / completion events', () => {
    const span = norm(
      { 'gen_ai.system': 'openai' },
      {
        events: [
          event('gen_ai.content.prompt', { 'gen_ai.prompt': '[{"role":"user","content":"Tell me a joke"}]' }),
          event('gen_ai.content.completion', { 'gen_ai.completion': '[{"role":"assistant","content":"Why…"}]' }),
        ],
      },
    );
    expect(span.content.inputMessages).toEqual([text('user', 'Tell me a joke')]);
    expect(span.content.outputMessages).toEqual([text('assistant', 'Why…')]);
    expect(span.events.every((e) => Object.keys(e.attributes).length === 0)).toBe(true);
  });

  it('content that fails to parse is kept as text', () => {
    const span = norm({
      'gen_ai.input.messages': '[{"role":"user", "parts": [',
      'gen_ai.output.messages': 'plain answer',
      'gen_ai.system_instructions': 'You are terse.',
    });
    expect(span.content.inputMessages).toEqual([text('user', '[{"role":"user", "parts": [')]);
    expect(span.content.outputMessages).toEqual([text('assistant', 'plain answer')]);
    expect(span.content.systemInstructions).toEqual([{ type: 'text', content: 'You are terse.' }]);
  });

  it('unknown part types are kept whole', () => {
    const span = norm({
      'gen_ai.input.messages': [{ role: 'user', parts: [{ type: 'uri', modality: 'image', uri: 'https://x/cat.png' }] }],
    });
    expect(span.content.inputMessages?.[0]?.parts).toEqual([{ type: 'uri', modality: 'image', uri: 'https://x/cat.png' }]);
  });
});

describe('tool and retrieval content', () => {
  it('tool call arguments and result, JSON strings parsed', () => {
    const span = norm({
      'gen_ai.operation.name': 'execute_tool',
      'gen_ai.tool.name': 'get_weather',
      'gen_ai.tool.call.arguments': '{"city":"Paris"}',
      'gen_ai.tool.call.result': 'rainy, 57°F',
    });
    expect(span.content.toolArguments).toEqual({ city: 'Paris' });
    expect(span.content.toolResult).toBe('rainy, 57°F');
    expect(span.attributes['gen_ai.tool.call.arguments']).toBeUndefined();
    expect(span.attributes['gen_ai.tool.name']).toBe('get_weather');
  });
  it('retrieval query text', () => {
    const span = norm({ 'gen_ai.operation.name': 'retrieval', 'gen_ai.retrieval.query.text': 'refund policy' });
    expect(span.content.retrievalQuery).toBe('refund policy');
    expect(span.attributes['gen_ai.retrieval.query.text']).toBeUndefined();
  });
});

describe('the gen_ai.prompt. prefix collision', () => {
  it('a numeric segment is an OpenLLMetry message, any other is an OTel prompt attribute', () => {
    const span = norm({
      'gen_ai.prompt.name': 'support-triage',
      'gen_ai.prompt.version': '3',
      'gen_ai.prompt.variable.customer': 'ACME',
      'gen_ai.prompt.0.role': 'user',
      'gen_ai.prompt.0.content': 'Where is my order?',
    });
    expect(span.attributes).toEqual({
      'gen_ai.prompt.name': 'support-triage',
      'gen_ai.prompt.version': '3',
      'gen_ai.prompt.variable.customer': 'ACME',
    });
    expect(span.content.inputMessages).toEqual([text('user', 'Where is my order?')]);
  });
});
