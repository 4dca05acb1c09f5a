import { ProtobufTraceSerializer } from '@opentelemetry/otlp-transformer';
import protobuf from 'protobufjs';
import { describe, expect, it } from 'vitest';
import { decodeExportRequest } from './decode';
import { OtlpDecodeError } from './errors';
import { recordAgentRun } from './sdk-spans.fixture';

/** Hand-assembled protobuf, for bodies our schema (or the SDK) would never write. */
const LEN = 2;
const VARINT = 0;
const FIXED64 = 1;
const msg = (...parts: Uint8Array[]) => Buffer.concat(parts);
const bytesField = (field: number, value: Uint8Array) => protobuf.Writer.create().uint32((field << 3) | LEN).bytes(value).finish();
const stringField = (field: number, value: string) => protobuf.Writer.create().uint32((field << 3) | LEN).string(value).finish();
const varintField = (field: number, value: number) => protobuf.Writer.create().uint32((field << 3) | VARINT).uint32(value).finish();
const fixed64Field = (field: number, value: string) =>
  protobuf.Writer.create().uint32((field << 3) | FIXED64).fixed64(value).finish();

const TRACE_ID = Buffer.from('5b8efff798038103d269b633813fc60c', 'hex');
const SPAN_ID = Buffer.from('eee19b7ec3c1b174', 'hex');

/** A request with one span carrying the given KeyValue bytes as its attributes. */
function requestWithAttribute(keyValue: Uint8Array): Uint8Array {
  const span = msg(
    bytesField(1, TRACE_ID),
    bytesField(2, SPAN_ID),
    stringField(5, 'span'),
    fixed64Field(7, '1760000000000000000'),
    fixed64Field(8, '1760000000000000001'),
    bytesField(9, keyValue),
  );
  return bytesField(1, bytesField(2, bytesField(2, span)));
}

/** `depth` ArrayValues around a string, built inside out (protobufjs would refuse to encode the deepest ones). */
function nestedAnyValue(depth: number): Uint8Array {
  let value: Uint8Array = stringField(1, 'leaf');
  for (let i = 0; i < depth; i++) value = bytesField(5, bytesField(1, value));
  return value;
}

function decodeErrorOf(decode: () => unknown): string {
  try {
    decode();
  } catch (err) {
    expect(err).toBeInstanceOf(OtlpDecodeError);
    return (err as Error).message;
  }
  throw new Error('expected an OtlpDecodeError, but decoding succeeded');
}

/** Deterministic bytes (mulberry32), so a failure can be reproduced. */
function randomBytes(seed: number, length: number): Uint8Array {
  const out = new Uint8Array(length);
  let a = seed;
  for (let i = 0; i < length; i++) {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    out[i] = ((t ^ (t >>> 14)) >>> 0) & 0xff;
  }
  return out;
}

describe('OTLP/protobuf bodies refused as a whole', () => {
  const body = ProtobufTraceSerializer.serializeRequest(recordAgentRun());
  if (!body) throw new Error('the serializer produced no body');

  it('refuses every truncation of a valid body, naming the byte', () => {
    for (let cut = 1; cut < body.length; cut++) {
      const message = decodeErrorOf(() => decodeExportRequest(body.subarray(0, cut), 'protobuf'));
      const at = /^invalid protobuf at byte (\d+): /.exec(message);
      expect(at, message).not.toBeNull();
      expect(Number(at?.[1])).toBeLessThanOrEqual(cut);
    }
    expect(decodeErrorOf(() => decodeExportRequest(body.subarray(0, body.length - 1), 'protobuf'))).toMatch(
      /^invalid protobuf at byte \d+: a length or value runs past the end of its message \(truncated\?\)$/,
    );
  });

  it('refuses random bytes', () => {
    for (let seed = 1; seed <= 20; seed++) {
      expect(decodeErrorOf(() => decodeExportRequest(randomBytes(seed, 4096), 'protobuf'))).toMatch(/^invalid protobuf at byte \d+: /);
    }
  });

  it('names an invalid wire type', () => {
    // Tag 0x0f: field 1, wire type 7, which does not exist.
    expect(decodeErrorOf(() => decodeExportRequest(new Uint8Array([0x0f, 0x00]), 'protobuf'))).toBe(
      'invalid protobuf at byte 1: invalid wire type 7',
    );
  });

  it('refuses attribute values nested past the limit', () => {
    const body33 = requestWithAttribute(msg(stringField(1, 'deep'), bytesField(2, nestedAnyValue(33))));
    expect(decodeErrorOf(() => decodeExportRequest(body33, 'protobuf'))).toMatch(
      /^attribute value nested deeper than 32 levels \(at byte \d+\)$/,
    );
    const body32 = requestWithAttribute(msg(stringField(1, 'deep'), bytesField(2, nestedAnyValue(32))));
    let value: unknown = decodeExportRequest(body32, 'protobuf').resourceSpans[0]?.scopeSpans[0]?.spans[0]?.attributes.deep;
    for (let i = 0; i < 32; i++) value = (value as unknown[])[0];
    expect(value).toBe('leaf');
  });

  it('refuses hostile nesting before it can overflow the stack', () => {
    const body = requestWithAttribute(msg(stringField(1, 'deep'), bytesField(2, nestedAnyValue(2_000))));
    expect(decodeErrorOf(() => decodeExportRequest(body, 'protobuf'))).toMatch(
      /^attribute value nested deeper than 32 levels \(at byte \d+\)$/,
    );
  });

  it('refuses deeply nested unknown groups', () => {
    // Field 15 with wire type 3 (start group), opened 2,000 times and closed again (wire type 4).
    const body = new Uint8Array([...new Array(2_000).fill((15 << 3) | 3), ...new Array(2_000).fill((15 << 3) | 4)]);
    expect(decodeErrorOf(() => decodeExportRequest(body, 'protobuf'))).toMatch(
      /^invalid protobuf at byte \d+: groups nested too deeply/,
    );
  });

  it('recognises a logs export sent to /v1/traces', () => {
    // ExportLogsServiceRequest { resource_logs = 1 { scope_logs = 2 { log_records = 2 {
    //   time_unix_nano = 1 (fixed64), severity_number = 2, body = 5 } } } }
    const logRecord = msg(fixed64Field(1, '1760000000000000000'), varintField(2, 9), bytesField(5, stringField(1, 'user logged in')));
    const logs = bytesField(1, bytesField(2, msg(bytesField(2, logRecord), bytesField(2, logRecord))));
    expect(decodeErrorOf(() => decodeExportRequest(logs, 'protobuf'))).toBe(
      'no span has a traceId or spanId: this looks like an OTLP logs payload; send logs to /v1/logs, not /v1/traces',
    );
  });
});

describe('OTLP/protobuf edge cases', () => {
  it('decodes each span its own attribute values when neighbouring spans share or almost share them', () => {
    const attribute = (value: Uint8Array) => msg(stringField(1, 'gen_ai.request.model'), bytesField(2, bytesField(1, value)));
    const values = ['gpt-4o', 'gpt-4o', 'gpt-4p', 'é', 'é'].map((text) => Buffer.from(text, 'utf8'));
    // A lone 0xE9 byte is not UTF-8: it reads as U+FFFD, not as the 'é' (U+00E9) of the span before it.
    values.push(Buffer.from([0xe9]), Buffer.from('e'), Buffer.from('x'.repeat(80)), Buffer.from('x'.repeat(80)));
    const decoded = values.map((value) => decodeExportRequest(requestWithAttribute(attribute(value)), 'protobuf'));
    expect(decoded.map((d) => d.resourceSpans[0]?.scopeSpans[0]?.spans[0]?.attributes['gen_ai.request.model'])).toEqual(
      ['gpt-4o', 'gpt-4o', 'gpt-4p', 'é', 'é', '\uFFFD', 'e', 'x'.repeat(80), 'x'.repeat(80)],
    );
  });

  it('decodes each span its own trace and parent ids when neighbouring spans share or almost share them', () => {
    const id = (hex: string) => Buffer.from(hex, 'hex');
    const A = '5b8efff798038103d269b633813fc60c';
    const B = '5b8efff798038103d269b633813fc60d'; // differs from A in its last byte only
    const P = 'eee19b7ec3c1b174';
    const Q = 'eee19b7ec3c1b175';
    const spans: [trace: string, parent: string][] = [[A, P], [A, P], [B, ''], [A, Q], [B, Q], [B, P]];
    const body = bytesField(
      1,
      bytesField(
        2,
        msg(
          ...spans.map(([trace, parent], i) =>
            bytesField(
              2,
              msg(
                bytesField(1, id(trace)),
                bytesField(2, id(`00000000000000${String(i + 1).padStart(2, '0')}`)),
                bytesField(4, id(parent)),
                stringField(5, `span ${i}`),
                fixed64Field(7, '1760000000000000000'),
                fixed64Field(8, '1760000000000000001'),
              ),
            ),
          ),
        ),
      ),
    );
    const decoded = decodeExportRequest(body, 'protobuf');
    expect(decoded.resourceSpans[0]?.scopeSpans[0]?.spans.map((s) => [s.traceId, s.parentSpanId])).toEqual(spans);
  });

  it('answers an empty body with an empty export', () => {
    expect(decodeExportRequest(new Uint8Array(0), 'protobuf')).toEqual({
      resourceSpans: [],
      acceptedSpanCount: 0,
      rejectedSpanCount: 0,
      rejectionReasons: [],
    });
  });

  it('ignores the profiling-only key_strindex and string_value_strindex', () => {
    // KeyValue { key = 1, value = 2 { string_value_strindex = 8 }, key_strindex = 3 }
    const keyValue = msg(stringField(1, 'interned'), bytesField(2, varintField(8, 4)), varintField(3, 7));
    const decoded = decodeExportRequest(requestWithAttribute(keyValue), 'protobuf');
    expect(decoded.acceptedSpanCount).toBe(1);
    expect(decoded.resourceSpans[0]?.scopeSpans[0]?.spans[0]?.attributes).toEqual({ interned: null });
  });

  it('decodes keys of every kind, however many distinct ones a body holds', () => {
    const keys = ['température', 'gen_ai.usage.input_tokens', `long.${'k'.repeat(80)}`, '', '__proto__'];
    for (let i = 0; i < 5_000; i++) keys.push(`distinct.key.${i}`);
    // Each key twice: the second occurrence may come from the key cache and must still be the right key.
    const attributes = [...keys, ...keys].map((key, i) => bytesField(9, msg(stringField(1, key), bytesField(2, varintField(3, i)))));
    const span = msg(bytesField(1, TRACE_ID), bytesField(2, SPAN_ID), ...attributes);
    const decoded = decodeExportRequest(bytesField(1, bytesField(2, bytesField(2, span))), 'protobuf');
    const got = decoded.resourceSpans[0]?.scopeSpans[0]?.spans[0]?.attributes ?? {};
    expect(Object.keys(got)).toEqual(keys);
    expect(keys.every((key, i) => got[key] === keys.length + i)).toBe(true);
  });

  it('reads an empty string value as a string, not as an absent value', () => {
    const decoded = decodeExportRequest(requestWithAttribute(msg(stringField(1, 'e'), bytesField(2, stringField(1, '')))), 'protobuf');
    expect(decoded.resourceSpans[0]?.scopeSpans[0]?.spans[0]?.attributes).toEqual({ e: '' });
  });

  it('decodes int64 extremes exactly', () => {
    const attr = (key: string, value: string) =>
      bytesField(9, msg(stringField(1, key), bytesField(2, protobuf.Writer.create().uint32(3 << 3).int64(value).finish())));
    const span = msg(
      bytesField(1, TRACE_ID),
      bytesField(2, SPAN_ID),
      fixed64Field(7, '18446744073709551615'),
      fixed64Field(8, '18446744073709551615'),
      attr('max', '9223372036854775807'),
      attr('min', '-9223372036854775808'),
      attr('safe', '9007199254740991'),
      attr('unsafe', '9007199254740992'),
      attr('negative', '-1'),
    );
    const decoded = decodeExportRequest(bytesField(1, bytesField(2, bytesField(2, span))), 'protobuf');
    const decodedSpan = decoded.resourceSpans[0]?.scopeSpans[0]?.spans[0];
    expect(decodedSpan?.startTimeUnixNano).toBe(18_446_744_073_709_551_615n);
    expect(decodedSpan?.attributes).toEqual({
      max: '9223372036854775807',
      min: '-9223372036854775808',
      safe: 9007199254740991,
      unsafe: '9007199254740992',
      negative: -1,
    });
  });

  it('reads unknown span kinds and status codes as unspecified', () => {
    const span = msg(
      bytesField(1, TRACE_ID),
      bytesField(2, SPAN_ID),
      varintField(6, 9),
      bytesField(15, msg(stringField(2, 'odd'), varintField(3, 7))),
    );
    const decoded = decodeExportRequest(bytesField(1, bytesField(2, bytesField(2, span))), 'protobuf');
    expect(decoded.resourceSpans[0]?.scopeSpans[0]?.spans[0]).toMatchObject({ kind: 0, status: { code: 0, message: 'odd' } });
  });
});
