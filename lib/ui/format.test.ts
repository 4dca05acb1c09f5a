import { describe, expect, it } from 'vitest';
import { formatDurationMs, formatTokens, formatUsd } from './format';

describe('formatUsd', () => {
  it.each([
    [null, 'unpriced'],
    [0, '$0'],
    [0.84, '$0.840'],
    [12.345, '$12.35'],
    [0.0000024, '$0.0000024'],
    [0.0012, '$0.00120'],
    [1234.4, '$1234'],
  ])('%s → %s', (value, text) => {
    expect(formatUsd(value)).toBe(text);
  });
  it('says how many calls could not be priced', () => {
    expect(formatUsd(0.5, { unpriced: 2 })).toBe('$0.500 + 2 unpriced');
  });
});

describe('formatTokens', () => {
  it.each([
    [0, '0'],
    [999, '999'],
    [1500, '1.5k'],
    [123_456, '123k'],
    [2_500_000, '2.50M'],
  ])('%s → %s', (value, text) => {
    expect(formatTokens(value)).toBe(text);
  });
});

describe('formatDurationMs', () => {
  it.each([
    [0.25, '250 µs'],
    [4.26, '4.3 ms'],
    [250, '250 ms'],
    [4839, '4.84 s'],
    [65_000, '1m 5s'],
    [7_500_000, '2h 5m'],
    [-1, '—'],
    [Number.NaN, '—'],
  ])('%s → %s', (value, text) => {
    expect(formatDurationMs(value)).toBe(text);
  });
});
