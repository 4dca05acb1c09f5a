import { describe, expect, it } from 'vitest';
import { msToSecondsText, parseAmount, secondsTextToMs } from './filter-inputs';

describe('parseAmount', () => {
  it.each<[string, number | undefined]>([
    ['', undefined],
    ['  ', undefined],
    ['0', 0],
    ['0.5', 0.5],
    [' 2 ', 2],
    ['1,5', 1.5],
    ['.25', 0.25],
    ['3.', 3],
    ['-1', undefined],
    ['1e3', undefined],
    ['abc', undefined],
    ['1.2.3', undefined],
  ])('%j → %s', (text, expected) => {
    expect(parseAmount(text)).toBe(expected);
  });
});

describe('duration in seconds', () => {
  it('converts the typed seconds to whole milliseconds and back', () => {
    expect(secondsTextToMs('1.5')).toBe(1500);
    expect(secondsTextToMs('0.0004')).toBe(0);
    expect(secondsTextToMs('x')).toBeUndefined();
    expect(msToSecondsText(2500)).toBe('2.5');
    expect(msToSecondsText(undefined)).toBe('');
  });
});
