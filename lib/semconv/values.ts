/**
 * Readers for OTLP attribute values. Instrumentations disagree on types (token counts as strings, finish
 * reasons as one string instead of a list, content as JSON strings or structured values), so every reader
 * accepts the shapes seen in the wild and answers "absent" rather than NaN or a negative count.
 */
import type { AttributeValue, Attributes } from '@/lib/otlp/types';

/** Strings stay as they are, numbers and booleans via String, structured values as JSON, an empty value as ''. */
export function flattenAttributeValue(v: AttributeValue): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v === null || v === undefined) return '';
  return JSON.stringify(v);
}

export function flattenAttributes(attrs: Attributes): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key in attrs) out[key] = flattenAttributeValue(attrs[key] as AttributeValue);
  return out;
}

/** A scalar as a string; '' for absent or structured values (a model name is never a list). */
export function asString(v: AttributeValue | undefined): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return '';
}

/** A finite number from a number or a numeric string (int64 above 2^53 arrives as a decimal string). */
export function asNumber(v: AttributeValue | undefined): number | null {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v === 'string' && v.length > 0) {
    const n = Number(v);
    return Number.isFinite(n) ? n : null;
  }
  return null;
}

/**
 * A token or document count: a non-negative whole number up to `max` (by default the largest integer a double
 * holds exactly), else null — a count beyond that is not a count, and storing it would fail or lose digits.
 */
export function asCount(v: AttributeValue | undefined, max = Number.MAX_SAFE_INTEGER): number | null {
  const n = asNumber(v);
  return n === null || n < 0 || n > max ? null : Math.trunc(n);
}

/** The largest document count a span stores (a UInt32 column). */
export const MAX_DOC_COUNT = 0xffff_ffff;

/** A list of strings from an array, a JSON array string, or a single string (OpenLLMetry sends one reason). */
export function asStringArray(v: AttributeValue | undefined): string[] {
  if (Array.isArray(v)) {
    const out: string[] = [];
    for (const item of v) {
      const s = asString(item);
      if (s !== '') out.push(s);
    }
    return out;
  }
  if (typeof v === 'string') {
    if (v === '') return [];
    if (v.charCodeAt(0) === 91 /* [ */) {
      const parsed = tryParseJson(v);
      if (Array.isArray(parsed)) return asStringArray(parsed as AttributeValue);
    }
    return [v];
  }
  return [];
}

const NOT_JSON = Symbol('not-json');

function tryParseJson(s: string): unknown {
  try {
    return JSON.parse(s) as unknown;
  } catch {
    return NOT_JSON;
  }
}

/**
 * Content as a plain value: a JSON string (what SDKs that cannot send structured attributes use) is parsed,
 * structured values pass through, and anything that is not valid JSON stays the original string, so that
 * malformed content is still shown rather than dropped.
 */
export function parseContentValue(v: AttributeValue | undefined): unknown {
  if (typeof v !== 'string') return v ?? null;
  let i = 0;
  while (i < v.length && (v.charCodeAt(i) === 32 || v.charCodeAt(i) === 10 || v.charCodeAt(i) === 9)) i++;
  const c = v.charCodeAt(i);
  if (c !== 91 /* [ */ && c !== 123 /* { */ && c !== 34 /* " */) return v;
  const parsed = tryParseJson(v);
  return parsed === NOT_JSON ? v : parsed;
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A string field of a parsed JSON object; numbers and booleans are accepted as their text. */
export function fieldString(obj: Record<string, unknown>, key: string): string {
  const v = obj[key];
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return '';
}

export function fieldNumber(obj: Record<string, unknown>, key: string): number | null {
  const v = obj[key];
  return typeof v === 'number' || typeof v === 'string' ? asNumber(v) : null;
}
