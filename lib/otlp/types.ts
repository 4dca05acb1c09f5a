/**
 * OTLP trace data after decoding, independent of the wire encoding (protobuf or JSON).
 * Ids are lower-case hex; times are nanoseconds as bigint (they exceed 2^53); enums are integers as on the wire.
 */

/** An attribute value. int64 values within ±2^53 become numbers, larger ones decimal strings; bytes become base64. */
export type AttributeValue = string | number | boolean | null | AttributeValue[] | { [key: string]: AttributeValue };
export type Attributes = Record<string, AttributeValue>;

/** SpanKind as on the wire: 0 unspecified, 1 internal, 2 server, 3 client, 4 producer, 5 consumer. */
export type OtlpSpanKind = 0 | 1 | 2 | 3 | 4 | 5;
/** StatusCode as on the wire: 0 unset, 1 ok, 2 error. */
export type OtlpStatusCode = 0 | 1 | 2;

export interface OtlpEvent {
  timeUnixNano: bigint;
  name: string;
  attributes: Attributes;
}

export interface OtlpLink {
  traceId: string;
  spanId: string;
  traceState: string;
  attributes: Attributes;
  flags: number;
}

export interface OtlpSpan {
  traceId: string; // 32 hex chars, never all zero
  spanId: string; // 16 hex chars, never all zero
  parentSpanId: string; // '' for a root span
  traceState: string;
  flags: number; // bits 0-7 W3C flags; 0x100 HAS_IS_REMOTE; 0x200 IS_REMOTE
  name: string;
  kind: OtlpSpanKind;
  startTimeUnixNano: bigint;
  endTimeUnixNano: bigint;
  attributes: Attributes;
  events: OtlpEvent[];
  links: OtlpLink[];
  status: { code: OtlpStatusCode; message: string };
}

export interface OtlpScope {
  name: string;
  version: string;
  attributes: Attributes;
}

export interface OtlpScopeSpans {
  scope: OtlpScope;
  spans: OtlpSpan[];
}

export interface OtlpResourceSpans {
  resource: Attributes;
  scopeSpans: OtlpScopeSpans[];
}

/** A decoded export request: the valid spans, and what was rejected individually (answered as partial_success). */
export interface DecodedExport {
  resourceSpans: OtlpResourceSpans[];
  acceptedSpanCount: number;
  rejectedSpanCount: number;
  /** Human-readable reasons for rejected spans, at most a handful, for partial_success.error_message. */
  rejectionReasons: string[];
}
