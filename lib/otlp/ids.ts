/**
 * Trace and span ids: raw bytes in protobuf (read as hex by the reader), hex strings in OTLP/JSON, lower-case hex
 * once decoded. Each check returns a short problem description (for partial_success) or null, so that a bad id
 * drops one span, not the whole request.
 */

const ZERO_TRACE_ID = '0'.repeat(32);
const ZERO_SPAN_ID = '0'.repeat(16);

export type IdField = 'traceId' | 'spanId' | 'parentSpanId' | 'links.traceId' | 'links.spanId';

/** Checks the length of a protobuf id (already hex); `optional` ids (parent) may also be empty. */
export function wireIdProblem(field: IdField, hex: string, size: 8 | 16, optional = false): string | null {
  if (hex.length === size * 2 || (optional && hex.length === 0)) return null;
  return `${field} must be ${size} bytes, got ${hex.length / 2}`;
}

const HEX = /^[0-9a-fA-F]*$/;
const BASE64 = /^[A-Za-z0-9+/_-]+={0,2}$/;

/** True when `value` is base64 (standard or URL-safe, padded or not) of exactly `size` bytes. */
function isBase64Of(value: string, size: number): boolean {
  const unpadded = value.replace(/=+$/, '');
  return BASE64.test(value) && Math.floor((unpadded.length * 3) / 4) === size;
}

/**
 * Normalises an OTLP/JSON id to lower-case hex, or returns the problem. Standard proto3 JSON would carry these
 * bytes as base64; OTLP/JSON does not, and a base64 id silently re-read as hex would be a different id.
 */
export function jsonId(field: IdField, value: unknown, size: 8 | 16, optional = false): { hex: string } | { problem: string } {
  if (value === undefined || value === null || value === '') {
    return optional ? { hex: '' } : { problem: `${field} is missing` };
  }
  if (typeof value !== 'string') return { problem: `${field} must be a hex string, got a ${typeof value}` };
  const chars = size * 2;
  const hex = HEX.test(value);
  if (hex && value.length === chars) return { hex: value.toLowerCase() };
  if (!hex && isBase64Of(value, size)) {
    return { problem: `${field} looks like base64; OTLP/JSON ids are hex, not base64 (${chars} hex characters)` };
  }
  const got = hex ? `${value.length} characters` : 'non-hex characters';
  return { problem: `${field} must be ${chars} hex characters, got ${got}` };
}

/** All-zero ids are the W3C "invalid" value: they would merge unrelated spans into one trace. */
export function zeroIdProblem(traceId: string, spanId: string): string | null {
  if (traceId === ZERO_TRACE_ID) return 'traceId is all zeros';
  if (spanId === ZERO_SPAN_ID) return 'spanId is all zeros';
  return null;
}

/** An all-zero parent is how some exporters spell "no parent"; it is read as a root span. */
export function normaliseParentId(parentSpanId: string): string {
  return parentSpanId === ZERO_SPAN_ID ? '' : parentSpanId;
}
