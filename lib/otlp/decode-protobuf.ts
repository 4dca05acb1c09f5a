/**
 * OTLP/protobuf trace export → DecodedExport in a single pass over the body: each message is read field by field
 * (field numbers from ./schema) straight into the output shapes, with no intermediate message objects. Linear
 * in the body; the only recursion the body controls (AnyValue nesting) is bounded.
 */
import { MAX_ANY_VALUE_DEPTH, spanKind, statusCode } from './attributes';
import { OtlpDecodeError } from './errors';
import { normaliseParentId, wireIdProblem, zeroIdProblem } from './ids';
import { readKeyValue } from './protobuf-attributes';
import { I32, I64, LEN, OtlpReader, VARINT, tagsOf } from './protobuf-reader';
import { Rejections, timeProblem } from './rejections';
import {
  ExportTraceServiceRequest,
  InstrumentationScope,
  Resource,
  ResourceSpans,
  ScopeSpans,
  Span,
  SpanEvent,
  SpanLink,
  SpanStatus,
} from './schema';
import type { Attributes, DecodedExport, OtlpEvent, OtlpLink, OtlpResourceSpans, OtlpScope, OtlpScopeSpans, OtlpSpan } from './types';

const REQUEST = tagsOf(ExportTraceServiceRequest, { resourceSpans: LEN });
const RESOURCE_SPANS = tagsOf(ResourceSpans, { resource: LEN, scopeSpans: LEN });
const RESOURCE = tagsOf(Resource, { attributes: LEN });
const SCOPE_SPANS = tagsOf(ScopeSpans, { scope: LEN, spans: LEN });
const SCOPE = tagsOf(InstrumentationScope, { name: LEN, version: LEN, attributes: LEN });
const SPAN = tagsOf(Span, {
  traceId: LEN,
  spanId: LEN,
  traceState: LEN,
  parentSpanId: LEN,
  name: LEN,
  kind: VARINT,
  startTimeUnixNano: I64,
  endTimeUnixNano: I64,
  attributes: LEN,
  events: LEN,
  links: LEN,
  status: LEN,
  flags: I32,
});
const EVENT = tagsOf(SpanEvent, { timeUnixNano: I64, name: LEN, attributes: LEN });
const LINK = tagsOf(SpanLink, { traceId: LEN, spanId: LEN, traceState: LEN, attributes: LEN, flags: I32 });
const STATUS = tagsOf(SpanStatus, { message: LEN, code: VARINT });

export function decodeProtobuf(body: Uint8Array): DecodedExport {
  const rd = new OtlpReader(body);
  const state: DecodeState = { rejections: new Rejections(), accepted: 0, idless: 0 };
  const resourceSpans: OtlpResourceSpans[] = [];
  try {
    while (rd.more()) {
      const tag = rd.tag();
      if (tag !== REQUEST.resourceSpans) {
        rd.skip(tag);
        continue;
      }
      const rs = readResourceSpans(rd, state);
      if (rs.scopeSpans.length > 0) resourceSpans.push(rs);
    }
  } catch (err) {
    if (err instanceof OtlpDecodeError) throw err;
    throw new OtlpDecodeError(`invalid protobuf at byte ${rd.pos}: ${describeReaderError(err)}`, { cause: err });
  }
  const { rejections, accepted, idless } = state;
  // A logs export shares field 1 with a trace export and reads "successfully" as spans without ids; say what it
  // probably is rather than answering with thousands of "traceId must be 16 bytes".
  if (accepted === 0 && idless > 0 && idless === rejections.count) {
    throw new OtlpDecodeError(
      'no span has a traceId or spanId: this looks like an OTLP logs payload; send logs to /v1/logs, not /v1/traces',
    );
  }
  return { resourceSpans, acceptedSpanCount: accepted, rejectedSpanCount: rejections.count, rejectionReasons: rejections.reasons() };
}

interface DecodeState {
  rejections: Rejections;
  accepted: number;
  /** Spans with neither trace id nor span id: the signature of a logs body. */
  idless: number;
}

function describeReaderError(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  if (message.startsWith('index out of range')) return 'a length or value runs past the end of its message (truncated?)';
  if (message === 'max depth exceeded') return `groups nested too deeply (the limit for attribute values is ${MAX_ANY_VALUE_DEPTH})`;
  const wireType = /^invalid wire type (\d+)/.exec(message);
  if (wireType) return `invalid wire type ${wireType[1]}`;
  if (message.startsWith('illegal tag')) return 'field number 0 is not allowed';
  return message;
}

function readResourceSpans(rd: OtlpReader, state: DecodeState): OtlpResourceSpans {
  const outer = rd.enter();
  const resource: Attributes = {};
  const scopeSpans: OtlpScopeSpans[] = [];
  while (rd.more()) {
    const tag = rd.tag();
    if (tag === RESOURCE_SPANS.scopeSpans) {
      const ss = readScopeSpans(rd, state);
      // Envelopes without (valid) spans are dropped: nothing downstream wants an empty scope.
      if (ss.spans.length > 0) scopeSpans.push(ss);
    } else if (tag === RESOURCE_SPANS.resource) {
      const inner = rd.enter();
      while (rd.more()) {
        const t = rd.tag();
        if (t === RESOURCE.attributes) readKeyValue(rd, resource, 0);
        else rd.skip(t);
      }
      rd.leave(inner);
    } else {
      rd.skip(tag);
    }
  }
  rd.leave(outer);
  return { resource, scopeSpans };
}

function readScopeSpans(rd: OtlpReader, state: DecodeState): OtlpScopeSpans {
  const outer = rd.enter();
  let scope: OtlpScope = { name: '', version: '', attributes: {} };
  const spans: OtlpSpan[] = [];
  while (rd.more()) {
    const tag = rd.tag();
    if (tag === SCOPE_SPANS.spans) {
      const span = readSpan(rd, state);
      if (span !== null) spans.push(span);
    } else if (tag === SCOPE_SPANS.scope) {
      scope = readScope(rd);
    } else {
      rd.skip(tag);
    }
  }
  rd.leave(outer);
  state.accepted += spans.length;
  return { scope, spans };
}

function readScope(rd: OtlpReader): OtlpScope {
  const outer = rd.enter();
  const scope: OtlpScope = { name: '', version: '', attributes: {} };
  while (rd.more()) {
    const tag = rd.tag();
    if (tag === SCOPE.name) scope.name = rd.string();
    else if (tag === SCOPE.version) scope.version = rd.string();
    else if (tag === SCOPE.attributes) readKeyValue(rd, scope.attributes, 0);
    else rd.skip(tag);
  }
  rd.leave(outer);
  return scope;
}

/** The span, or null when it is invalid on its own (counted in state.rejections). */
function readSpan(rd: OtlpReader, state: DecodeState): OtlpSpan | null {
  const outer = rd.enter();
  // Every field is present from the start so that all spans share one object shape.
  const span: OtlpSpan = {
    traceId: '',
    spanId: '',
    parentSpanId: '',
    traceState: '',
    flags: 0,
    name: '',
    kind: 0,
    startTimeUnixNano: 0n,
    endTimeUnixNano: 0n,
    attributes: {},
    events: [],
    links: [],
    status: { code: 0, message: '' },
  };
  let linkProblem: string | null = null;
  while (rd.more()) {
    const tag = rd.tag();
    switch (tag) {
      case SPAN.attributes:
        readKeyValue(rd, span.attributes, 0);
        break;
      case SPAN.traceId:
        span.traceId = rd.repeatedHex(0);
        break;
      case SPAN.spanId:
        span.spanId = rd.hex();
        break;
      case SPAN.parentSpanId:
        span.parentSpanId = rd.repeatedHex(1);
        break;
      case SPAN.name:
        span.name = rd.string();
        break;
      case SPAN.kind:
        span.kind = spanKind(rd.int32());
        break;
      case SPAN.startTimeUnixNano:
        span.startTimeUnixNano = rd.fixed64();
        break;
      case SPAN.endTimeUnixNano:
        span.endTimeUnixNano = rd.fixed64();
        break;
      case SPAN.flags:
        span.flags = rd.fixed32();
        break;
      case SPAN.traceState:
        span.traceState = rd.string();
        break;
      case SPAN.status:
        span.status = readStatus(rd);
        break;
      case SPAN.events:
        span.events.push(readEvent(rd));
        break;
      case SPAN.links: {
        const link = readLink(rd);
        linkProblem ??= wireIdProblem('links.traceId', link.traceId, 16) ?? wireIdProblem('links.spanId', link.spanId, 8);
        span.links.push(link);
        break;
      }
      default:
        rd.skip(tag);
    }
  }
  rd.leave(outer);
  if (span.traceId === '' && span.spanId === '') state.idless++;
  const problem =
    wireIdProblem('traceId', span.traceId, 16) ??
    wireIdProblem('spanId', span.spanId, 8) ??
    wireIdProblem('parentSpanId', span.parentSpanId, 8, true) ??
    zeroIdProblem(span.traceId, span.spanId) ??
    timeProblem(span.startTimeUnixNano, span.endTimeUnixNano) ??
    linkProblem;
  if (problem !== null) {
    state.rejections.add(problem);
    return null;
  }
  span.parentSpanId = normaliseParentId(span.parentSpanId);
  return span;
}

function readStatus(rd: OtlpReader): OtlpSpan['status'] {
  const outer = rd.enter();
  let code = 0;
  let message = '';
  while (rd.more()) {
    const tag = rd.tag();
    if (tag === STATUS.code) code = rd.int32();
    else if (tag === STATUS.message) message = rd.string();
    else rd.skip(tag);
  }
  rd.leave(outer);
  return { code: statusCode(code), message };
}

function readEvent(rd: OtlpReader): OtlpEvent {
  const outer = rd.enter();
  const event: OtlpEvent = { timeUnixNano: 0n, name: '', attributes: {} };
  while (rd.more()) {
    const tag = rd.tag();
    if (tag === EVENT.attributes) readKeyValue(rd, event.attributes, 0);
    else if (tag === EVENT.timeUnixNano) event.timeUnixNano = rd.fixed64();
    else if (tag === EVENT.name) event.name = rd.string();
    else rd.skip(tag);
  }
  rd.leave(outer);
  return event;
}

function readLink(rd: OtlpReader): OtlpLink {
  const outer = rd.enter();
  const link: OtlpLink = { traceId: '', spanId: '', traceState: '', attributes: {}, flags: 0 };
  while (rd.more()) {
    const tag = rd.tag();
    if (tag === LINK.traceId) link.traceId = rd.hex();
    else if (tag === LINK.spanId) link.spanId = rd.hex();
    else if (tag === LINK.traceState) link.traceState = rd.string();
    else if (tag === LINK.attributes) readKeyValue(rd, link.attributes, 0);
    else if (tag === LINK.flags) link.flags = rd.fixed32();
    else rd.skip(tag);
  }
  rd.leave(outer);
  return link;
}
