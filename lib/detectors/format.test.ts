import { describe, expect, it } from 'vitest';
import { formatDuration, formatTokens, formatUsd, listNames } from './format';

describe('format', () => {
  it.each([
    [0, '$0'], [0.0042, '$0.004'], [0.84, '$0.84'], [5.778, '$5.78'], [1234.5, '$1,235'], [Number.NaN, '$?'],
  ])('formatUsd(%s) = %s', (usd, text) => expect(formatUsd(usd)).toBe(text));

  it.each([
    [120, '120 ms'], [8400, '8.4 s'], [72_000, '1.2 min'], [5_400_000, '1.5 h'], [-1, '?'],
  ])('formatDuration(%s) = %s', (ms, text) => expect(formatDuration(ms)).toBe(text));

  it.each([
    [950, '950'], [8_400, '8.4k'], [123_405, '123k'], [3_500_000, '3.5M'],
  ])('formatTokens(%s) = %s', (n, text) => expect(formatTokens(n)).toBe(text));

  it.each([
    [[], ''], [['a'], 'a'], [['a', 'b'], 'a and b'], [['a', 'b', 'c', 'd', 'e'], 'a, b, c and 2 more'],
  ])('listNames(%j) = %s', (names, text) => expect(listNames(names)).toBe(text));
});
