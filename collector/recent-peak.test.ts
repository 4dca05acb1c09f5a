import { describe, expect, it } from 'vitest';
import { RecentPeak } from './recent-peak';

describe('RecentPeak', () => {
  it('is zero before anything is noted', () => {
    expect(new RecentPeak(100).value(0)).toBe(0);
  });

  it('halves a peak every half-life', () => {
    const peak = new RecentPeak(100);
    peak.note(8_000, 1_000);
    expect(peak.value(1_000)).toBe(8_000);
    expect(peak.value(1_100)).toBeCloseTo(4_000, 6);
    expect(peak.value(1_300)).toBeCloseTo(1_000, 6);
  });

  it('keeps the larger of a new value and what is left of the peak', () => {
    const peak = new RecentPeak(100);
    peak.note(8_000, 0);
    peak.note(3_000, 100); // 4,000 left: the smaller value is not kept
    expect(peak.value(100)).toBeCloseTo(4_000, 6);
    peak.note(5_000, 100);
    expect(peak.value(100)).toBe(5_000);
    expect(peak.value(200)).toBeCloseTo(2_500, 6);
  });
});
