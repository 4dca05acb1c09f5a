export { decodeExportRequest } from './decode';
export { OtlpDecodeError } from './errors';
export { MAX_ANY_VALUE_DEPTH } from './attributes';
export { MAX_REJECTION_REASONS } from './rejections';
export {
  RpcCode,
  contentTypeOf,
  encodeErrorStatus,
  encodeExportResponse,
  type ErrorStatus,
  type ExportOutcome,
  type OtlpFormat,
} from './response';
export type * from './types';
