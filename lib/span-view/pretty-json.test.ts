import { describe, expect, it } from 'vitest';
import { cutText, parseJsonString, prettyJson } from './pretty-json';

describe('parseJsonString', () => {
  it.each([
    ['{"a":1}', { a: 1 }],
    [' [1, 2] ', [1, 2]],
    ['{"broken":', undefined],
    ['42', undefined],
    ['"quoted"', undefined],
    ['plain text', undefined],
    ['{not json}', undefined],
  ])('%j → %j', (input, expected) => {
    expect(parseJsonString(input)).toEqual(expected);
  });
});

describe('prettyJson', () => {
  it('indents objects and summarises their keys', () => {
    const out = prettyJson({ order_id: 'ORD-1', amount_usd: 939 });
    expect(out.kind).toBe('json');
    expect(out.text).toBe('{\n  "order_id": "ORD-1",\n  "amount_usd": 939\n}');
    expect(out.summary).toBe('{order_id, amount_usd}');
    expect(out.truncated).toBe(false);
  });

  it('parses a string that holds JSON and formats it', () => {
    const out = prettyJson('[{"title":"a"},{"title":"b"}]');
    expect(out.kind).toBe('json');
    expect(out.summary).toBe('[2 items]');
    expect(out.text.split('\n')).toHaveLength(8);
  });

  it('keeps a plain string as text', () => {
    expect(prettyJson('<b>not html</b>')).toMatchObject({ kind: 'text', text: '<b>not html</b>' });
  });

  it.each([null, undefined, ''])('treats %j as empty', (value) => {
    expect(prettyJson(value).kind).toBe('empty');
  });

  it('counts many keys instead of listing them', () => {
    expect(prettyJson({ a: 1, b: 2, c: 3, d: 4 }).summary).toBe('{4 keys}');
  });

  it('formats scalars', () => {
    expect(prettyJson(0)).toMatchObject({ kind: 'json', text: '0' });
    expect(prettyJson(false)).toMatchObject({ kind: 'json', text: 'false' });
  });

  it('cuts a large value and reports its full size', () => {
    const big = { rows: Array.from({ length: 5000 }, (_, i) => ({ i })) };
    const out = prettyJson(big, 1000);
    expect(out.truncated).toBe(true);
    expect(out.text).toHaveLength(1000);
    expect(out.totalChars).toBeGreaterThan(50_000);
  });
});

describe('cutText', () => {
  it('never splits a surrogate pair', () => {
    const out = cutText('ab😀cd', 3);
    expect(out).toEqual({ text: 'ab', truncated: true });
  });

  it('leaves short text alone', () => {
    expect(cutText('abc', 3)).toEqual({ text: 'abc', truncated: false });
  });
});
