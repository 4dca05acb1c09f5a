/**
 * Typed field readers for an OTLP/JSON body after JSON.parse. Each throws JsonPathError naming the field; the
 * callers prefix the path of the enclosing element on the way out, so the final message reads
 * "resourceSpans[0].scopeSpans[0].spans[2].kind: …" while the happy path never builds a path string.
 */
import { jsonTypeOf, quote } from './errors';
import { jsonUint64 } from './int64';

export type JsonObject = Record<string, unknown>;

export class JsonPathError extends Error {
  constructor(
    readonly path: string,
    readonly problem: string,
  ) {
    super(path === '' ? problem : `${path}: ${problem}`);
  }
}

/** Re-throws `err` with `segment` in front of its path ("spans[2]" + "kind" → "spans[2].kind"). */
export function withPath(err: unknown, segment: string): unknown {
  if (!(err instanceof JsonPathError)) return err;
  const sep = err.path === '' || err.path.startsWith('[') ? '' : '.';
  return new JsonPathError(segment + sep + err.path, err.problem);
}

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const snakeCache = new Map<string, string>();

function snakeOf(key: string): string {
  let snake = snakeCache.get(key);
  if (snake === undefined) {
    snake = key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
    snakeCache.set(key, snake);
  }
  return snake;
}

/**
 * Reads a field; null means "default" as in proto3 JSON. When the camelCase key is absent but its snake_case
 * spelling is present the body was written with proto field names, which OTLP/JSON forbids: reading on would
 * treat every field as unknown and accept an empty export, so it is refused instead.
 */
export function field(obj: JsonObject, key: string): unknown {
  const value = obj[key];
  if (value !== undefined && value !== null) return value;
  if (value === undefined) {
    const snake = snakeOf(key);
    if (snake !== key && obj[snake] !== undefined) {
      throw new JsonPathError(snake, `OTLP/JSON keys are lowerCamelCase: use "${key}", not "${snake}"`);
    }
  }
  return undefined;
}

const EMPTY: readonly unknown[] = Object.freeze([]);

export function arrayField(obj: JsonObject, key: string): readonly unknown[] {
  const value = field(obj, key);
  if (value === undefined) return EMPTY;
  if (!Array.isArray(value)) throw new JsonPathError(key, `expected an array, got ${jsonTypeOf(value)}`);
  return value;
}

export function objectField(obj: JsonObject, key: string): JsonObject | undefined {
  const value = field(obj, key);
  if (value === undefined) return undefined;
  if (!isObject(value)) throw new JsonPathError(key, `expected an object, got ${jsonTypeOf(value)}`);
  return value;
}

export function stringField(obj: JsonObject, key: string): string {
  const value = field(obj, key);
  if (value === undefined) return '';
  if (typeof value !== 'string') throw new JsonPathError(key, `expected a string, got ${jsonTypeOf(value)}`);
  return value;
}

/** fixed32/uint32 (flags): a number, or a decimal string as proto3 JSON also allows. */
export function uint32Field(obj: JsonObject, key: string): number {
  const value = field(obj, key);
  if (value === undefined) return 0;
  const n = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 0 || n > 0xffffffff) {
    throw new JsonPathError(key, `expected an unsigned 32-bit integer, got ${jsonTypeOf(value)}`);
  }
  return n;
}

/** OTLP/JSON deviates from proto3 JSON here: enum names are not allowed, only their integer values. */
export function enumField(obj: JsonObject, key: string): number {
  const value = field(obj, key);
  if (value === undefined) return 0;
  if (typeof value === 'string') {
    throw new JsonPathError(key, `enums must be integers in OTLP/JSON, got ${quote(value)}`);
  }
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    throw new JsonPathError(key, `expected an integer enum value, got ${jsonTypeOf(value)}`);
  }
  return value;
}

/** Nanosecond timestamps: decimal strings (as OTLP/JSON writes them) or integer numbers. */
export function timeField(obj: JsonObject, key: string): bigint {
  const value = field(obj, key);
  if (value === undefined) return 0n;
  const ns = jsonUint64(value);
  if (ns === undefined) {
    throw new JsonPathError(key, `expected a non-negative integer of nanoseconds (string or number), got ${jsonTypeOf(value)}`);
  }
  return ns;
}
