import { describe, expect, it } from 'vitest';
import { locateJsonError } from './json-syntax';

describe('locateJsonError', () => {
  it.each([
    ['{"resourceSpans": [}', 19, 'expected a value, found "}"'],
    ['{"a":1', 6, 'unexpected end of input'],
    ['', 0, 'unexpected end of input'],
    ['{"a" 1}', 5, `expected ':' after a property name, found "1"`],
    ['{a:1}', 1, 'expected a property name in double quotes, found "a"'],
    ['{"a":"\\x"}', 7, 'invalid escape in a string, found "x"'],
    ['{"a":"b\u0001"}', 7, 'control character in a string, found "\\u0001"'],
    ['{"a":"open', 10, 'unexpected end of input'],
    ['{"a":1}}', 7, 'unexpected data after the JSON value, found "}"'],
    ['[1,2,]', 5, 'expected a value, found "]"'],
    ['[1 2]', 3, `expected ',' or ']', found "2"`],
    ['{"a":tru}', 5, 'expected a value, found "t"'],
    ['{"a":01}', 6, `expected ',' or '}', found "1"`],
    ['{"a":[{"b":[1,{"c":}]}]}', 19, 'expected a value, found "}"'],
  ])('%j fails at %i', (text, position, problem) => {
    expect(() => JSON.parse(text)).toThrow();
    expect(locateJsonError(text)).toEqual({ position, problem });
  });

  it('handles deep nesting without recursion', () => {
    const text = `${'['.repeat(200_000)}}`;
    expect(locateJsonError(text)).toEqual({ position: 200_000, problem: 'expected a value, found "}"' });
  });
});
