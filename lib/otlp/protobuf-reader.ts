/**
 * The reading layer of the protobuf decoder, on top of protobufjs' Reader (varints, strings, bounds checks,
 * skipping unknown fields and groups with its recursion limit). It adds what the Reader would allocate objects
 * for on every value: ids as hex straight from the body, fixed64 as bigint and int64 as number/string without
 * Long objects, bytes as base64 without a copy. Every read is O(its size); nothing is read twice.
 */
import protobuf from 'protobufjs';

export const VARINT = 0;
export const I64 = 1;
export const LEN = 2;
export const I32 = 5;

/**
 * Wire tags (field number << 3 | wire type) of the named fields, from the schema's field numbers. A field that
 * arrives with another wire type does not match its tag and is skipped as unknown, as protobuf requires.
 */
export function tagsOf<K extends string>(type: protobuf.Type, wireTypes: Record<K, number>): Record<K, number> {
  const tags = {} as Record<K, number>;
  for (const name of Object.keys(wireTypes) as K[]) {
    const field = type.fields[name];
    if (field === undefined) throw new Error(`the OTLP schema has no field ${type.name}.${name}`);
    tags[name] = (field.id << 3) | wireTypes[name];
  }
  return tags;
}

const TWO_32 = 4294967296;

const MAX_CACHED_KEY = 64;
const MAX_CACHED_KEYS = 4096;
const keyCache = new Map<number, string>();

function sameAscii(text: string, buf: Uint8Array, start: number, end: number): boolean {
  if (text.length !== end - start) return false;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) !== buf[start + i]) return false;
  return true;
}

function outOfRange(pos: number, len: number): RangeError {
  // Same wording as protobufjs, so that one mapping to a message covers both.
  return new RangeError(`index out of range: ${pos} > ${len}`);
}

export class OtlpReader {
  readonly reader: protobuf.Reader;
  private readonly buf: Buffer;
  private readonly view: DataView;
  /** Where in the body the last id read through each `repeatedHex` slot lies, and its text. */
  private readonly lastIds = [
    { start: 0, end: -1, text: '' },
    { start: 0, end: -1, text: '' },
  ];

  constructor(body: Uint8Array) {
    // A Buffer view (no copy) gives protobufjs Node's native UTF-8 decoding, and us native hex and base64.
    this.buf = Buffer.from(body.buffer, body.byteOffset, body.byteLength);
    this.view = new DataView(body.buffer, body.byteOffset, body.byteLength);
    this.reader = protobuf.Reader.create(this.buf);
  }

  get pos(): number {
    return this.reader.pos;
  }

  /** True while the current message has bytes left. */
  more(): boolean {
    return this.reader.pos < this.reader.len;
  }

  tag(): number {
    return this.reader.uint32();
  }

  skip(tag: number): void {
    this.reader.skipType(tag & 7, 0, tag >>> 3);
  }

  /** Enters a length-delimited sub-message: reads are bounded by its end until leave(outer). */
  enter(): number {
    const r = this.reader;
    const size = r.uint32();
    const end = r.pos + size;
    if (end > r.len) throw outOfRange(end, r.len);
    const outer = r.len;
    r.len = end;
    return outer;
  }

  leave(outer: number): void {
    this.reader.len = outer;
  }

  string(): string {
    return this.reader.string();
  }

  /**
   * An attribute key. The same few hundred keys repeat in every span, so short ASCII keys come from a cache
   * (FNV-1a hash of the bytes, confirmed byte by byte) instead of a fresh string per occurrence: that skips
   * the native UTF-8 call, and the cached string is already internalized when it becomes a property name.
   */
  key(): string {
    const buf = this.buf;
    const start = this.skipBytes();
    const end = this.reader.pos;
    const size = end - start;
    if (size > MAX_CACHED_KEY) return buf.toString('utf8', start, end);
    let hash = 0x811c9dc5 ^ size;
    for (let i = start; i < end; i++) {
      const b = buf[i] as number;
      if (b >= 0x80) return buf.toString('utf8', start, end);
      hash = Math.imul(hash ^ b, 0x01000193);
    }
    const cached = keyCache.get(hash);
    if (cached !== undefined && sameAscii(cached, buf, start, end)) return cached;
    const key = buf.toString('latin1', start, end);
    // Bounded: a body full of distinct keys resets the cache rather than growing it without limit.
    if (keyCache.size >= MAX_CACHED_KEYS) keyCache.clear();
    keyCache.set(hash, key);
    return key;
  }

  /**
   * A string that is often the same as `previous` (an attribute's value in the last span that had the attribute):
   * when its bytes spell `previous` exactly (ASCII), `previous` is returned and no new string is made. Span after
   * span repeats the same model, provider, operation and agent names; they are then held once.
   */
  stringLike(previous: string | undefined): string {
    const buf = this.buf;
    const start = this.skipBytes();
    const end = this.reader.pos;
    const size = end - start;
    if (previous !== undefined && previous.length === size) {
      let i = 0;
      while (i < size) {
        const b = buf[start + i] as number;
        if (b >= 0x80 || b !== previous.charCodeAt(i)) break;
        i++;
      }
      if (i === size) return previous;
    }
    return buf.toString('utf8', start, end);
  }

  bool(): boolean {
    return this.reader.bool();
  }

  double(): number {
    return this.reader.double();
  }

  int32(): number {
    return this.reader.int32();
  }

  fixed32(): number {
    return this.reader.fixed32();
  }

  /** A bytes field as lower-case hex, whatever its length (callers check the length). */
  hex(): string {
    const start = this.skipBytes();
    return this.buf.toString('hex', start, this.reader.pos);
  }

  /**
   * Like `hex()`, for ids that usually repeat from one span to the next (the trace id, the parent id): when the
   * bytes equal those last read through the same `slot`, the string made then is returned again. Spans of a trace
   * then share one string instead of each holding a copy, and the copy is not made.
   */
  repeatedHex(slot: 0 | 1): string {
    const start = this.skipBytes();
    const end = this.reader.pos;
    const buf = this.buf;
    const last = this.lastIds[slot] as { start: number; end: number; text: string };
    const length = end - start;
    if (length === last.end - last.start) {
      let i = 0;
      while (i < length && buf[start + i] === buf[last.start + i]) i++;
      if (i === length) return last.text;
    }
    const text = buf.toString('hex', start, end);
    this.lastIds[slot] = { start, end, text };
    return text;
  }

  base64(): string {
    const start = this.skipBytes();
    return this.buf.toString('base64', start, this.reader.pos);
  }

  /** fixed64 (timestamps): one DataView read instead of two Long objects. */
  fixed64(): bigint {
    const pos = this.reader.pos;
    this.reader.skip(8);
    return this.view.getBigUint64(pos, true);
  }

  /** int64 attribute value: a number while exact (±2^53), else its decimal string. */
  int64(): number | string {
    const r = this.reader;
    const buf = this.buf;
    let pos = r.pos;
    let lo = 0;
    let hi = 0;
    let b = 0;
    // Bytes 0-3 carry bits 0-27; most values (token counts, ports) end here.
    for (let shift = 0; shift < 28; shift += 7) {
      if (pos >= r.len) throw outOfRange(pos, r.len);
      b = buf[pos++] as number;
      lo |= (b & 127) << shift;
      if (b < 128) {
        r.pos = pos;
        return lo;
      }
    }
    // Byte 4 carries bits 28-34, split between the low and high words; bytes 5-9 carry bits 35-63.
    if (pos >= r.len) throw outOfRange(pos, r.len);
    b = buf[pos++] as number;
    lo |= (b & 127) << 28;
    hi = (b & 127) >> 4;
    for (let shift = 3; b >= 128; shift += 7) {
      if (shift > 31) throw new Error('invalid varint encoding');
      if (pos >= r.len) throw outOfRange(pos, r.len);
      b = buf[pos++] as number;
      hi |= (b & 127) << shift;
    }
    r.pos = pos;
    const value = (hi | 0) * TWO_32 + (lo >>> 0);
    if (Number.isSafeInteger(value)) return value;
    return ((BigInt(hi | 0) << 32n) + BigInt(lo >>> 0)).toString();
  }

  /** Skips a length-delimited field; returns where its content starts. */
  private skipBytes(): number {
    const size = this.reader.uint32();
    const start = this.reader.pos;
    this.reader.skip(size);
    return start;
  }
}
