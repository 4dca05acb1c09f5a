/**
 * The OTLP trace messages as protobufjs reflection types, written from the field numbers of opentelemetry-proto
 * v1.11.0 (see the project's GenAI reference, §4.1) plus `google.rpc.Status` for error bodies.
 *
 * The decoder (./decode-protobuf) takes its field numbers from these types; the response encoders and the tests
 * use them whole.
 *
 * Deliberately absent, so that the reader skips them as unknown fields:
 * - `KeyValue.key_strindex` (3) and `AnyValue.string_value_strindex` (8): profiling-only dictionary indexes that mean
 *   nothing in a trace export; a value carried only that way reads as absent.
 * - `Resource.entity_refs` (3) and the `dropped_*_count` fields: nothing downstream uses them.
 */
import protobuf from 'protobufjs';

const PKG_COMMON = 'opentelemetry.proto.common.v1';
const PKG_RESOURCE = 'opentelemetry.proto.resource.v1';
const PKG_TRACE = 'opentelemetry.proto.trace.v1';

type FieldSpec = [type: string, id: number, repeated?: 'repeated'];
type FieldJson = { type: string; id: number; rule?: string };

function message(spec: Record<string, FieldSpec>): { fields: Record<string, FieldJson> } {
  return { fields: fields(spec) };
}

function fields(spec: Record<string, FieldSpec>): Record<string, FieldJson> {
  const out: Record<string, FieldJson> = {};
  for (const [name, [type, id, repeated]] of Object.entries(spec)) {
    out[name] = repeated ? { type, id, rule: 'repeated' } : { type, id };
  }
  return out;
}

const root = protobuf.Root.fromJSON({
  nested: {
    opentelemetry: { nested: { proto: { nested: {
      common: { nested: { v1: { nested: {
        // oneof value { … }: the decoder keeps the last member on the wire, as proto3 does.
        AnyValue: message({
          stringValue: ['string', 1],
          boolValue: ['bool', 2],
          intValue: ['int64', 3],
          doubleValue: ['double', 4],
          arrayValue: ['ArrayValue', 5],
          kvlistValue: ['KeyValueList', 6],
          bytesValue: ['bytes', 7],
        }),
        ArrayValue: message({ values: ['AnyValue', 1, 'repeated'] }),
        KeyValueList: message({ values: ['KeyValue', 1, 'repeated'] }),
        KeyValue: message({ key: ['string', 1], value: ['AnyValue', 2] }),
        InstrumentationScope: message({ name: ['string', 1], version: ['string', 2], attributes: ['KeyValue', 3, 'repeated'] }),
      } } } },
      resource: { nested: { v1: { nested: {
        Resource: message({ attributes: [`${PKG_COMMON}.KeyValue`, 1, 'repeated'] }),
      } } } },
      trace: { nested: { v1: { nested: {
        ResourceSpans: message({
          resource: [`${PKG_RESOURCE}.Resource`, 1],
          scopeSpans: ['ScopeSpans', 2, 'repeated'],
          schemaUrl: ['string', 3],
        }),
        ScopeSpans: message({
          scope: [`${PKG_COMMON}.InstrumentationScope`, 1],
          spans: ['Span', 2, 'repeated'],
          schemaUrl: ['string', 3],
        }),
        Span: message({
          traceId: ['bytes', 1],
          spanId: ['bytes', 2],
          traceState: ['string', 3],
          parentSpanId: ['bytes', 4],
          name: ['string', 5],
          // SpanKind and StatusCode are read as their int32 wire value, which is what the decoded span keeps.
          kind: ['int32', 6],
          startTimeUnixNano: ['fixed64', 7],
          endTimeUnixNano: ['fixed64', 8],
          attributes: [`${PKG_COMMON}.KeyValue`, 9, 'repeated'],
          events: ['Event', 11, 'repeated'],
          links: ['Link', 13, 'repeated'],
          status: ['Status', 15],
          flags: ['fixed32', 16],
        }),
        Event: message({
          timeUnixNano: ['fixed64', 1],
          name: ['string', 2],
          attributes: [`${PKG_COMMON}.KeyValue`, 3, 'repeated'],
        }),
        Link: message({
          traceId: ['bytes', 1],
          spanId: ['bytes', 2],
          traceState: ['string', 3],
          attributes: [`${PKG_COMMON}.KeyValue`, 4, 'repeated'],
          flags: ['fixed32', 6],
        }),
        // Field 1 is reserved on the wire; code moved to 3 in 2020.
        Status: message({ message: ['string', 2], code: ['int32', 3] }),
      } } } },
      collector: { nested: { trace: { nested: { v1: { nested: {
        ExportTraceServiceRequest: message({ resourceSpans: [`${PKG_TRACE}.ResourceSpans`, 1, 'repeated'] }),
        ExportTraceServiceResponse: message({ partialSuccess: ['ExportTracePartialSuccess', 1] }),
        ExportTracePartialSuccess: message({ rejectedSpans: ['int64', 1], errorMessage: ['string', 2] }),
      } } } } } },
    } } } },
    google: { nested: {
      protobuf: { nested: { Any: message({ typeUrl: ['string', 1], value: ['bytes', 2] }) } },
      rpc: { nested: {
        Status: message({ code: ['int32', 1], message: ['string', 2], details: ['google.protobuf.Any', 3, 'repeated'] }),
        BadRequest: message({ fieldViolations: ['FieldViolation', 1, 'repeated'] }),
        FieldViolation: message({ field: ['string', 1], description: ['string', 2] }),
      } },
    } },
  },
});

const COLLECTOR = 'opentelemetry.proto.collector.trace.v1';

export const ExportTraceServiceRequest = root.lookupType(`${COLLECTOR}.ExportTraceServiceRequest`);
export const ExportTraceServiceResponse = root.lookupType(`${COLLECTOR}.ExportTraceServiceResponse`);
export const RpcStatus = root.lookupType('google.rpc.Status');
export const RpcBadRequest = root.lookupType('google.rpc.BadRequest');

export const ResourceSpans = root.lookupType(`${PKG_TRACE}.ResourceSpans`);
export const ScopeSpans = root.lookupType(`${PKG_TRACE}.ScopeSpans`);
export const Span = root.lookupType(`${PKG_TRACE}.Span`);
export const SpanEvent = root.lookupType(`${PKG_TRACE}.Event`);
export const SpanLink = root.lookupType(`${PKG_TRACE}.Link`);
export const SpanStatus = root.lookupType(`${PKG_TRACE}.Status`);
export const Resource = root.lookupType(`${PKG_RESOURCE}.Resource`);
export const InstrumentationScope = root.lookupType(`${PKG_COMMON}.InstrumentationScope`);
export const KeyValue = root.lookupType(`${PKG_COMMON}.KeyValue`);
export const AnyValue = root.lookupType(`${PKG_COMMON}.AnyValue`);
export const ArrayValue = root.lookupType(`${PKG_COMMON}.ArrayValue`);
export const KeyValueList = root.lookupType(`${PKG_COMMON}.KeyValueList`);
