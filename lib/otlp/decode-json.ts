/**
 * OTLP/JSON trace export → DecodedExport, by hand: JSON.parse, then one walk that checks each field's type and
 * applies the OTLP deviations from proto3 JSON (hex ids, integer enums, int64 as strings or numbers, lowerCamelCase
 * keys). Linear in the body; error paths are built only when something is wrong.
 */
import { spanKind, statusCode } from './attributes';
import { OtlpDecodeError, jsonTypeOf } from './errors';
import { jsonId, normaliseParentId, zeroIdProblem } from './ids';
import { jsonAttributesField } from './json-attributes';
import {
  JsonPathError,
  arrayField,
  enumField,
  field,
  isObject,
  objectField,
  stringField,
  timeField,
  uint32Field,
  withPath,
  type JsonObject,
} from './json-fields';
import { locateJsonError } from './json-syntax';
import { Rejections, timeProblem } from './rejections';
import type { DecodedExport, OtlpEvent, OtlpLink, OtlpResourceSpans, OtlpScopeSpans, OtlpSpan } from './types';

const utf8 = new TextDecoder('utf-8', { fatal: true });

export function decodeJson(body: Uint8Array): DecodedExport {
  let text: string;
  try {
    text = utf8.decode(body);
  } catch (err) {
    throw new OtlpDecodeError('invalid JSON: the body is not valid UTF-8', { cause: err });
  }
  let root: unknown;
  try {
    root = JSON.parse(quoteLongTimes(text));
  } catch (err) {
    // V8's own message sometimes omits the position and quotes the body; describe it ourselves.
    const { position, problem } = locateJsonError(text);
    throw new OtlpDecodeError(`invalid JSON at position ${position}: ${problem}`, { cause: err });
  }
  try {
    return decodeRequest(root);
  } catch (err) {
    if (err instanceof JsonPathError) throw new OtlpDecodeError(err.message, { field: err.path, description: err.problem });
    throw err;
  }
}

/**
 * A time field written as a JSON number of 16 digits or more would lose its last digits in JSON.parse (beyond 2^53);
 * the OTLP spec sends uint64 as strings, but some senders write numbers. Such numbers are quoted first, so they are
 * read exactly. Only a key written with plain quotes matches: inside a JSON string, quotes are escaped (`\"`).
 */
const LONG_TIME_NUMBER = /("(?:startTimeUnixNano|endTimeUnixNano|timeUnixNano)"\s*:\s*)(\d{16,})(?![\d.eE])/g;

function quoteLongTimes(text: string): string {
  return text.replace(LONG_TIME_NUMBER, '$1"$2"');
}

const OTHER_SIGNALS: [key: string, signal: string][] = [
  ['resourceLogs', 'logs'],
  ['resourceMetrics', 'metrics'],
  ['resourceProfiles', 'profiles'],
];

function decodeRequest(root: unknown): DecodedExport {
  if (!isObject(root)) {
    throw new JsonPathError('', `the body must be a JSON object (ExportTraceServiceRequest), got ${jsonTypeOf(root)}`);
  }
  if (root.resourceSpans === undefined) {
    for (const [key, signal] of OTHER_SIGNALS) {
      if (root[key] !== undefined) {
        throw new JsonPathError('', `this is an OTLP ${signal} payload ("${key}"); /v1/traces accepts only traces ("resourceSpans")`);
      }
    }
  }
  const rejections = new Rejections();
  const resourceSpans: OtlpResourceSpans[] = [];
  let accepted = 0;
  const list = arrayField(root, 'resourceSpans');
  for (let i = 0; i < list.length; i++) {
    try {
      const rs = decodeResourceSpans(list[i], rejections);
      if (rs !== null) {
        resourceSpans.push(rs);
        for (const ss of rs.scopeSpans) accepted += ss.spans.length;
      }
    } catch (err) {
      throw withPath(err, `resourceSpans[${i}]`);
    }
  }
  return { resourceSpans, acceptedSpanCount: accepted, rejectedSpanCount: rejections.count, rejectionReasons: rejections.reasons() };
}

function decodeResourceSpans(rs: unknown, rejections: Rejections): OtlpResourceSpans | null {
  if (!isObject(rs)) throw new JsonPathError('', `expected a ResourceSpans object, got ${jsonTypeOf(rs)}`);
  const resourceObj = objectField(rs, 'resource');
  const resource = resourceObj === undefined ? {} : withPrefix('resource', () => jsonAttributesField(resourceObj, 'attributes'));
  const list = arrayField(rs, 'scopeSpans');
  const scopeSpans: OtlpScopeSpans[] = [];
  for (let i = 0; i < list.length; i++) {
    try {
      const ss = decodeScopeSpans(list[i], rejections);
      // Envelopes without (valid) spans are dropped: nothing downstream wants an empty scope.
      if (ss.spans.length > 0) scopeSpans.push(ss);
    } catch (err) {
      throw withPath(err, `scopeSpans[${i}]`);
    }
  }
  return scopeSpans.length === 0 ? null : { resource, scopeSpans };
}

function decodeScopeSpans(ss: unknown, rejections: Rejections): OtlpScopeSpans {
  if (!isObject(ss)) throw new JsonPathError('', `expected a ScopeSpans object, got ${jsonTypeOf(ss)}`);
  const scopeObj = objectField(ss, 'scope');
  const scope =
    scopeObj === undefined
      ? { name: '', version: '', attributes: {} }
      : withPrefix('scope', () => ({
          name: stringField(scopeObj, 'name'),
          version: stringField(scopeObj, 'version'),
          attributes: jsonAttributesField(scopeObj, 'attributes'),
        }));
  const list = arrayField(ss, 'spans');
  const spans: OtlpSpan[] = [];
  for (let i = 0; i < list.length; i++) {
    let span: OtlpSpan | string;
    try {
      span = decodeSpan(list[i]);
    } catch (err) {
      throw withPath(err, `spans[${i}]`);
    }
    if (typeof span === 'string') rejections.add(span);
    else spans.push(span);
  }
  return { scope, spans };
}

function withPrefix<T>(segment: string, read: () => T): T {
  try {
    return read();
  } catch (err) {
    throw withPath(err, segment);
  }
}

/** The decoded span, or the reason it is rejected on its own. Malformed structure throws for the whole request. */
function decodeSpan(s: unknown): OtlpSpan | string {
  if (!isObject(s)) throw new JsonPathError('', `expected a Span object, got ${jsonTypeOf(s)}`);
  const traceId = jsonId('traceId', field(s, 'traceId'), 16);
  const spanId = jsonId('spanId', field(s, 'spanId'), 8);
  const parentSpanId = jsonId('parentSpanId', field(s, 'parentSpanId'), 8, true);
  const startTimeUnixNano = timeField(s, 'startTimeUnixNano');
  const endTimeUnixNano = timeField(s, 'endTimeUnixNano');
  const statusObj = objectField(s, 'status');
  const span: OtlpSpan = {
    traceId: '',
    spanId: '',
    parentSpanId: '',
    traceState: stringField(s, 'traceState'),
    flags: uint32Field(s, 'flags'),
    name: stringField(s, 'name'),
    kind: spanKind(enumField(s, 'kind')),
    startTimeUnixNano,
    endTimeUnixNano,
    attributes: jsonAttributesField(s, 'attributes'),
    events: decodeEvents(s),
    links: [],
    status:
      statusObj === undefined
        ? { code: 0, message: '' }
        : withPrefix('status', () => ({ code: statusCode(enumField(statusObj, 'code')), message: stringField(statusObj, 'message') })),
  };
  const links = decodeLinks(s);
  if ('problem' in traceId) return traceId.problem;
  if ('problem' in spanId) return spanId.problem;
  if ('problem' in parentSpanId) return parentSpanId.problem;
  const problem = zeroIdProblem(traceId.hex, spanId.hex) ?? timeProblem(startTimeUnixNano, endTimeUnixNano);
  if (problem !== null) return problem;
  if (typeof links === 'string') return links;
  span.traceId = traceId.hex;
  span.spanId = spanId.hex;
  span.parentSpanId = normaliseParentId(parentSpanId.hex);
  span.links = links;
  return span;
}

function decodeEvents(s: JsonObject): OtlpEvent[] {
  const list = arrayField(s, 'events');
  const events = new Array<OtlpEvent>(list.length);
  for (let i = 0; i < list.length; i++) {
    const e = list[i];
    events[i] = withPrefix(`events[${i}]`, () => {
      if (!isObject(e)) throw new JsonPathError('', `expected an Event object, got ${jsonTypeOf(e)}`);
      return { timeUnixNano: timeField(e, 'timeUnixNano'), name: stringField(e, 'name'), attributes: jsonAttributesField(e, 'attributes') };
    });
  }
  return events;
}

/** The span's links, or the problem that rejects the span (a hand-off to a malformed id would mislead). */
function decodeLinks(s: JsonObject): OtlpLink[] | string {
  const list = arrayField(s, 'links');
  const links = new Array<OtlpLink>(list.length);
  let problem: string | null = null;
  for (let i = 0; i < list.length; i++) {
    const l = list[i];
    links[i] = withPrefix(`links[${i}]`, () => {
      if (!isObject(l)) throw new JsonPathError('', `expected a Link object, got ${jsonTypeOf(l)}`);
      const traceId = jsonId('links.traceId', field(l, 'traceId'), 16);
      const spanId = jsonId('links.spanId', field(l, 'spanId'), 8);
      if ('problem' in traceId) problem ??= traceId.problem;
      if ('problem' in spanId) problem ??= spanId.problem;
      return {
        traceId: 'hex' in traceId ? traceId.hex : '',
        spanId: 'hex' in spanId ? spanId.hex : '',
        traceState: stringField(l, 'traceState'),
        attributes: jsonAttributesField(l, 'attributes'),
        flags: uint32Field(l, 'flags'),
      };
    });
  }
  return problem ?? links;
}
