import { describe, expect, it } from 'vitest';
import { decodeExportRequest } from './decode';
import { OtlpDecodeError } from './errors';
import type { DecodedExport } from './types';

const TRACE_ID = '5b8efff798038103d269b633813fc60c';
const SPAN_ID = 'eee19b7ec3c1b174';

function decodeText(text: string): DecodedExport {
  return decodeExportRequest(new TextEncoder().encode(text), 'json');
}

function request(spans: unknown[], extra: Record<string, unknown> = {}): string {
  return JSON.stringify({ resourceSpans: [{ resource: { attributes: [] }, scopeSpans: [{ scope: { name: 'lib' }, spans }] }], ...extra });
}

function span(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    traceId: TRACE_ID,
    spanId: SPAN_ID,
    name: 'step',
    startTimeUnixNano: '1544712660000000000',
    endTimeUnixNano: '1544712661000000000',
    ...overrides,
  };
}

function attributesOf(value: unknown): unknown {
  const decoded = decodeText(request([span({ attributes: [{ key: 'a', value }] })]));
  return decoded.resourceSpans[0]?.scopeSpans[0]?.spans[0]?.attributes.a;
}

/** Runs `decode` and returns the OtlpDecodeError message; fails the test if it does not throw one. */
function decodeErrorOf(decode: () => unknown): string {
  try {
    decode();
  } catch (err) {
    expect(err).toBeInstanceOf(OtlpDecodeError);
    return (err as Error).message;
  }
  throw new Error('expected an OtlpDecodeError, but decoding succeeded');
}

describe('OTLP/JSON decoding', () => {
  it('decodes the example body of the OTLP specification', () => {
    const body = `{"resourceSpans":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"my.service"}}]},
      "scopeSpans":[{"scope":{"name":"my.library","version":"1.0.0"},
      "spans":[{"traceId":"5B8EFFF798038103D269B633813FC60C","spanId":"EEE19B7EC3C1B174","parentSpanId":"EEE19B7EC3C1B173",
      "name":"I'm a server span","startTimeUnixNano":"1544712660000000000","endTimeUnixNano":"1544712661000000000",
      "kind":2,"attributes":[{"key":"my.span.attr","value":{"stringValue":"some value"}}]}]}]}]}`;
    expect(decodeText(body)).toEqual({
      resourceSpans: [
        {
          resource: { 'service.name': 'my.service' },
          scopeSpans: [
            {
              scope: { name: 'my.library', version: '1.0.0', attributes: {} },
              spans: [
                {
                  traceId: TRACE_ID,
                  spanId: SPAN_ID,
                  parentSpanId: 'eee19b7ec3c1b173',
                  traceState: '',
                  flags: 0,
                  name: "I'm a server span",
                  kind: 2,
                  startTimeUnixNano: 1_544_712_660_000_000_000n,
                  endTimeUnixNano: 1_544_712_661_000_000_000n,
                  attributes: { 'my.span.attr': 'some value' },
                  events: [],
                  links: [],
                  status: { code: 0, message: '' },
                },
              ],
            },
          ],
        },
      ],
      acceptedSpanCount: 1,
      rejectedSpanCount: 0,
      rejectionReasons: [],
    });
  });

  it('applies proto3 defaults for omitted fields and ignores unknown ones', () => {
    const decoded = decodeText(request([{ traceId: TRACE_ID, spanId: SPAN_ID, futureField: { x: 1 } }], { extension: true }));
    expect(decoded.resourceSpans[0]?.scopeSpans[0]?.spans[0]).toMatchObject({
      parentSpanId: '',
      kind: 0,
      name: '',
      flags: 0,
      startTimeUnixNano: 0n,
      endTimeUnixNano: 0n,
      status: { code: 0, message: '' },
    });
  });

  it('accepts int64 times as numbers as well as strings', () => {
    const decoded = decodeText(request([span({ startTimeUnixNano: 1544712660000000000, endTimeUnixNano: '1544712660000000001' })]));
    expect(decoded.resourceSpans[0]?.scopeSpans[0]?.spans[0]).toMatchObject({
      startTimeUnixNano: 1_544_712_660_000_000_000n,
      endTimeUnixNano: 1_544_712_660_000_000_001n,
    });
  });

  it('keeps every digit of times sent as numbers beyond 2^53, and leaves look-alikes inside strings alone', () => {
    const lookAlike = '{"timeUnixNano": 1544712660000000123}';
    const text = request([span({ attributes: [{ key: 'note', value: { stringValue: lookAlike } }] })])
      .replace('"1544712660000000000"', '1544712660000000123')
      .replace('"1544712661000000000"', ' 1544712661000000457 ');
    const [decoded] = decodeText(text).resourceSpans[0]?.scopeSpans[0]?.spans ?? [];
    expect(decoded).toMatchObject({ startTimeUnixNano: 1_544_712_660_000_000_123n, endTimeUnixNano: 1_544_712_661_000_000_457n });
    expect(decoded?.attributes.note).toBe(lookAlike);
    // A number with an exponent is left to JSON.parse as before, not turned into invalid JSON.
    const exponent = request([span()]).replace('"1544712660000000000"', '1544712660000000000e0');
    expect(decodeText(exponent).resourceSpans[0]?.scopeSpans[0]?.spans[0]?.startTimeUnixNano).toBe(1_544_712_660_000_000_000n);
  });

  it('reads an all-zero parent id as a root span', () => {
    const decoded = decodeText(request([span({ parentSpanId: '0000000000000000' })]));
    expect(decoded.resourceSpans[0]?.scopeSpans[0]?.spans[0]?.parentSpanId).toBe('');
  });

  it.each([
    ['a string', { stringValue: 'x' }, 'x'],
    ['an int64 as a string', { intValue: '42' }, 42],
    ['an int64 as a number', { intValue: -5 }, -5],
    ['an int64 beyond 2^53 as a string', { intValue: '9007199254740993' }, '9007199254740993'],
    ['the smallest int64', { intValue: '-9223372036854775808' }, '-9223372036854775808'],
    ['a double', { doubleValue: 0.5 }, 0.5],
    ['a double spelled as a special value', { doubleValue: 'Infinity' }, Infinity],
    ['a bool', { boolValue: false }, false],
    ['bytes, kept as base64', { bytesValue: 'AAEC+v8=' }, 'AAEC+v8='],
    ['an array', { arrayValue: { values: [{ intValue: '1' }, { stringValue: 'b' }] } }, [1, 'b']],
    ['an empty array', { arrayValue: {} }, []],
    ['a kvlist', { kvlistValue: { values: [{ key: 'k', value: { boolValue: true } }] } }, { k: true }],
    ['an empty AnyValue', {}, null],
  ])('decodes %s', (_label, value, expected) => {
    expect(attributesOf(value)).toEqual(expected);
  });

  it('answers an empty export, and envelopes without spans, with nothing', () => {
    for (const body of ['{}', '{"resourceSpans":[]}', '{"resourceSpans":[{"scopeSpans":[]}]}', '{"resourceSpans":[{"scopeSpans":[{"spans":[]}]}]}']) {
      expect(decodeText(body)).toEqual({ resourceSpans: [], acceptedSpanCount: 0, rejectedSpanCount: 0, rejectionReasons: [] });
    }
  });
});

describe('OTLP/JSON bodies refused as a whole', () => {
  const S2 = 'resourceSpans[0].scopeSpans[0].spans[2]';
  const valid = [span(), span({ spanId: 'eee19b7ec3c1b175' })];

  it.each([
    ['invalid JSON', '{"resourceSpans": [}', 'invalid JSON at position 19: '],
    ['truncated JSON', '{"resourceSpans": [', 'invalid JSON at position 19: unexpected end of input'],
    ['a body that is not an object', '[{"resourceSpans": []}]', 'the body must be a JSON object (ExportTraceServiceRequest), got an array'],
    ['resourceSpans that is not an array', '{"resourceSpans": {"scopeSpans": []}}', 'resourceSpans: expected an array, got an object'],
    [
      'a span kind given by name',
      request([...valid, span({ kind: 'SPAN_KIND_SERVER' })]),
      `${S2}.kind: enums must be integers in OTLP/JSON, got "SPAN_KIND_SERVER"`,
    ],
    [
      'a status code given by name',
      request([...valid, span({ status: { code: 'STATUS_CODE_ERROR' } })]),
      `${S2}.status.code: enums must be integers in OTLP/JSON, got "STATUS_CODE_ERROR"`,
    ],
    ['snake_case resource_spans', '{"resource_spans": []}', 'resource_spans: OTLP/JSON keys are lowerCamelCase: use "resourceSpans", not "resource_spans"'],
    [
      'snake_case scope_spans',
      '{"resourceSpans": [{"scope_spans": []}]}',
      'resourceSpans[0].scope_spans: OTLP/JSON keys are lowerCamelCase: use "scopeSpans", not "scope_spans"',
    ],
    [
      'snake_case trace_id',
      request([...valid, { trace_id: TRACE_ID, span_id: SPAN_ID }]),
      `${S2}.trace_id: OTLP/JSON keys are lowerCamelCase: use "traceId", not "trace_id"`,
    ],
    [
      'snake_case start_time_unix_nano',
      request([...valid, { traceId: TRACE_ID, spanId: SPAN_ID, start_time_unix_nano: '1' }]),
      `${S2}.start_time_unix_nano: OTLP/JSON keys are lowerCamelCase: use "startTimeUnixNano"`,
    ],
    [
      'snake_case string_value',
      request([span({ attributes: [{ key: 'a', value: { string_value: 'x' } }] })]),
      'resourceSpans[0].scopeSpans[0].spans[0].attributes[0].string_value: OTLP/JSON keys are lowerCamelCase: use "stringValue"',
    ],
    [
      'a fractional start time',
      request([...valid, span({ startTimeUnixNano: 1.5 })]),
      `${S2}.startTimeUnixNano: expected a non-negative integer of nanoseconds (string or number), got number 1.5`,
    ],
    [
      'a start time in scientific notation',
      request([...valid, span({ startTimeUnixNano: '1.5e18' })]),
      `${S2}.startTimeUnixNano: expected a non-negative integer of nanoseconds (string or number), got string "1.5e18"`,
    ],
    ['a negative end time', request([span({ endTimeUnixNano: '-1' })]), 'spans[0].endTimeUnixNano: expected a non-negative integer'],
    [
      'an event time that is not an integer',
      request([span({ events: [{ name: 'e', timeUnixNano: 'soon' }] })]),
      'spans[0].events[0].timeUnixNano: expected a non-negative integer of nanoseconds',
    ],
    [
      'an intValue that is not an integer',
      request([span({ attributes: [{ key: 'n', value: { intValue: '12abc' } }] })]),
      'spans[0].attributes[0].intValue: expected a 64-bit integer, got string "12abc"',
    ],
    [
      'an intValue beyond int64',
      request([span({ attributes: [{ key: 'n', value: { intValue: '9223372036854775808' } }] })]),
      'spans[0].attributes[0].intValue: expected a 64-bit integer',
    ],
    [
      'attributes that are an object',
      request([span({ attributes: { 'gen_ai.system': 'openai' } })]),
      'spans[0].attributes: expected an array, got an object',
    ],
    [
      'a logs payload',
      '{"resourceLogs":[{"scopeLogs":[{"logRecords":[{"timeUnixNano":"1","body":{"stringValue":"hi"}}]}]}]}',
      'this is an OTLP logs payload ("resourceLogs"); /v1/traces accepts only traces ("resourceSpans")',
    ],
    [
      'a metrics payload',
      '{"resourceMetrics":[{"scopeMetrics":[]}]}',
      'this is an OTLP metrics payload ("resourceMetrics"); /v1/traces accepts only traces ("resourceSpans")',
    ],
  ])('refuses %s', (_label, body, message) => {
    expect(decodeErrorOf(() => decodeText(body))).toContain(message);
  });

  it('refuses a body that is not UTF-8', () => {
    const body = new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]);
    expect(decodeErrorOf(() => decodeExportRequest(body, 'json'))).toBe('invalid JSON: the body is not valid UTF-8');
  });
});

describe('OTLP/JSON nesting limit', () => {
  function nested(depth: number): unknown {
    let value: unknown = { stringValue: 'leaf' };
    for (let i = 0; i < depth; i++) value = i % 2 ? { arrayValue: { values: [value] } } : { kvlistValue: { values: [{ key: 'k', value }] } };
    return value;
  }

  it('accepts values nested 32 levels deep', () => {
    let value = attributesOf(nested(32));
    for (let i = 31; i >= 0; i--) value = i % 2 ? (value as unknown[])[0] : (value as Record<string, unknown>).k;
    expect(value).toBe('leaf');
  });

  it.each([33, 100_000])('refuses values nested %i levels deep with a clear error', (depth) => {
    // Built as text: JSON.stringify itself would overflow the stack on the deepest value.
    const open = '{"arrayValue":{"values":['.repeat(depth);
    const close = ']}}'.repeat(depth);
    const body = request([span({ attributes: [{ key: 'deep', value: '@' }] })]).replace('"@"', `${open}{"stringValue":"x"}${close}`);
    expect(decodeErrorOf(() => decodeText(body))).toBe(
      'resourceSpans[0].scopeSpans[0].spans[0].attributes[0]: attribute value nested deeper than 32 levels',
    );
  });
});
