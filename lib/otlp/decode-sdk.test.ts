import type { Attributes as SdkAttributes } from '@opentelemetry/api';
import type { InstrumentationScope } from '@opentelemetry/core';
import { JsonTraceSerializer, ProtobufTraceSerializer } from '@opentelemetry/otlp-transformer';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { describe, expect, it } from 'vitest';
import { decodeExportRequest } from './decode';
import { LINKED, REMOTE_PARENT, RESOURCE_ATTRIBUTES, hrToNanos, recordAgentRun } from './sdk-spans.fixture';
import type { DecodedExport, OtlpSpan } from './types';

const SERIALIZERS = [
  ['protobuf', ProtobufTraceSerializer],
  ['json', JsonTraceSerializer],
] as const;

const HAS_IS_REMOTE = 0x100;
const IS_REMOTE = 0x200;

/** What the decoder must produce for a span, computed from the SDK's own record of it. */
function expectedSpan(s: ReadableSpan): OtlpSpan {
  const ctx = s.spanContext();
  return {
    traceId: ctx.traceId,
    spanId: ctx.spanId,
    parentSpanId: s.parentSpanContext?.spanId ?? '',
    traceState: ctx.traceState?.serialize() ?? '',
    flags: ctx.traceFlags | HAS_IS_REMOTE | (s.parentSpanContext?.isRemote ? IS_REMOTE : 0),
    name: s.name,
    kind: (s.kind + 1) as OtlpSpan['kind'],
    startTimeUnixNano: hrToNanos(s.startTime),
    endTimeUnixNano: hrToNanos(s.endTime),
    attributes: s.attributes as OtlpSpan['attributes'],
    events: s.events.map((e) => ({ timeUnixNano: hrToNanos(e.time), name: e.name, attributes: (e.attributes ?? {}) as OtlpSpan['attributes'] })),
    links: s.links.map((l) => ({
      traceId: l.context.traceId,
      spanId: l.context.spanId,
      traceState: l.context.traceState?.serialize() ?? '',
      attributes: (l.attributes ?? {}) as OtlpSpan['attributes'],
      flags: l.context.traceFlags | HAS_IS_REMOTE | (l.context.isRemote ? IS_REMOTE : 0),
    })),
    status: { code: s.status.code, message: s.status.message ?? '' },
  };
}

function allSpans(decoded: DecodedExport): OtlpSpan[] {
  return decoded.resourceSpans.flatMap((rs) => rs.scopeSpans.flatMap((ss) => ss.spans));
}

function spanNamed(decoded: DecodedExport, name: string): OtlpSpan {
  const span = allSpans(decoded).find((s) => s.name === name);
  if (!span) throw new Error(`no decoded span named ${name}`);
  return span;
}

describe.each(SERIALIZERS)('%s export from the OpenTelemetry SDK', (format, serializer) => {
  const recorded = recordAgentRun();
  const body = serializer.serializeRequest(recorded);
  if (!body) throw new Error('the serializer produced no body');
  const decoded = decodeExportRequest(body, format);

  it('accepts every span and keeps resource and scope', () => {
    expect(decoded.acceptedSpanCount).toBe(6);
    expect(decoded.rejectedSpanCount).toBe(0);
    expect(decoded.rejectionReasons).toEqual([]);
    expect(decoded.resourceSpans).toHaveLength(1);
    expect(decoded.resourceSpans[0]?.resource).toEqual(RESOURCE_ATTRIBUTES);
    expect(decoded.resourceSpans[0]?.scopeSpans.map((ss) => ss.scope)).toEqual([
      { name: 'loupe-fixture', version: '2.1.0', attributes: {} },
    ]);
  });

  it('decodes each span exactly as the SDK recorded it', () => {
    expect(allSpans(decoded)).toHaveLength(recorded.length);
    for (const s of recorded) expect(spanNamed(decoded, s.name)).toEqual(expectedSpan(s));
  });

  it('keeps times to the nanosecond', () => {
    const root = spanNamed(decoded, 'invoke_agent planner');
    expect(root.startTimeUnixNano).toBe(1_760_000_000_123_456_789n);
    expect(root.endTimeUnixNano).toBe(1_760_000_005_000_000_000n);
    const llm = spanNamed(decoded, 'chat gpt-4o');
    expect(llm.endTimeUnixNano).toBe(1_760_000_001_999_999_999n);
    expect(llm.events.map((e) => e.timeUnixNano)).toEqual([1_760_000_000_900_000_009n, 1_760_000_001_000_000_005n]);
  });

  it('keeps every attribute type', () => {
    expect(spanNamed(decoded, 'invoke_agent planner').attributes).toEqual({
      'gen_ai.operation.name': 'invoke_agent',
      'gen_ai.agent.name': 'planner',
      'loupe.retry': true,
      'loupe.steps': 12,
      'loupe.offset': -7,
      'gen_ai.request.temperature': 0.25,
      'gen_ai.response.finish_reasons': ['stop', 'length'],
      'loupe.token_history': [512, 1024, 2048],
      'loupe.scores': [0.5, 0.75],
      'loupe.flags': [true, false],
      'loupe.empty': '',
    });
  });

  it('keeps parent/child structure, kinds and status', () => {
    const root = spanNamed(decoded, 'invoke_agent planner');
    expect(root.parentSpanId).toBe('');
    const kinds = Object.fromEntries(allSpans(decoded).map((s) => [s.name, s.kind]));
    expect(kinds).toEqual({
      'invoke_agent planner': 2,
      'chat gpt-4o': 3,
      'execute_tool search': 1,
      'enqueue review': 4,
      'review handoff': 5,
      'handle callback': 2,
    });
    for (const name of ['chat gpt-4o', 'execute_tool search', 'enqueue review', 'review handoff']) {
      expect(spanNamed(decoded, name)).toMatchObject({ traceId: root.traceId, parentSpanId: root.spanId });
    }
    expect(spanNamed(decoded, 'chat gpt-4o').status).toEqual({ code: 2, message: 'rate limited after 3 retries' });
    expect(spanNamed(decoded, 'execute_tool search').status).toEqual({ code: 1, message: '' });
    expect(root.flags).toBe(HAS_IS_REMOTE | 1);
  });

  it('keeps events with their attributes', () => {
    expect(spanNamed(decoded, 'chat gpt-4o').events).toEqual([
      {
        timeUnixNano: 1_760_000_000_900_000_009n,
        name: 'gen_ai.choice',
        attributes: { index: 0, finish_reason: 'length', 'message.roles': ['assistant'] },
      },
      {
        timeUnixNano: 1_760_000_001_000_000_005n,
        name: 'exception',
        attributes: { 'exception.type': 'RateLimitError', 'exception.message': 'slow down' },
      },
    ]);
  });

  it('keeps links to other traces', () => {
    expect(spanNamed(decoded, 'review handoff').links).toEqual([
      {
        traceId: LINKED.traceId,
        spanId: LINKED.spanId,
        traceState: 'k=v',
        attributes: { 'loupe.handoff': 'reviewer', 'loupe.attempt': 2 },
        flags: HAS_IS_REMOTE | IS_REMOTE | 1,
      },
    ]);
  });

  it('marks a span continuing a remote parent with IS_REMOTE', () => {
    expect(spanNamed(decoded, 'handle callback')).toMatchObject({
      traceId: REMOTE_PARENT.traceId,
      parentSpanId: REMOTE_PARENT.spanId,
      traceState: REMOTE_PARENT.traceState,
      flags: HAS_IS_REMOTE | IS_REMOTE | 1,
    });
  });
});

/**
 * The SDK's span API refuses structured values, but the serializers encode them (log bodies and newer
 * instrumentations use them), so a recorded span is re-dressed with such attributes before serializing.
 */
function withStructuredValues(base: ReadableSpan): ReadableSpan {
  const attributes = {
    'gen_ai.input.messages': [{ role: 'user', parts: [{ type: 'text', content: 'hi' }] }],
    'loupe.raw': new Uint8Array([0, 1, 2, 250, 255]),
    'loupe.big': 2 ** 60,
    'loupe.negative_big': -(2 ** 60),
    'loupe.nested': [[1, 2], ['a']],
    'loupe.map': { a: 1, b: { c: true, d: 'x' } },
  };
  // A plain `__proto__:` in the literal would set the prototype instead of adding a key.
  Object.defineProperty(attributes, '__proto__', { value: 'not a prototype', enumerable: true });
  return {
    name: base.name,
    kind: base.kind,
    spanContext: () => base.spanContext(),
    parentSpanContext: base.parentSpanContext,
    startTime: base.startTime,
    endTime: base.endTime,
    status: base.status,
    attributes: attributes as unknown as SdkAttributes,
    links: [],
    events: [],
    duration: base.duration,
    ended: true,
    resource: base.resource,
    instrumentationScope: { name: 'scoped', version: '0.1.0', attributes: { 'scope.team': 'agents' } } as InstrumentationScope,
    droppedAttributesCount: 0,
    droppedEventsCount: 0,
    droppedLinksCount: 0,
  };
}

describe.each(SERIALIZERS)('%s structured attribute values', (format, serializer) => {
  const [base] = recordAgentRun();
  if (!base) throw new Error('no span recorded');
  const body = serializer.serializeRequest([withStructuredValues(base)]);
  if (!body) throw new Error('the serializer produced no body');
  const decoded = decodeExportRequest(body, format);
  const span = allSpans(decoded)[0];

  it('decodes kvlists to objects, arrays to arrays, bytes to base64, big int64 to decimal strings', () => {
    const { ['__proto__']: _proto, ...rest } = span?.attributes ?? {};
    expect(rest).toEqual({
      'gen_ai.input.messages': [{ role: 'user', parts: [{ type: 'text', content: 'hi' }] }],
      'loupe.raw': 'AAEC+v8=',
      'loupe.big': '1152921504606846976',
      'loupe.negative_big': '-1152921504606846976',
      'loupe.nested': [[1, 2], ['a']],
      'loupe.map': { a: 1, b: { c: true, d: 'x' } },
    });
  });

  it('keeps an attribute named __proto__ as data, not as the prototype', () => {
    expect(Object.getPrototypeOf(span?.attributes)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(span?.attributes, '__proto__')?.value).toBe('not a prototype');
  });

  it('keeps scope attributes', () => {
    expect(decoded.resourceSpans[0]?.scopeSpans[0]?.scope).toEqual({
      name: 'scoped',
      version: '0.1.0',
      attributes: { 'scope.team': 'agents' },
    });
  });
});
