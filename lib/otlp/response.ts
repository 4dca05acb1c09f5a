/**
 * OTLP/HTTP response bodies, encoded like the request: ExportTraceServiceResponse for 200s (partial_success only
 * when something was rejected or there is a warning) and google.rpc.Status for 4xx/5xx.
 */
import { ExportTraceServiceResponse, RpcBadRequest, RpcStatus } from './schema';

export type OtlpFormat = 'protobuf' | 'json';

const utf8 = new TextEncoder();

export interface ExportOutcome {
  rejectedSpans: number;
  /** English, human-readable; '' when there is nothing to report. */
  errorMessage: string;
}

export function encodeExportResponse(format: OtlpFormat, { rejectedSpans, errorMessage }: ExportOutcome): Uint8Array {
  const partial = rejectedSpans > 0 || errorMessage !== '';
  if (format === 'json') {
    // int64 is a decimal string in OTLP/JSON.
    const body = partial ? { partialSuccess: { rejectedSpans: String(rejectedSpans), errorMessage } } : {};
    return utf8.encode(JSON.stringify(body));
  }
  const message = ExportTraceServiceResponse.fromObject(partial ? { partialSuccess: { rejectedSpans, errorMessage } } : {});
  return ExportTraceServiceResponse.encode(message).finish();
}

/** google.rpc.Code values used for the OTLP/HTTP statuses the collector answers with. */
export const RpcCode = {
  INVALID_ARGUMENT: 3,
  RESOURCE_EXHAUSTED: 8,
  INTERNAL: 13,
  UNAVAILABLE: 14,
} as const;

export interface FieldViolation {
  /** A path into the request ("resourceSpans[0].scopeSpans[0].spans[2].kind"); '' for the request as a whole. */
  field: string;
  description: string;
}

export interface ErrorStatus {
  /** google.rpc.Code; omitted from the body when absent, which OTLP allows. */
  code?: number;
  message: string;
  /** For a 400: what was wrong where, sent as a `google.rpc.BadRequest` detail, as OTLP/HTTP recommends. */
  badRequest?: FieldViolation[];
}

const BAD_REQUEST_TYPE = 'type.googleapis.com/google.rpc.BadRequest';

export function encodeErrorStatus(format: OtlpFormat, { code, message, badRequest }: ErrorStatus): Uint8Array {
  const head = code === undefined ? { message } : { code, message };
  if (format === 'json') {
    // proto3 JSON writes an Any as its type URL beside the message's own fields.
    const details = badRequest ? [{ '@type': BAD_REQUEST_TYPE, fieldViolations: badRequest }] : undefined;
    return utf8.encode(JSON.stringify(details ? { ...head, details } : head));
  }
  const details = badRequest
    ? [{ typeUrl: BAD_REQUEST_TYPE, value: RpcBadRequest.encode(RpcBadRequest.fromObject({ fieldViolations: badRequest })).finish() }]
    : undefined;
  const status = RpcStatus.fromObject(details ? { ...head, details } : head);
  return RpcStatus.encode(status).finish();
}

/**
 * The OTLP encoding named by a Content-Type header, or null for anything else (answered 415). Matched loosely:
 * parameters such as "; charset=utf-8" and letter case do not matter.
 */
export function contentTypeOf(header: string | undefined): OtlpFormat | null {
  if (header === undefined) return null;
  const semi = header.indexOf(';');
  const mime = (semi === -1 ? header : header.slice(0, semi)).trim().toLowerCase();
  if (mime === 'application/x-protobuf' || mime === 'application/protobuf') return 'protobuf';
  if (mime === 'application/json') return 'json';
  return null;
}
