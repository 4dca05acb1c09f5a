/**
 * Structured values from spans (tool arguments and results, JSON-valued attributes, message parts) as indented
 * text, cut to a size a browser renders without stalling: one tool result can be megabytes, and a panel that
 * freezes on it hides everything else on the page. Cutting happens after formatting, so the cost is one
 * JSON.stringify of a value the page already holds.
 */

export const DEFAULT_MAX_JSON_CHARS = 20_000;

export interface PrettyJson {
  /** `json`: an object, array or scalar formatted as JSON; `text`: a plain string shown as is; `empty`: nothing. */
  kind: 'json' | 'text' | 'empty';
  text: string;
  /** Length before cutting. */
  totalChars: number;
  truncated: boolean;
  /** One line for a folded block: `{3 keys}`, `[5 items]`, or the start of the text. */
  summary: string;
}

/** The value of a string that holds a JSON object or array, or undefined when it holds anything else. */
export function parseJsonString(value: string): unknown {
  const trimmed = value.trim();
  const opens = trimmed[0];
  const closes = trimmed[trimmed.length - 1];
  if (!((opens === '{' && closes === '}') || (opens === '[' && closes === ']'))) return undefined;
  try {
    return JSON.parse(trimmed) as unknown;
  } catch {
    return undefined;
  }
}

/** Cuts to at most `max` characters without splitting a surrogate pair (half an emoji renders as garbage). */
export function cutText(text: string, max: number): { text: string; truncated: boolean } {
  if (text.length <= max) return { text, truncated: false };
  let end = Math.max(0, max);
  const last = text.charCodeAt(end - 1);
  if (end > 0 && last >= 0xd800 && last <= 0xdbff) end--;
  return { text: text.slice(0, end), truncated: true };
}

function summaryOf(value: unknown, text: string): string {
  if (Array.isArray(value)) return `[${value.length} ${value.length === 1 ? 'item' : 'items'}]`;
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value);
    return keys.length <= 3 ? `{${keys.join(', ')}}` : `{${keys.length} keys}`;
  }
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > 80 ? `${cutText(line, 79).text}…` : line;
}

function stringify(value: unknown): string {
  try {
    return JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? v.toString() : v), 2) ?? String(value);
  } catch {
    // Only a cyclic value can get here; values decoded from JSON never are.
    return String(value);
  }
}

export function prettyJson(value: unknown, maxChars = DEFAULT_MAX_JSON_CHARS): PrettyJson {
  if (value === null || value === undefined || value === '') {
    return { kind: 'empty', text: '', totalChars: 0, truncated: false, summary: '' };
  }
  let structured: unknown = value;
  let kind: PrettyJson['kind'] = 'json';
  if (typeof value === 'string') {
    const parsed = parseJsonString(value);
    if (parsed === undefined) kind = 'text';
    else structured = parsed;
  }
  const full = kind === 'text' ? (value as string) : stringify(structured);
  const cut = cutText(full, maxChars);
  return { kind, text: cut.text, totalChars: full.length, truncated: cut.truncated, summary: summaryOf(structured, full) };
}
