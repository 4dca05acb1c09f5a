import { DEPTH_MESSAGE, MAX_ANY_VALUE_DEPTH, setAttribute } from './attributes';
import { jsonTypeOf } from './errors';
import { jsonInt64Value } from './int64';
import { JsonPathError, arrayField, field, isObject, withPath, type JsonObject } from './json-fields';
import type { AttributeValue, Attributes } from './types';

/**
 * OTLP/JSON KeyValue lists to plain attributes. Errors name the top-level attribute ("attributes[4]") and the
 * offending AnyValue field; the path inside nested values is not tracked, which keeps deep values cheap.
 * Recursion is bounded by MAX_ANY_VALUE_DEPTH.
 */
export function jsonAttributesField(obj: JsonObject, key: string): Attributes {
  const list = arrayField(obj, key);
  try {
    return jsonAttributes(list, 0);
  } catch (err) {
    throw withPath(err, key);
  }
}

function jsonAttributes(list: readonly unknown[], depth: number): Attributes {
  const out: Attributes = {};
  for (let i = 0; i < list.length; i++) {
    const kv = list[i];
    try {
      if (!isObject(kv)) throw new JsonPathError('', `expected a KeyValue object, got ${jsonTypeOf(kv)}`);
      const key = field(kv, 'key') ?? '';
      if (typeof key !== 'string') throw new JsonPathError('key', `expected a string, got ${jsonTypeOf(key)}`);
      const value = field(kv, 'value');
      setAttribute(out, key, value === undefined ? null : jsonAnyValue(value, depth));
    } catch (err) {
      // Only the outermost list adds its index; nested lists would make the message grow with the depth.
      throw depth === 0 ? withPath(err, `[${i}]`) : err;
    }
  }
  return out;
}

// A Map, not an object literal: "constructor" must not find Object.prototype's.
const SPECIAL_DOUBLES = new Map([['NaN', NaN], ['Infinity', Infinity], ['-Infinity', -Infinity]]);

function jsonAnyValue(value: unknown, depth: number): AttributeValue {
  if (!isObject(value)) throw new JsonPathError('value', `expected an AnyValue object, got ${jsonTypeOf(value)}`);
  let v = value.stringValue;
  if (v !== undefined && v !== null) {
    if (typeof v !== 'string') throw new JsonPathError('stringValue', `expected a string, got ${jsonTypeOf(v)}`);
    return v;
  }
  if ((v = value.intValue) !== undefined && v !== null) {
    const n = jsonInt64Value(v);
    if (n === undefined) throw new JsonPathError('intValue', `expected a 64-bit integer, got ${jsonTypeOf(v)}`);
    return n;
  }
  if ((v = value.doubleValue) !== undefined && v !== null) return jsonDouble(v);
  if ((v = value.boolValue) !== undefined && v !== null) {
    if (typeof v !== 'boolean') throw new JsonPathError('boolValue', `expected a boolean, got ${jsonTypeOf(v)}`);
    return v;
  }
  if ((v = value.arrayValue) !== undefined && v !== null) {
    if (depth >= MAX_ANY_VALUE_DEPTH) throw new JsonPathError('', DEPTH_MESSAGE);
    if (!isObject(v)) throw new JsonPathError('arrayValue', `expected an object, got ${jsonTypeOf(v)}`);
    const values = arrayField(v, 'values');
    const out: AttributeValue[] = new Array(values.length);
    for (let i = 0; i < values.length; i++) out[i] = jsonAnyValue(values[i], depth + 1);
    return out;
  }
  if ((v = value.kvlistValue) !== undefined && v !== null) {
    if (depth >= MAX_ANY_VALUE_DEPTH) throw new JsonPathError('', DEPTH_MESSAGE);
    if (!isObject(v)) throw new JsonPathError('kvlistValue', `expected an object, got ${jsonTypeOf(v)}`);
    return jsonAttributes(arrayField(v, 'values'), depth + 1);
  }
  if ((v = value.bytesValue) !== undefined && v !== null) {
    // Already base64 on the wire, which is also how decoded bytes are represented.
    if (typeof v !== 'string') throw new JsonPathError('bytesValue', `expected a base64 string, got ${jsonTypeOf(v)}`);
    return v;
  }
  // Nothing recognised: an empty AnyValue, unless the keys are snake_case ("string_value"), which is an error.
  for (const key of ['stringValue', 'intValue', 'doubleValue', 'boolValue', 'arrayValue', 'kvlistValue', 'bytesValue']) {
    field(value, key);
  }
  return null;
}

/** proto3 JSON allows doubles as numbers, numeric strings, or the names of the special values. */
function jsonDouble(v: unknown): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'string') {
    const special = SPECIAL_DOUBLES.get(v);
    if (special !== undefined) return special;
    const n = Number(v);
    if (v.trim() !== '' && Number.isFinite(n)) return n;
  }
  throw new JsonPathError('doubleValue', `expected a number, got ${jsonTypeOf(v)}`);
}
