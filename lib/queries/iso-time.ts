/**
 * Nanoseconds since the epoch as ISO 8601 with milliseconds, the form `Date#toISOString` gives — three to five
 * times faster, which matters because the collector formats every span it keeps. The date and hour are written
 * once per hour of spans (they arrive in runs of the same hour) into a buffer; minutes, seconds and milliseconds
 * are digits written over it. The string is read from the buffer in one piece: built by concatenation it would be
 * a tree of seven small strings, which a span kept in the collector's memory would hold for as long as it is kept.
 */

const HOUR_MS = 3_600_000;
/** `toISOString` writes years past 9999 with a sign and six digits: those take the slow path. */
const LAST_FOUR_DIGIT_MS = 253_402_300_800_000;
const ZERO = 48; // '0'

const text = Buffer.alloc(24);
let bufferedHour = Number.NaN;

export function nanosToIso(nanos: bigint): string {
  const ms = Number(nanos / 1_000_000n);
  if (ms < 0 || ms >= LAST_FOUR_DIGIT_MS) return new Date(ms).toISOString();
  const hour = Math.floor(ms / HOUR_MS);
  if (hour !== bufferedHour) {
    bufferedHour = hour;
    text.write(new Date(hour * HOUR_MS).toISOString(), 0, 'latin1'); // "2026-12-04T17:00:00.000Z"
  }
  let rest = ms - hour * HOUR_MS;
  const minutes = Math.floor(rest / 60_000);
  rest -= minutes * 60_000;
  const seconds = Math.floor(rest / 1000);
  const millis = rest - seconds * 1000;
  text[14] = ZERO + Math.floor(minutes / 10);
  text[15] = ZERO + (minutes % 10);
  text[17] = ZERO + Math.floor(seconds / 10);
  text[18] = ZERO + (seconds % 10);
  text[20] = ZERO + Math.floor(millis / 100);
  text[21] = ZERO + (Math.floor(millis / 10) % 10);
  text[22] = ZERO + (millis % 10);
  return text.toString('latin1', 0, 24);
}
