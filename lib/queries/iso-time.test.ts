import { describe, expect, it } from 'vitest';
import { nanosToIso } from './iso-time';

const viaDate = (nanos: bigint) => new Date(Number(nanos / 1_000_000n)).toISOString();

describe('nanosToIso', () => {
  it('writes what Date#toISOString writes, across hour, day, month and year boundaries', () => {
    const instants = [
      '1970-01-01T00:00:00.000Z', '1999-12-31T23:59:59.999Z', '2000-01-01T00:00:00.000Z', '2024-02-29T12:00:00.005Z',
      '2026-12-04T17:59:59.990Z', '2026-12-04T18:00:00.010Z', '2026-12-31T23:59:59.999Z', '9999-12-31T23:59:59.999Z',
    ];
    for (const iso of instants) {
      const nanos = BigInt(Date.parse(iso)) * 1_000_000n + 999_999n; // sub-millisecond nanoseconds are cut, not rounded
      expect(nanosToIso(nanos)).toBe(iso);
    }
  });

  it('agrees with Date#toISOString on a sweep of instants, in and out of order', () => {
    let nanos = 1_796_403_404_161_000_000n;
    const seen: bigint[] = [];
    for (let i = 0; i < 5000; i++) {
      nanos += 987_654_321_123n; // ~16 minutes: crosses hours often
      seen.push(nanos);
      expect(nanosToIso(nanos)).toBe(viaDate(nanos));
    }
    for (const earlier of seen.reverse().slice(0, 500)) expect(nanosToIso(earlier)).toBe(viaDate(earlier));
  });

  it('writes years past 9999 and before 1970 as Date#toISOString does', () => {
    const late = BigInt(Date.parse('+010000-01-01T00:00:00.000Z')) * 1_000_000n;
    expect(nanosToIso(late)).toBe('+010000-01-01T00:00:00.000Z');
    expect(nanosToIso(-1_000_000n)).toBe('1969-12-31T23:59:59.999Z');
  });
});
