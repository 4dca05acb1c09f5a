import { describe, expect, it } from 'vitest';
import type { AttributeValue } from '@/lib/otlp/types';
import { asCount, MAX_DOC_COUNT, asStringArray, flattenAttributeValue, parseContentValue } from './values';

describe('flattenAttributeValue', () => {
  const rows: [string, AttributeValue, string][] = [
    ['string as is', 'gpt-4o', 'gpt-4o'],
    ['empty string', '', ''],
    ['integer', 42, '42'],
    ['double', 0.25, '0.25'],
    ['boolean', true, 'true'],
    ['null (empty AnyValue)', null, ''],
    ['array as JSON', ['stop', 'length'], '["stop","length"]'],
    ['kvlist as JSON', { role: 'user', n: 1 }, '{"role":"user","n":1}'],
    ['int64 beyond 2^53 arrives as a decimal string', '9007199254740993', '9007199254740993'],
  ];
  it.each(rows)('%s', (_name, input, expected) => {
    expect(flattenAttributeValue(input)).toBe(expected);
  });
});

describe('asCount', () => {
  const rows: [string, AttributeValue | undefined, number | null][] = [
    ['integer', 120, 120],
    ['numeric string', '120', 120],
    ['fraction truncated', 12.7, 12],
    ['absent', undefined, null],
    ['negative rejected', -5, null],
    ['NaN rejected', Number.NaN, null],
    ['Infinity rejected', Number.POSITIVE_INFINITY, null],
    ['non-numeric string', 'many', null],
    ['empty string', '', null],
    ['boolean', true, null],
    ['largest exact integer', Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
    ['beyond exact integers rejected', 1e20, null],
    ['beyond exact integers as a string rejected', '18446744073709551615', null],
  ];
  it.each(rows)('%s', (_name, input, expected) => {
    expect(asCount(input)).toBe(expected);
  });

  it('rejects a count above the given maximum', () => {
    expect(asCount(4_294_967_295, MAX_DOC_COUNT)).toBe(4_294_967_295);
    expect(asCount(4_294_967_296, MAX_DOC_COUNT)).toBeNull();
  });
});

describe('asStringArray', () => {
  const rows: [string, AttributeValue | undefined, string[]][] = [
    ['array', ['stop', 'length'], ['stop', 'length']],
    ['single string (OpenLLMetry)', 'stop', ['stop']],
    ['JSON array string', '["tool_call"]', ['tool_call']],
    ['empty string', '', []],
    ['absent', undefined, []],
  ];
  it.each(rows)('%s', (_name, input, expected) => {
    expect(asStringArray(input)).toEqual(expected);
  });
});

describe('parseContentValue', () => {
  it('parses JSON strings and keeps malformed JSON as the original text', () => {
    expect(parseContentValue('{"city":"Paris"}')).toEqual({ city: 'Paris' });
    expect(parseContentValue('{"city": Paris')).toBe('{"city": Paris');
    expect(parseContentValue('plain words')).toBe('plain words');
    expect(parseContentValue({ a: 1 })).toEqual({ a: 1 });
  });
});
