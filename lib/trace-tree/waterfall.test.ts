import { describe, expect, it } from 'vitest';
import { waterfallGeometry, type Nanos } from './waterfall';

const T0 = 1_700_000_000_000_000_000n;

describe('waterfallGeometry', () => {
  it.each<{
    name: string;
    start: Nanos;
    duration: Nanos | null | undefined;
    traceStart?: Nanos;
    traceEnd: Nanos;
    width?: number;
    box: { leftPx: number; widthPx: number; clipped: boolean; unfinished: boolean };
  }>([
    { name: 'a span in the middle', start: T0 + 250n, duration: 500, traceEnd: T0 + 1000n, box: { leftPx: 250, widthPx: 500, clipped: false, unfinished: false } },
    { name: 'the whole trace', start: T0, duration: 1000n, traceEnd: T0 + 1000n, box: { leftPx: 0, widthPx: 1000, clipped: false, unfinished: false } },
    { name: 'zero duration gets the minimum width', start: T0 + 500n, duration: 0, traceEnd: T0 + 1000n, box: { leftPx: 500, widthPx: 2, clipped: false, unfinished: false } },
    { name: 'zero duration at the very end stays inside the row', start: T0 + 1000n, duration: 0, traceEnd: T0 + 1000n, box: { leftPx: 998, widthPx: 2, clipped: false, unfinished: false } },
    { name: 'zero-length trace', start: T0, duration: 0, traceEnd: T0, box: { leftPx: 0, widthPx: 2, clipped: false, unfinished: false } },
    { name: 'trace end before its start: an empty window', start: T0, duration: 10, traceEnd: T0 - 100n, box: { leftPx: 0, widthPx: 2, clipped: true, unfinished: false } },
    { name: 'missing end runs to the trace end', start: T0 + 600n, duration: null, traceEnd: T0 + 1000n, box: { leftPx: 600, widthPx: 400, clipped: false, unfinished: true } },
    { name: 'undefined duration', start: T0 + 600n, duration: undefined, traceEnd: T0 + 1000n, box: { leftPx: 600, widthPx: 400, clipped: false, unfinished: true } },
    { name: 'negative duration is a missing end', start: T0 + 600n, duration: -5, traceEnd: T0 + 1000n, box: { leftPx: 600, widthPx: 400, clipped: false, unfinished: true } },
    { name: 'NaN duration is a missing end', start: T0 + 600n, duration: Number.NaN, traceEnd: T0 + 1000n, box: { leftPx: 600, widthPx: 400, clipped: false, unfinished: true } },
    { name: 'starts before the trace: clamped left', start: T0 - 200n, duration: 400, traceEnd: T0 + 1000n, box: { leftPx: 0, widthPx: 200, clipped: true, unfinished: false } },
    { name: 'ends after the trace: clamped right', start: T0 + 900n, duration: 400, traceEnd: T0 + 1000n, box: { leftPx: 900, widthPx: 100, clipped: true, unfinished: false } },
    { name: 'entirely after the trace', start: T0 + 5000n, duration: 10, traceEnd: T0 + 1000n, box: { leftPx: 998, widthPx: 2, clipped: true, unfinished: false } },
    { name: 'entirely before the trace', start: T0 - 5000n, duration: 10, traceEnd: T0 + 1000n, box: { leftPx: 0, widthPx: 2, clipped: true, unfinished: false } },
    { name: 'number times relative to zero', start: 100, duration: 100, traceStart: 0, traceEnd: 400, width: 200, box: { leftPx: 50, widthPx: 50, clipped: false, unfinished: false } },
    { name: 'NaN start is treated as the trace start', start: Number.NaN, duration: 100, traceStart: 0, traceEnd: 1000, box: { leftPx: 0, widthPx: 100, clipped: false, unfinished: false } },
    { name: 'zero width', start: T0, duration: 10, traceEnd: T0 + 1000n, width: 0, box: { leftPx: 0, widthPx: 0, clipped: false, unfinished: false } },
    { name: 'negative width', start: T0, duration: 10, traceEnd: T0 + 1000n, width: -50, box: { leftPx: 0, widthPx: 0, clipped: false, unfinished: false } },
    { name: 'NaN width', start: T0, duration: 10, traceEnd: T0 + 1000n, width: Number.NaN, box: { leftPx: 0, widthPx: 0, clipped: false, unfinished: false } },
    { name: 'row narrower than the minimum bar', start: T0, duration: 0, traceEnd: T0 + 1000n, width: 1, box: { leftPx: 0, widthPx: 1, clipped: false, unfinished: false } },
  ])('$name', ({ start, duration, traceStart = T0, traceEnd, width = 1000, box }) => {
    const result = waterfallGeometry(start, duration, traceStart, traceEnd, width);
    expect(result).toMatchObject(box);
    for (const value of [result.leftPx, result.widthPx, result.leftPct, result.widthPct]) {
      expect(Number.isFinite(value) && value >= 0).toBe(true);
    }
    expect(result.leftPx + result.widthPx).toBeLessThanOrEqual(Math.max(width, 0) || 0);
  });

  it('gives percentages of the row width', () => {
    const box = waterfallGeometry(T0 + 250n, 250, T0, T0 + 1000n, 400);
    expect([box.leftPct, box.widthPct, box.leftPx, box.widthPx]).toEqual([25, 25, 100, 100]);
  });

  it('keeps nanosecond offsets exact on epoch timestamps', () => {
    // As Numbers these epoch times are equal; subtracting as bigint keeps the 1 ns spans apart.
    const box = waterfallGeometry(T0 + 1n, 1n, T0, T0 + 2n, 100, 0);
    expect([box.leftPx, box.widthPx]).toEqual([50, 50]);
  });

  it('takes a custom minimum width', () => {
    expect(waterfallGeometry(T0, 0, T0, T0 + 1000n, 1000, 6).widthPx).toBe(6);
  });
});
