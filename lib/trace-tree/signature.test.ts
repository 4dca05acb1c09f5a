import { describe, expect, it } from 'vitest';
import type { ApiSpan } from '@/lib/span/api-types';
import { buildTree } from './build-tree';
import { hashString, normaliseArguments, repeatSignature } from './signature';
import { makeSpan } from './test-fixtures';

describe('normaliseArguments', () => {
  it.each([
    { name: 'key order', a: '{"city":"Paris","unit":"C"}', b: '{"unit":"C","city":"Paris"}', same: true },
    { name: 'whitespace', a: '{ "city" : "Paris" }', b: '{"city":"Paris"}', same: true },
    { name: 'nested key order', a: '{"q":{"b":1,"a":[{"y":2,"x":1}]}}', b: '{"q":{"a":[{"x":1,"y":2}],"b":1}}', same: true },
    { name: 'double-encoded JSON', a: JSON.stringify('{"city":"Paris"}'), b: '{"city":"Paris"}', same: true },
    { name: 'different values', a: '{"city":"Paris"}', b: '{"city":"Lyon"}', same: false },
    { name: 'array order matters', a: '[1,2]', b: '[2,1]', same: false },
    { name: 'number vs string', a: '{"n":1}', b: '{"n":"1"}', same: false },
    { name: 'plain text, trimmed', a: ' weather in Paris ', b: 'weather in Paris', same: true },
    { name: 'plain text that differs', a: 'weather in Paris', b: 'weather in Lyon', same: false },
  ])('$name → same=$same', ({ a, b, same }) => {
    expect(normaliseArguments(a) === normaliseArguments(b)).toBe(same);
  });

  it('produces compact, key-sorted JSON', () => {
    expect(normaliseArguments('{ "b": 2, "a": { "d": 1, "c": 0 } }')).toBe('{"a":{"c":0,"d":1},"b":2}');
  });

  it('writes every kind of JSON value as JSON.stringify does, array-index keys first, the rest sorted', () => {
    const text = '{"z":[null,true,false,-0,1e21,0.1,"a\\"b\\u00e9\\n"],"10":{},"9":[],"é":"x","":{"b":[{"d":1,"c":2}],"a":null}}';
    expect(normaliseArguments(text)).toBe(
      '{"9":[],"10":{},"":{"a":null,"b":[{"c":2,"d":1}]},"z":[null,true,false,0,1e+21,0.1,"a\\"bé\\n"],"é":"x"}',
    );
  });
});

type SpanInit = Partial<ApiSpan> & { spanId: string };

describe('repeatSignature', () => {
  const signatureOf = (overrides: SpanInit) =>
    repeatSignature(buildTree([makeSpan(overrides)]).byId.get(overrides.spanId)!);

  it.each<{ name: string; a: SpanInit; b: SpanInit; same: boolean }>([
    {
      name: 'same tool, same arguments in another order',
      a: { spanId: 'a', nodeType: 'tool' as const, toolName: 'get_weather', attributes: { 'gen_ai.tool.call.arguments': '{"a":1,"b":2}' } },
      b: { spanId: 'b', nodeType: 'tool' as const, toolName: 'get_weather', attributes: { 'gen_ai.tool.call.arguments': '{"b":2,"a":1}' } },
      same: true,
    },
    {
      name: 'same tool, arguments under the OpenInference and Vercel keys',
      a: { spanId: 'a', nodeType: 'tool' as const, toolName: 'search', attributes: { 'tool.parameters': '{"q":"x"}' } },
      b: { spanId: 'b', nodeType: 'tool' as const, toolName: 'search', attributes: { 'ai.toolCall.args': '{"q":"x"}' } },
      same: true,
    },
    {
      name: 'same tool, different arguments',
      a: { spanId: 'a', nodeType: 'tool' as const, toolName: 'search', attributes: { 'gen_ai.tool.call.arguments': '{"q":"x"}' } },
      b: { spanId: 'b', nodeType: 'tool' as const, toolName: 'search', attributes: { 'gen_ai.tool.call.arguments': '{"q":"y"}' } },
      same: false,
    },
    {
      name: 'different tools, same arguments',
      a: { spanId: 'a', nodeType: 'tool' as const, toolName: 'search' },
      b: { spanId: 'b', nodeType: 'tool' as const, toolName: 'fetch' },
      same: false,
    },
    {
      name: 'same model and agent',
      a: { spanId: 'a', nodeType: 'llm' as const, requestModel: 'gpt-4o', agentName: 'planner' },
      b: { spanId: 'b', nodeType: 'llm' as const, requestModel: 'gpt-4o', agentName: 'planner' },
      same: true,
    },
    {
      name: 'same model, other agent',
      a: { spanId: 'a', nodeType: 'llm' as const, requestModel: 'gpt-4o', agentName: 'planner' },
      b: { spanId: 'b', nodeType: 'llm' as const, requestModel: 'gpt-4o', agentName: 'coder' },
      same: false,
    },
    {
      name: 'a tool and a model call never match',
      a: { spanId: 'a', nodeType: 'tool' as const, toolName: 'gpt-4o' },
      b: { spanId: 'b', nodeType: 'llm' as const, requestModel: 'gpt-4o' },
      same: false,
    },
  ])('$name → same=$same', ({ a, b, same }) => {
    const sa = signatureOf(a);
    expect(sa).not.toBeNull();
    expect(sa === signatureOf(b)).toBe(same);
  });

  it.each(['agent', 'workflow', 'retrieval', 'span'] as const)('never groups a %s span', (nodeType) => {
    expect(signatureOf({ spanId: 'x', nodeType })).toBeNull();
  });
});

describe('hashString', () => {
  it.each([
    { text: '', hash: '811c9dc5' },
    { text: 'a', hash: 'e40c292c' },
    { text: 'foobar', hash: 'bf9cf968' },
  ])('FNV-1a of "$text" is $hash', ({ text, hash }) => {
    expect(hashString(text)).toBe(hash);
  });
});
