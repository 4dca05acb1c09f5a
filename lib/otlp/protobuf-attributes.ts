/**
 * KeyValue lists and AnyValues, read straight from the protobuf body into plain attributes. Nesting is bounded
 * by MAX_ANY_VALUE_DEPTH, the only recursion in the decoder that the body controls.
 */
import { DEPTH_MESSAGE, MAX_ANY_VALUE_DEPTH, setAttribute } from './attributes';
import { OtlpDecodeError } from './errors';
import { I64, LEN, VARINT, tagsOf, type OtlpReader } from './protobuf-reader';
import { AnyValue, ArrayValue, KeyValue, KeyValueList } from './schema';
import type { AttributeValue, Attributes } from './types';

const KV = tagsOf(KeyValue, { key: LEN, value: LEN });
const ANY = tagsOf(AnyValue, {
  stringValue: LEN,
  boolValue: VARINT,
  intValue: VARINT,
  doubleValue: I64,
  arrayValue: LEN,
  kvlistValue: LEN,
  bytesValue: LEN,
});
const ARRAY = tagsOf(ArrayValue, { values: LEN });
const KVLIST = tagsOf(KeyValueList, { values: LEN });

/** The last short string value read for each attribute key, so that a repeated value is not made again. */
const lastValues = new Map<string, string>();
const MAX_REMEMBERED_VALUE = 64;
const MAX_REMEMBERED_KEYS = 4096;

/** Reads one KeyValue (the reader is at its length prefix) into `target`. */
export function readKeyValue(rd: OtlpReader, target: Attributes, depth: number): void {
  const outer = rd.enter();
  let key = '';
  let value: AttributeValue = null;
  while (rd.more()) {
    const tag = rd.tag();
    if (tag === KV.key) key = rd.key();
    else if (tag === KV.value) value = readAnyValue(rd, depth, key);
    // Unknown fields, including the profiling-only key_strindex, are skipped.
    else rd.skip(tag);
  }
  rd.leave(outer);
  setAttribute(target, key, value);
}

/** A string value of `key` (when the key came first, as encoders write it): repeated short values are shared. */
function readStringValue(rd: OtlpReader, key: string): string {
  if (key === '') return rd.string();
  const previous = lastValues.get(key);
  const value = rd.stringLike(previous);
  if (value !== previous && value.length <= MAX_REMEMBERED_VALUE) {
    // Bounded: a body full of distinct keys starts the map over rather than growing it without limit.
    if (previous === undefined && lastValues.size >= MAX_REMEMBERED_KEYS) lastValues.clear();
    lastValues.set(key, value);
  }
  return value;
}

/** One AnyValue; when several members appear, the last one wins, as for any proto3 oneof. */
function readAnyValue(rd: OtlpReader, depth: number, key = ''): AttributeValue {
  const outer = rd.enter();
  let value: AttributeValue = null;
  while (rd.more()) {
    const tag = rd.tag();
    switch (tag) {
      case ANY.stringValue:
        value = readStringValue(rd, key);
        break;
      case ANY.intValue:
        value = rd.int64();
        break;
      case ANY.doubleValue:
        value = rd.double();
        break;
      case ANY.boolValue:
        value = rd.bool();
        break;
      case ANY.arrayValue:
        value = readArray(rd, depth + 1);
        break;
      case ANY.kvlistValue:
        value = readKvlist(rd, depth + 1);
        break;
      case ANY.bytesValue:
        value = rd.base64();
        break;
      default:
        // Includes string_value_strindex (profiling only): such a value reads as empty.
        rd.skip(tag);
    }
  }
  rd.leave(outer);
  return value;
}

function checkDepth(rd: OtlpReader, depth: number): void {
  if (depth > MAX_ANY_VALUE_DEPTH) throw new OtlpDecodeError(`${DEPTH_MESSAGE} (at byte ${rd.pos})`);
}

function readArray(rd: OtlpReader, depth: number): AttributeValue[] {
  checkDepth(rd, depth);
  const outer = rd.enter();
  const values: AttributeValue[] = [];
  while (rd.more()) {
    const tag = rd.tag();
    if (tag === ARRAY.values) values.push(readAnyValue(rd, depth));
    else rd.skip(tag);
  }
  rd.leave(outer);
  return values;
}

function readKvlist(rd: OtlpReader, depth: number): Attributes {
  checkDepth(rd, depth);
  const outer = rd.enter();
  const values: Attributes = {};
  while (rd.more()) {
    const tag = rd.tag();
    if (tag === KVLIST.values) readKeyValue(rd, values, depth);
    else rd.skip(tag);
  }
  rd.leave(outer);
  return values;
}
