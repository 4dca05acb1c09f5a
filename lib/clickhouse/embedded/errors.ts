/**
 * Errors of the embedded ClickHouse server, reported exactly as ClickHouse's HTTP interface does: a non-200 status,
 * an `X-ClickHouse-Exception-Code` header and a body `Code: N. DB::Exception: <message>. (NAME) (version …)`.
 * `@clickhouse/client` parses that body into a `ClickHouseError` with `code` and `type`; any other shape would
 * reach callers as a bare `Error` without the code they branch on.
 */

/** The ClickHouse error codes this server raises itself (numbers and names as the engine defines them). */
export const ErrorCodes = {
  BAD_ARGUMENTS: 36,
  NOT_IMPLEMENTED: 48,
  SYNTAX_ERROR: 62,
  UNKNOWN_FORMAT: 73,
  READONLY: 164,
  QUERY_IS_TOO_LARGE: 229,
  ABORTED: 236,
  CANNOT_DECOMPRESS: 271,
  ZLIB_INFLATE_FAILED: 354,
  QUERY_WAS_CANCELLED: 394,
  BAD_QUERY_PARAMETER: 457,
  STD_EXCEPTION: 1001,
} as const;

export type ErrorName = keyof typeof ErrorCodes;

/** A failure with a ClickHouse code; `status` overrides the status derived from the code. */
export class ClickHouseServerError extends Error {
  constructor(
    readonly code: number,
    readonly codeName: string,
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'ClickHouseServerError';
  }

  static of(name: ErrorName, message: string, status?: number): ClickHouseServerError {
    return new ClickHouseServerError(ErrorCodes[name], name, message, status);
  }

  /** The body line a real server sends: `Code: N. DB::Exception: message. (NAME) (version V)`. */
  body(version: string): string {
    const message = this.message.replace(/\.?\s*$/, '');
    return `Code: ${this.code}. DB::Exception: ${message}. (${this.codeName}) (version ${version})\n`;
  }

  /** The HTTP status ClickHouse uses for this code (its HTTPHandler's mapping, abridged). */
  httpStatus(): number {
    if (this.status !== undefined) return this.status;
    if (BAD_REQUEST_CODES.has(this.code)) return 400;
    if (NOT_FOUND_CODES.has(this.code)) return 404;
    if (this.code === ErrorCodes.NOT_IMPLEMENTED) return 501;
    if (this.code === 497) return 403; // ACCESS_DENIED
    return 500;
  }
}

// Parse and type errors (CANNOT_PARSE_*, SYNTAX_ERROR, TYPE_MISMATCH, INCORRECT_DATA, ...) are the caller's fault.
const BAD_REQUEST_CODES = new Set([
  6, 8, 15, 16, 26, 27, 32, 38, 41, 44, 53, 62, 69, 70, 72, 117, 164, 168, 169, 170, 179, 189, 271, 354, 456, 457,
]);
// UNKNOWN_TABLE, UNKNOWN_FUNCTION, UNKNOWN_IDENTIFIER, UNKNOWN_TYPE, UNKNOWN_STORAGE, UNKNOWN_DATABASE,
// UNKNOWN_SETTING, UNKNOWN_FORMAT, UNKNOWN_AGGREGATE_FUNCTION, UNKNOWN_DATABASE_ENGINE, UNKNOWN_TYPE_OF_QUERY.
const NOT_FOUND_CODES = new Set([46, 47, 50, 56, 60, 63, 73, 81, 115, 219, 336]);

// The engine's own messages already read `Code: N. DB::Exception: <text>. (NAME)`; keep the text as it is.
const ENGINE_MESSAGE = /^Code: (\d+)\. DB::Exception: ([\s\S]*?)\.? \(([A-Z0-9_]+)\)\s*$/;

/**
 * Turns anything thrown while serving a query into a ClickHouse error. chdb errors carry the engine's message
 * (and usually `clickhouseCode`); streamed-query errors only carry the message, so the code is parsed from it.
 */
export function toServerError(err: unknown): ClickHouseServerError {
  if (err instanceof ClickHouseServerError) return err;
  const message = err instanceof Error ? err.message : String(err);
  const match = ENGINE_MESSAGE.exec(message.trim());
  if (match) return new ClickHouseServerError(Number(match[1]), match[3] ?? 'UNKNOWN', match[2] ?? '');
  const code = (err as { clickhouseCode?: unknown } | null)?.clickhouseCode;
  if (typeof code === 'number') return new ClickHouseServerError(code, 'UNKNOWN_EXCEPTION', message);
  if (err instanceof Error && err.name === 'AbortError') return ClickHouseServerError.of('QUERY_WAS_CANCELLED', message);
  return ClickHouseServerError.of('STD_EXCEPTION', message);
}
