import { describe, expect, it } from 'vitest';
import {
  describeRange,
  fromDateTimeLocal,
  rangePhrase,
  rangeKey,
  rangeSpanMs,
  resolveRange,
  toDateTimeLocal,
  widerPreset,
  type TimeRange,
} from './time-range';

const NOW = Date.parse('2026-11-23T19:00:00.000Z');
const preset = (p: '15m' | '1h' | '24h' | '7d'): TimeRange => ({ kind: 'preset', preset: p });

describe('resolveRange', () => {
  it.each([
    ['15m', 15 * 60_000],
    ['1h', 3_600_000],
    ['24h', 86_400_000],
    ['7d', 7 * 86_400_000],
  ] as const)('a %s preset ends now and spans %d ms', (p, span) => {
    expect(resolveRange(preset(p), NOW)).toEqual({ fromMs: NOW - span, toMs: NOW });
  });

  it('keeps a custom window as it is, whatever the clock says', () => {
    expect(resolveRange({ kind: 'custom', fromMs: 1000, toMs: 5000 }, NOW)).toEqual({ fromMs: 1000, toMs: 5000 });
  });
});

describe('widerPreset', () => {
  it.each<[TimeRange, string | null]>([
    [preset('15m'), '1h'],
    [preset('1h'), '24h'],
    [preset('24h'), '7d'],
    [preset('7d'), null],
    [{ kind: 'custom', fromMs: 0, toMs: 2 * 3_600_000 }, '24h'],
    [{ kind: 'custom', fromMs: 0, toMs: 30 * 86_400_000 }, null],
  ])('after %j offers %s', (range, expected) => {
    expect(widerPreset(range)).toBe(expected);
  });
});

describe('rangeKey and rangeSpanMs', () => {
  it('name a preset by itself and a custom window by its instants', () => {
    expect(rangeKey(preset('1h'))).toBe('1h');
    expect(rangeKey({ kind: 'custom', fromMs: 10, toMs: 20 })).toBe('10-20');
    expect(rangeSpanMs({ kind: 'custom', fromMs: 10, toMs: 20 })).toBe(10);
  });
});

describe('describeRange and rangePhrase', () => {
  const custom: TimeRange = {
    kind: 'custom',
    fromMs: Date.parse('2026-11-23T10:00:00Z'),
    toMs: Date.parse('2026-11-23T12:30:00Z'),
  };

  it('read a preset as words', () => {
    expect(describeRange(preset('1h'))).toBe('last hour');
    expect(rangePhrase(preset('7d'))).toBe('in the last 7 days');
  });

  it('read a custom window as two times in the given zone, with the year only when it is not this one', () => {
    expect(describeRange(custom, 'UTC', NOW)).toBe('Nov 23, 10:00 – Nov 23, 12:30');
    expect(describeRange(custom, 'Asia/Tokyo', NOW)).toBe('Nov 23, 19:00 – Nov 23, 21:30');
    expect(describeRange(custom, 'UTC', Date.parse('2027-01-05T00:00:00Z'))).toBe('Nov 23, 2026, 10:00 – Nov 23, 2026, 12:30');
    expect(rangePhrase(custom, 'UTC', NOW)).toBe('between Nov 23, 10:00 and Nov 23, 12:30');
  });
});

describe('datetime-local values', () => {
  it('round-trip to the minute in the runtime zone', () => {
    const ms = new Date(2026, 10, 23, 9, 5).getTime();
    expect(toDateTimeLocal(ms)).toBe('2026-11-23T09:05');
    expect(fromDateTimeLocal('2026-11-23T09:05')).toBe(ms);
    expect(fromDateTimeLocal('2026-11-23T09:05:30')).toBe(ms + 30_000);
  });

  it.each(['', 'yesterday', '2026-02-31T10:00', '2026-11-23 09:05', '2026-13-01T00:00'])('rejects %j', (value) => {
    expect(fromDateTimeLocal(value)).toBeNull();
  });
});
