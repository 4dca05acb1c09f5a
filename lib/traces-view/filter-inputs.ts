/**
 * What the filter bar's number fields accept. A field the user is still typing into ("0.", "1e") or has
 * cleared means "no filter" rather than an error, so a half-typed value never reaches the URL or the API.
 */

/** A non-negative number typed by a person ("0.5", " 2 ", "1,5"), or undefined when blank or not a number. */
export function parseAmount(text: string): number | undefined {
  const normalised = text.trim().replace(',', '.');
  if (normalised === '' || !/^\d*\.?\d+$|^\d+\.$/.test(normalised)) return undefined;
  const value = Number(normalised);
  return Number.isFinite(value) && value >= 0 ? value : undefined;
}

/** The minimum-duration field is in seconds (how people think of a run); the API takes milliseconds. */
export function secondsTextToMs(text: string): number | undefined {
  const seconds = parseAmount(text);
  return seconds === undefined ? undefined : Math.round(seconds * 1000);
}

export function msToSecondsText(ms: number | undefined): string {
  return ms === undefined ? '' : String(ms / 1000);
}
