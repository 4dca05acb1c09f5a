import { decodeJson } from './decode-json';
import { decodeProtobuf } from './decode-protobuf';
import type { OtlpFormat } from './response';
import type { DecodedExport } from './types';

/**
 * Decodes an OTLP/HTTP trace export body (after decompression). Throws OtlpDecodeError when the body as a whole
 * cannot be read (answer 400); individually invalid spans are left out and counted in rejectedSpanCount.
 */
export function decodeExportRequest(body: Uint8Array, contentType: OtlpFormat): DecodedExport {
  return contentType === 'protobuf' ? decodeProtobuf(body) : decodeJson(body);
}
