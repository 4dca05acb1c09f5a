/**
 * The request body cannot be decoded as an OTLP trace export. The collector answers 400 (not retryable) with this
 * message, so it names the field or byte that was wrong.
 */
export class OtlpDecodeError extends Error {
  override readonly name = 'OtlpDecodeError';

  constructor(
    message: string,
    options: ErrorOptions & {
      /** Where in the request the problem is, as a path ("resourceSpans[0].scopeSpans[0].spans[2].kind"); '' for the whole body. */
      field?: string;
      /** The problem at that field, without the path. */
      description?: string;
    } = {},
  ) {
    super(message, options);
    this.field = options.field ?? '';
    this.description = options.description ?? message;
  }

  readonly field: string;
  readonly description: string;
}

const MAX_QUOTED = 64;

/** Quotes a value from the request for an error message, cut short so a hostile body cannot bloat the answer. */
export function quote(value: unknown): string {
  let text: string;
  if (typeof value === 'string') text = JSON.stringify(value.length > MAX_QUOTED ? `${value.slice(0, MAX_QUOTED)}…` : value);
  else if (value === null || typeof value !== 'object') text = String(value);
  else text = Array.isArray(value) ? 'an array' : 'an object';
  return text;
}

/** Describes the JSON type of a value for "expected X, got Y" messages. */
export function jsonTypeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${quote(value)}`;
}
