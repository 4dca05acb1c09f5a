/**
 * Waterfall geometry: where a span's bar sits in a row. Total by design (every input gives finite,
 * non-negative numbers inside [0, width]) because one NaN in a style attribute makes the browser drop the bar
 * silently, and a negative width hides it:
 * - a zero-length trace draws every bar at the left edge with the minimum width;
 * - a zero-duration span still gets `minWidthPx` so it can be seen and clicked;
 * - a missing end (null, negative or non-finite duration) runs the bar to the end of the trace, `unfinished`;
 * - a span sticking out of the trace window is clamped to it, `clipped`.
 * Times may be bigint (exact epoch nanoseconds) or number; differences are taken before converting to Number.
 */

export type Nanos = bigint | number;

export interface WaterfallBox {
  leftPx: number;
  widthPx: number;
  /** The same box in percent of the row width, for layouts that size in %. */
  leftPct: number;
  widthPct: number;
  /** Part of the span lies outside the trace window. */
  clipped: boolean;
  /** The span has no known end. */
  unfinished: boolean;
}

export const DEFAULT_MIN_BAR_PX = 2;

/** `value - base` as a Number; NaN when either is not a finite time. */
function offset(value: Nanos, base: Nanos): number {
  if (typeof value === 'bigint' && typeof base === 'bigint') return Number(value - base);
  return Number(value) - Number(base);
}

function finiteOr(value: number, fallback: number): number {
  return Number.isFinite(value) ? value : fallback;
}

export function waterfallGeometry(
  rowStartNs: Nanos,
  rowDurationNs: Nanos | null | undefined,
  traceStartNs: Nanos,
  traceEndNs: Nanos,
  widthPx: number,
  minWidthPx: number = DEFAULT_MIN_BAR_PX,
): WaterfallBox {
  const width = Number.isFinite(widthPx) && widthPx > 0 ? widthPx : 0;
  const minWidth = Math.min(Number.isFinite(minWidthPx) && minWidthPx > 0 ? minWidthPx : 0, width);
  const total = Math.max(finiteOr(offset(traceEndNs, traceStartNs), 0), 0);
  const duration = rowDurationNs === null || rowDurationNs === undefined ? NaN : Number(rowDurationNs);
  const unfinished = !Number.isFinite(duration) || duration < 0;
  if (width === 0) return { leftPx: 0, widthPx: 0, leftPct: 0, widthPct: 0, clipped: false, unfinished };

  const start = finiteOr(offset(rowStartNs, traceStartNs), 0);
  const end = unfinished ? total : start + duration;
  const clipped = start < 0 || start > total || end > total;
  let leftFrac = 0;
  let widthFrac = 0;
  if (total > 0) {
    const from = Math.min(Math.max(start, 0), total);
    const to = Math.min(Math.max(end, from), total);
    leftFrac = from / total;
    widthFrac = (to - from) / total;
  }
  let barPx = Math.max(widthFrac * width, minWidth);
  let leftPx = leftFrac * width;
  // A minimum-width bar at the very end would stick out of the row; pull it back inside.
  if (leftPx + barPx > width) leftPx = Math.max(width - barPx, 0);
  barPx = Math.min(barPx, width);
  return {
    leftPx,
    widthPx: barPx,
    leftPct: (leftPx / width) * 100,
    widthPct: (barPx / width) * 100,
    clipped,
    unfinished,
  };
}
