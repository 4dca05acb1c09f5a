import { JsonTraceSerializer, ProtobufTraceSerializer } from '@opentelemetry/otlp-transformer';
import { describe, expect, it } from 'vitest';
import { RpcCode, contentTypeOf, encodeErrorStatus, encodeExportResponse } from './response';
import { ExportTraceServiceResponse, RpcBadRequest, RpcStatus } from './schema';

const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
const decodeResponse = (bytes: Uint8Array) => ExportTraceServiceResponse.toObject(ExportTraceServiceResponse.decode(bytes), { longs: String });

describe('encodeExportResponse', () => {
  it('leaves partial_success unset on full success', () => {
    const protobufBody = encodeExportResponse('protobuf', { rejectedSpans: 0, errorMessage: '' });
    expect(decodeResponse(protobufBody)).toEqual({});
    expect(ProtobufTraceSerializer.deserializeResponse(protobufBody).partialSuccess).toBeUndefined();
    expect(text(encodeExportResponse('json', { rejectedSpans: 0, errorMessage: '' }))).toBe('{}');
  });

  it('reports rejected spans with a message', () => {
    const outcome = { rejectedSpans: 3, errorMessage: 'traceId is all zeros (3 spans)' };
    const protobufBody = encodeExportResponse('protobuf', outcome);
    expect(decodeResponse(protobufBody)).toEqual({
      partialSuccess: { rejectedSpans: '3', errorMessage: 'traceId is all zeros (3 spans)' },
    });
    const jsonBody = encodeExportResponse('json', outcome);
    expect(text(jsonBody)).toBe('{"partialSuccess":{"rejectedSpans":"3","errorMessage":"traceId is all zeros (3 spans)"}}');
    // What an exporter built on the official SDK reads back.
    expect(JsonTraceSerializer.deserializeResponse(jsonBody)).toEqual({
      partialSuccess: { rejectedSpans: '3', errorMessage: 'traceId is all zeros (3 spans)' },
    });
    const sdkView = ProtobufTraceSerializer.deserializeResponse(protobufBody);
    expect(sdkView.partialSuccess?.errorMessage).toBe('traceId is all zeros (3 spans)');
    expect(Number(sdkView.partialSuccess?.rejectedSpans)).toBe(3);
  });

  it('sends a warning with zero rejected spans', () => {
    const outcome = { rejectedSpans: 0, errorMessage: 'content capture is off for this project' };
    // proto3 leaves the zero count off the wire; the message being set is what marks the warning.
    expect(decodeResponse(encodeExportResponse('protobuf', outcome))).toEqual({
      partialSuccess: { errorMessage: 'content capture is off for this project' },
    });
    expect(JSON.parse(text(encodeExportResponse('json', outcome)))).toEqual({
      partialSuccess: { rejectedSpans: '0', errorMessage: 'content capture is off for this project' },
    });
  });
});

describe('encodeErrorStatus', () => {
  it('encodes google.rpc.Status with a code', () => {
    const status = { code: RpcCode.INVALID_ARGUMENT, message: 'invalid JSON at position 19: expected a value, found "}"' };
    expect(RpcStatus.toObject(RpcStatus.decode(encodeErrorStatus('protobuf', status)))).toEqual(status);
    expect(JSON.parse(text(encodeErrorStatus('json', status)))).toEqual(status);
  });

  it('carries what was wrong where as a google.rpc.BadRequest detail, in both encodings', () => {
    const violation = { field: 'resourceSpans[0].scopeSpans[0].spans[2].kind', description: 'expected an integer, got string "x"' };
    const status = { code: RpcCode.INVALID_ARGUMENT, message: `${violation.field}: ${violation.description}`, badRequest: [violation] };
    const decoded = RpcStatus.toObject(RpcStatus.decode(encodeErrorStatus('protobuf', status)), { bytes: Array });
    expect(decoded.details).toHaveLength(1);
    expect(decoded.details[0].typeUrl).toBe('type.googleapis.com/google.rpc.BadRequest');
    expect(RpcBadRequest.toObject(RpcBadRequest.decode(Uint8Array.from(decoded.details[0].value as number[])))).toEqual({ fieldViolations: [violation] });
    expect(JSON.parse(text(encodeErrorStatus('json', status)))).toEqual({
      code: 3,
      message: status.message,
      details: [{ '@type': 'type.googleapis.com/google.rpc.BadRequest', fieldViolations: [violation] }],
    });
  });

  it('omits the code when none is given', () => {
    const status = { message: 'collector is shutting down' };
    expect(RpcStatus.toObject(RpcStatus.decode(encodeErrorStatus('protobuf', status)))).toEqual(status);
    expect(text(encodeErrorStatus('json', status))).toBe('{"message":"collector is shutting down"}');
  });
});

describe('contentTypeOf', () => {
  it.each([
    ['application/x-protobuf', 'protobuf'],
    ['application/protobuf', 'protobuf'],
    ['Application/X-Protobuf', 'protobuf'],
    ['application/json', 'json'],
    ['application/json; charset=utf-8', 'json'],
    [' APPLICATION/JSON ;charset=UTF-8', 'json'],
    ['text/plain', null],
    ['application/jsonl', null],
    ['application/grpc', null],
    ['', null],
    [undefined, null],
  ] as const)('%j → %s', (header, expected) => {
    expect(contentTypeOf(header)).toBe(expected);
  });
});
