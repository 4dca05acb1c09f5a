/**
 * 64-bit integers in OTLP/JSON, where they arrive as decimal strings or numbers (the protobuf reader has its own,
 * see ./protobuf-reader). Attribute values become numbers while exact (±2^53), else decimal strings, so that no
 * token count or id silently loses digits; timestamps become bigint nanoseconds.
 */

const INT64_MIN = -(1n << 63n);
const INT64_MAX = (1n << 63n) - 1n;
const UINT64_MAX = (1n << 64n) - 1n;

const DIGITS = /^-?\d+$/;

/**
 * An OTLP/JSON int64 (decimal string or integer number) as a number while exact, else a decimal string.
 * Returns undefined when the value is not an integer in the int64 range.
 */
export function jsonInt64Value(value: unknown): number | string | undefined {
  if (typeof value === 'number') {
    if (!Number.isInteger(value)) return undefined;
    if (Number.isSafeInteger(value)) return value;
    const big = BigInt(value);
    return big < INT64_MIN || big > INT64_MAX ? undefined : big.toString();
  }
  if (typeof value !== 'string' || !DIGITS.test(value)) return undefined;
  const n = Number(value);
  if (Number.isSafeInteger(n)) return n;
  const big = BigInt(value);
  return big < INT64_MIN || big > INT64_MAX ? undefined : big.toString();
}

const UNSIGNED_DIGITS = /^\d+$/;

/** An OTLP/JSON uint64 (timestamps) as bigint; undefined when not a non-negative integer below 2^64. */
export function jsonUint64(value: unknown): bigint | undefined {
  let big: bigint;
  if (typeof value === 'number') {
    if (!Number.isInteger(value) || value < 0) return undefined;
    big = BigInt(value);
  } else if (typeof value === 'string' && UNSIGNED_DIGITS.test(value) && value.length <= 20) {
    big = BigInt(value);
  } else {
    return undefined;
  }
  return big > UINT64_MAX ? undefined : big;
}
