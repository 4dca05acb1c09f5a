import { describe, expect, it } from 'vitest';
import { decodeExportRequest } from './decode';
import { MAX_REJECTION_REASONS } from './rejections';
import { ExportTraceServiceRequest } from './schema';
import type { DecodedExport } from './types';

/**
 * Spans that are invalid on their own are left out and counted; the valid spans of the same request still come
 * through. Each case is a mixed request: two valid spans around one bad one.
 */

const TRACE_ID = '5b8efff798038103d269b633813fc60c';
const T0 = '1760000000000000000';
const T1 = '1760000001000000000';

interface SpanSpec {
  name: string;
  traceId?: string;
  spanId?: string;
  parentSpanId?: string;
  start?: string;
  end?: string;
  links?: { traceId: string; spanId: string }[];
}

const hexBytes = (hex: string) => Uint8Array.from(Buffer.from(hex, 'hex'));

function jsonBody(specs: SpanSpec[]): Uint8Array {
  const spans = specs.map((s) => ({
    traceId: s.traceId ?? TRACE_ID,
    spanId: s.spanId ?? 'eee19b7ec3c1b174',
    parentSpanId: s.parentSpanId,
    name: s.name,
    startTimeUnixNano: s.start ?? T0,
    endTimeUnixNano: s.end ?? T1,
    links: s.links,
  }));
  return new TextEncoder().encode(JSON.stringify({ resourceSpans: [{ scopeSpans: [{ spans }] }] }));
}

/** Protobuf bodies take the ids as the hex of their raw bytes, so lengths other than 8/16 can be expressed. */
function protobufBody(specs: SpanSpec[]): Uint8Array {
  const spans = specs.map((s) => ({
    traceId: hexBytes(s.traceId ?? TRACE_ID),
    spanId: hexBytes(s.spanId ?? 'eee19b7ec3c1b174'),
    parentSpanId: hexBytes(s.parentSpanId ?? ''),
    name: s.name,
    startTimeUnixNano: s.start ?? T0,
    endTimeUnixNano: s.end ?? T1,
    links: (s.links ?? []).map((l) => ({ traceId: hexBytes(l.traceId), spanId: hexBytes(l.spanId) })),
  }));
  const message = ExportTraceServiceRequest.fromObject({ resourceSpans: [{ scopeSpans: [{ spans }] }] });
  return ExportTraceServiceRequest.encode(message).finish();
}

function names(decoded: DecodedExport): string[] {
  return decoded.resourceSpans.flatMap((rs) => rs.scopeSpans.flatMap((ss) => ss.spans.map((s) => s.name)));
}

const ZERO_TRACE = '0'.repeat(32);
const ZERO_SPAN = '0'.repeat(16);

const COMMON_CASES: [label: string, bad: Omit<SpanSpec, 'name'>, reason: string][] = [
  ['an all-zero trace id', { traceId: ZERO_TRACE }, 'traceId is all zeros'],
  ['an all-zero span id', { spanId: ZERO_SPAN }, 'spanId is all zeros'],
  ['an end before the start', { start: T1, end: T0 }, 'endTimeUnixNano is before startTimeUnixNano'],
  ['a missing end time', { end: '0' }, 'endTimeUnixNano is before startTimeUnixNano'],
];

const JSON_CASES: typeof COMMON_CASES = [
  ...COMMON_CASES,
  [
    'a base64 trace id',
    { traceId: 'W47/95gDgQPSabYzgT/GDA==' },
    'traceId looks like base64; OTLP/JSON ids are hex, not base64 (32 hex characters)',
  ],
  ['an unpadded URL-safe base64 trace id', { traceId: 'W47_95gDgQPSabYzgT_GDA' }, 'traceId looks like base64'],
  ['a base64 span id', { spanId: '7uGbfsPBsXQ=' }, 'spanId looks like base64; OTLP/JSON ids are hex, not base64 (16 hex characters)'],
  ['a trace id of 30 hex characters', { traceId: TRACE_ID.slice(2) }, 'traceId must be 32 hex characters, got 30 characters'],
  ['a trace id with non-hex characters', { traceId: `${TRACE_ID.slice(1)}g` }, 'traceId must be 32 hex characters, got non-hex characters'],
  ['a missing trace id', { traceId: '' }, 'traceId is missing'],
  ['a parent id of the wrong length', { parentSpanId: 'eee19b7e' }, 'parentSpanId must be 16 hex characters, got 8 characters'],
  ['a link with a base64 trace id', { links: [{ traceId: 'W47/95gDgQPSabYzgT/GDA==', spanId: 'eee19b7ec3c1b174' }] }, 'links.traceId looks like base64'],
];

const PROTOBUF_CASES: typeof COMMON_CASES = [
  ...COMMON_CASES,
  ['a trace id of 15 bytes', { traceId: TRACE_ID.slice(2) }, 'traceId must be 16 bytes, got 15'],
  ['a span id of 9 bytes', { spanId: 'eee19b7ec3c1b17400' }, 'spanId must be 8 bytes, got 9'],
  ['an empty span id', { spanId: '' }, 'spanId must be 8 bytes, got 0'],
  ['a parent id of 4 bytes', { parentSpanId: 'eee19b7e' }, 'parentSpanId must be 8 bytes, got 4'],
  ['a link with a 4-byte span id', { links: [{ traceId: TRACE_ID, spanId: 'eee19b7e' }] }, 'links.spanId must be 8 bytes, got 4'],
];

describe.each([
  ['json', jsonBody, JSON_CASES],
  ['protobuf', protobufBody, PROTOBUF_CASES],
] as const)('%s spans rejected one by one', (format, encode, cases) => {
  it.each(cases)('drops a span with %s and keeps the others', (_label, bad, reason) => {
    const decoded = decodeExportRequest(encode([{ name: 'before' }, { name: 'bad', ...bad }, { name: 'after' }]), format);
    expect(names(decoded)).toEqual(['before', 'after']);
    expect(decoded.acceptedSpanCount).toBe(2);
    expect(decoded.rejectedSpanCount).toBe(1);
    expect(decoded.rejectionReasons).toHaveLength(1);
    expect(decoded.rejectionReasons[0]).toContain(reason);
  });

  it('counts spans sharing a fault under one reason', () => {
    const decoded = decodeExportRequest(
      encode([{ name: 'a', spanId: ZERO_SPAN }, { name: 'ok' }, { name: 'b', spanId: ZERO_SPAN }, { name: 'c', traceId: ZERO_TRACE }]),
      format,
    );
    expect(names(decoded)).toEqual(['ok']);
    expect(decoded.rejectedSpanCount).toBe(3);
    expect(decoded.rejectionReasons).toEqual(['spanId is all zeros (2 spans)', 'traceId is all zeros']);
  });

  it(`keeps at most ${MAX_REJECTION_REASONS} distinct reasons but counts every rejected span`, () => {
    const bad = cases.map(([, spec], i) => ({ name: `bad${i}`, ...spec }));
    const decoded = decodeExportRequest(encode([...bad, { name: 'ok' }]), format);
    expect(names(decoded)).toEqual(['ok']);
    expect(decoded.rejectedSpanCount).toBe(cases.length);
    expect(decoded.rejectionReasons).toHaveLength(MAX_REJECTION_REASONS);
  });

  it('drops an envelope whose spans were all rejected', () => {
    const decoded = decodeExportRequest(encode([{ name: 'bad', traceId: ZERO_TRACE }]), format);
    expect(decoded).toEqual({
      resourceSpans: [],
      acceptedSpanCount: 0,
      rejectedSpanCount: 1,
      rejectionReasons: ['traceId is all zeros'],
    });
  });
});
