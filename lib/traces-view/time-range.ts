/**
 * The trace list's time range: a relative preset ("the last hour", which slides with the clock and is what live
 * mode follows) or a fixed custom window. Resolving a range to milliseconds takes `now` as an argument, so the
 * same view resolves identically on the server and in tests.
 */

export const RANGE_PRESETS = ['15m', '1h', '24h', '7d'] as const;
export type RangePreset = (typeof RANGE_PRESETS)[number];

export const DEFAULT_PRESET: RangePreset = '24h';

export type TimeRange = { kind: 'preset'; preset: RangePreset } | { kind: 'custom'; fromMs: number; toMs: number };

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export const PRESET_SPAN_MS: Readonly<Record<RangePreset, number>> = {
  '15m': 15 * MINUTE,
  '1h': HOUR,
  '24h': DAY,
  '7d': 7 * DAY,
};

const PRESET_LABEL: Readonly<Record<RangePreset, string>> = {
  '15m': 'last 15 minutes',
  '1h': 'last hour',
  '24h': 'last 24 hours',
  '7d': 'last 7 days',
};

export const PRESET_SHORT_LABEL: Readonly<Record<RangePreset, string>> = {
  '15m': '15 min',
  '1h': '1 h',
  '24h': '24 h',
  '7d': '7 d',
};

export function resolveRange(range: TimeRange, nowMs: number): { fromMs: number; toMs: number } {
  if (range.kind === 'custom') return { fromMs: range.fromMs, toMs: range.toMs };
  return { fromMs: nowMs - PRESET_SPAN_MS[range.preset], toMs: nowMs };
}

/** The length of the window in milliseconds. */
export function rangeSpanMs(range: TimeRange): number {
  return range.kind === 'custom' ? range.toMs - range.fromMs : PRESET_SPAN_MS[range.preset];
}

/** The next wider preset, to offer when a range is empty; null when nothing wider exists. */
export function widerPreset(range: TimeRange): RangePreset | null {
  const span = rangeSpanMs(range);
  return RANGE_PRESETS.find((preset) => PRESET_SPAN_MS[preset] > span) ?? null;
}

/** A stable identity of the range for cache keys: the preset name, or the two instants of a custom window. */
export function rangeKey(range: TimeRange): string {
  return range.kind === 'preset' ? range.preset : `${range.fromMs}-${range.toMs}`;
}

/**
 * "last hour", or the custom window in the given time zone ("Nov 23, 10:00 – Nov 23, 12:30"), with the year
 * when the window is not in the year of `nowMs`.
 */
export function describeRange(range: TimeRange, timeZone?: string, nowMs?: number): string {
  if (range.kind === 'preset') return PRESET_LABEL[range.preset];
  const yearOf = (ms: number) => new Intl.DateTimeFormat('en-US', { year: 'numeric', timeZone }).format(ms);
  const showYear = nowMs === undefined || yearOf(range.fromMs) !== yearOf(nowMs) || yearOf(range.toMs) !== yearOf(nowMs);
  const format = new Intl.DateTimeFormat('en-US', {
    year: showYear ? 'numeric' : undefined,
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone,
  });
  return `${format.format(range.fromMs)} – ${format.format(range.toMs)}`;
}

/** The range as the end of a sentence: "in the last hour", "between Nov 23, 10:00 and Nov 23, 12:30". */
export function rangePhrase(range: TimeRange, timeZone?: string, nowMs?: number): string {
  if (range.kind === 'preset') return `in the ${PRESET_LABEL[range.preset]}`;
  return `between ${describeRange(range, timeZone, nowMs).replace(' – ', ' and ')}`;
}

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * Epoch milliseconds to the value of an `<input type="datetime-local">` ("2026-11-23T19:05"), in the browser's
 * time zone, which is the zone that input shows and reads back.
 */
export function toDateTimeLocal(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** The value of a `datetime-local` input back to epoch milliseconds; null when blank or not a time. */
export function fromDateTimeLocal(value: string): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value.trim());
  if (!match) return null;
  const [, y, mo, d, h, mi, s] = match.map(Number) as [number, number, number, number, number, number, number];
  const date = new Date(y, mo - 1, d, h, mi, Number.isFinite(s) ? s : 0);
  // new Date rolls 2026-02-31 over into March; a date that does not exist is rejected instead.
  if (date.getMonth() !== mo - 1 || date.getDate() !== d) return null;
  return date.getTime();
}
