/**
 * Rows in ClickHouse's RowBinary format: values back to back in column order, little-endian numbers, strings and
 * arrays prefixed by a LEB128 length, `Nullable` by one null byte, `Map` as an array of key/value pairs. No names,
 * quotes or escapes to parse: storing our span rows costs ClickHouse about a quarter less CPU than as JSON rows
 * (bench/span-insert), and encoding them here costs about what `JSON.stringify` of the same rows did.
 *
 * Nothing in the bytes says which column a value belongs to, so every value is checked against its column's type
 * before it is written: a value ClickHouse would refuse in JSON fails here with the column's name, instead of
 * being stored as whatever its bytes happen to mean.
 */
import { endianness } from 'node:os';

/**
 * On little-endian machines 64-bit integers are written through one typed-array slot, whose bytes are already in
 * RowBinary's order, instead of Buffer's `writeBigUInt64LE`, which splits the bigint with bigint arithmetic and
 * allocates intermediate bigints for every value written.
 */
const LITTLE_ENDIAN = endianness() === 'LE';
const unsigned64 = new BigUint64Array(1);
const signed64 = new BigInt64Array(unsigned64.buffer);
const scratch64Bytes = new Uint8Array(unsigned64.buffer);

/**
 * Strings shorter than this are copied by a loop here when they are ASCII; from this length on the native UTF-8
 * encoder is faster despite its call (a micro-benchmark of 10⁶ strings: 8 units 31 against ~100 ns, 32 units ~130
 * against ~115, 64 units 260–330 against 120–150, 120 units 440–660 against 110–195).
 */
const SHORT_STRING = 32;

/** A growable byte buffer with the RowBinary primitives. */
export class RowBinaryWriter {
  private buffer: Buffer;
  private end = 0;

  constructor(initialBytes = 64 * 1024) {
    this.buffer = Buffer.allocUnsafe(initialBytes);
  }

  get byteLength(): number {
    return this.end;
  }

  /** The bytes the buffer holds before it must grow. */
  get capacity(): number {
    return this.buffer.length;
  }

  /** Forgets everything written after `byteLength` was `length`. */
  truncate(length: number): void {
    this.end = Math.min(this.end, length);
  }

  /** The bytes written so far (a view: valid until the next write). */
  bytes(): Buffer {
    return this.buffer.subarray(0, this.end);
  }

  /** Bytes already in RowBinary. */
  raw(bytes: Uint8Array): void {
    this.reserve(bytes.length);
    this.buffer.set(bytes, this.end);
    this.end += bytes.length;
  }

  uint8(value: number): void {
    this.reserve(1);
    this.buffer[this.end++] = value;
  }

  /** LEB128, as ClickHouse writes lengths: seven bits per byte, low bits first. */
  varUInt(value: number): void {
    this.reserve(10);
    let rest = value;
    while (rest >= 0x80) {
      this.buffer[this.end++] = (rest % 0x80) | 0x80;
      rest = Math.floor(rest / 0x80);
    }
    this.buffer[this.end++] = rest;
  }

  uint32(value: number): void {
    this.reserve(4);
    this.end = this.buffer.writeUInt32LE(value, this.end);
  }

  /** A safe integer as UInt64: two 32-bit halves, no BigInt. */
  uint64(value: number): void {
    this.reserve(8);
    this.buffer.writeUInt32LE(value % 0x1_0000_0000, this.end);
    this.buffer.writeUInt32LE(Math.floor(value / 0x1_0000_0000), this.end + 4);
    this.end += 8;
  }

  /** The value must fit (the `types` encoders check): it is stored modulo 2^64. */
  bigUint64(value: bigint): void {
    if (!LITTLE_ENDIAN) {
      this.reserve(8);
      this.end = this.buffer.writeBigUInt64LE(value, this.end);
      return;
    }
    unsigned64[0] = value;
    this.copyScratch64();
  }

  /** The value must fit (the `types` encoders check): it is stored modulo 2^64. */
  bigInt64(value: bigint): void {
    if (!LITTLE_ENDIAN) {
      this.reserve(8);
      this.end = this.buffer.writeBigInt64LE(value, this.end);
      return;
    }
    signed64[0] = value;
    this.copyScratch64();
  }

  private copyScratch64(): void {
    this.reserve(8);
    const buffer = this.buffer;
    const end = this.end;
    for (let i = 0; i < 8; i++) buffer[end + i] = scratch64Bytes[i] as number;
    this.end = end + 8;
  }

  float64(value: number): void {
    this.reserve(8);
    this.end = this.buffer.writeDoubleLE(value, this.end);
  }

  /** UTF-8 bytes after their length. */
  string(value: string): void {
    const length = value.length;
    if (length < SHORT_STRING && this.shortAscii(value)) return;
    if (length < 0x80) {
      this.stringUnder128(value);
      return;
    }
    const bytes = Buffer.byteLength(value, 'utf8');
    this.varUInt(bytes);
    this.reserve(bytes);
    this.end += this.buffer.write(value, this.end, bytes, 'utf8');
  }

  /**
   * Short ASCII (span ids, names, most attribute keys) copied a unit at a time: cheaper than a call into the encoder
   * for a few bytes. False, with nothing written, when the string is not ASCII.
   */
  private shortAscii(value: string): boolean {
    const length = value.length;
    this.reserve(1 + length);
    const buffer = this.buffer;
    const start = this.end + 1;
    for (let i = 0; i < length; i++) {
      const unit = value.charCodeAt(i);
      if (unit >= 0x80) return false;
      buffer[start + i] = unit;
    }
    buffer[this.end] = length;
    this.end = start + length;
    return true;
  }

  /**
   * A string of fewer than 128 UTF-16 units, encoded by the native encoder straight after a one-byte length: its
   * at most 381 bytes are moved one byte along when the length turns out to need two.
   */
  private stringUnder128(value: string): void {
    this.reserve(2 + value.length * 3);
    const buffer = this.buffer;
    const start = this.end;
    const bytes = buffer.write(value, start + 1, 'utf8');
    if (bytes < 0x80) {
      buffer[start] = bytes;
      this.end = start + 1 + bytes;
      return;
    }
    buffer.copyWithin(start + 2, start + 1, start + 1 + bytes);
    buffer[start] = (bytes & 0x7f) | 0x80;
    buffer[start + 1] = bytes >> 7;
    this.end = start + 2 + bytes;
  }

  private reserve(bytes: number): void {
    if (this.end + bytes <= this.buffer.length) return;
    const grown = Buffer.allocUnsafe(Math.max(this.buffer.length * 2, this.end + bytes));
    this.buffer.copy(grown, 0, 0, this.end);
    this.buffer = grown;
  }
}

/** Writes one value of a column type; throws a RangeError or TypeError for a value the type cannot hold. */
export type Encode<T> = (out: RowBinaryWriter, value: T) => void;

const MAX_UINT32 = 0xffff_ffff;
const MAX_UINT64 = 2n ** 64n - 1n;
const MIN_INT64 = -(2n ** 63n);
const MAX_INT64 = 2n ** 63n - 1n;

function checkString(value: unknown): asserts value is string {
  if (typeof value !== 'string') throw new TypeError(`expected a string, got ${describe(value)}`);
}

function checkInteger(value: unknown, max: number): asserts value is number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > max) {
    throw new RangeError(`expected an integer from 0 to ${max}, got ${describe(value)}`);
  }
}

function describe(value: unknown): string {
  if (typeof value === 'bigint') return `${value}n`;
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  return value === null || typeof value !== 'object' ? String(value) : 'an object';
}

/** Encoders named after the ClickHouse types they write. `LowCardinality(T)` is written as `T`. */
export const types = {
  String: ((out, value) => {
    checkString(value);
    out.string(value);
  }) as Encode<string>,
  Bool: ((out, value) => {
    if (typeof value !== 'boolean') throw new TypeError(`expected a boolean, got ${describe(value)}`);
    out.uint8(value ? 1 : 0);
  }) as Encode<boolean>,
  UInt32: ((out, value) => {
    checkInteger(value, MAX_UINT32);
    out.uint32(value);
  }) as Encode<number>,
  /** From a number: up to 2^53 − 1, which is every count we store. */
  UInt64: ((out, value) => {
    checkInteger(value, Number.MAX_SAFE_INTEGER);
    out.uint64(value);
  }) as Encode<number>,
  BigUInt64: ((out, value) => {
    if (typeof value !== 'bigint' || value < 0n || value > MAX_UINT64) {
      throw new RangeError(`expected a UInt64 bigint, got ${describe(value)}`);
    }
    out.bigUint64(value);
  }) as Encode<bigint>,
  Float64: ((out, value) => {
    if (typeof value !== 'number') throw new TypeError(`expected a number, got ${describe(value)}`);
    out.float64(value);
  }) as Encode<number>,
  /** DateTime64(9) from nanoseconds since the epoch. */
  DateTime64Nanos: ((out, value) => {
    if (typeof value !== 'bigint' || value < MIN_INT64 || value > MAX_INT64) {
      throw new RangeError(`expected nanoseconds as an Int64 bigint, got ${describe(value)}`);
    }
    out.bigInt64(value);
  }) as Encode<bigint>,
  /** `Map(String, String)` from a record. */
  StringMap: ((out, value) => {
    if (value === null || typeof value !== 'object') throw new TypeError(`expected a record, got ${describe(value)}`);
    const keys = Object.keys(value);
    out.varUInt(keys.length);
    for (const key of keys) {
      const item = value[key];
      checkString(item);
      out.string(key);
      out.string(item);
    }
  }) as Encode<Readonly<Record<string, string>>>,
  Nullable<T>(inner: Encode<T>): Encode<T | null> {
    return (out, value) => {
      if (value === null) {
        out.uint8(1);
        return;
      }
      out.uint8(0);
      inner(out, value);
    };
  },
  Array<T>(inner: Encode<T>): Encode<readonly T[]> {
    return (out, value) => {
      if (!Array.isArray(value)) throw new TypeError(`expected an array, got ${describe(value)}`);
      out.varUInt(value.length);
      for (const item of value) inner(out, item);
    };
  },
};

/**
 * An encoder for an object that many rows in a row share (the resource attributes of one export's spans): the
 * object is encoded when it differs from the previous row's, and its bytes are copied while it is the same object.
 * Only for objects nobody mutates while rows are added.
 */
export function encodedOncePerObject<T extends object>(inner: Encode<T>): Encode<T> {
  let last: T | null = null;
  let bytes: Buffer = Buffer.alloc(0);
  return (out, value) => {
    if (value === last) {
      out.raw(bytes);
      return;
    }
    const start = out.byteLength;
    inner(out, value);
    bytes = Buffer.from(out.bytes().subarray(start));
    last = value;
  };
}

/** A column of a RowBinary insert: its name, its ClickHouse type, and how to write it from a row. */
export interface RowBinaryColumn<Row> {
  name: string;
  /** The declared type, as DESCRIBE TABLE prints it: checked against the table by a test. */
  type: string;
  write: (out: RowBinaryWriter, row: Row) => void;
}

/**
 * A column: its name, its type, and a function writing its value from a row with one of `types` — a function of
 * its own for each column, so that every call inside it sees one encoder and one row shape and is inlined.
 */
export function column<Row>(name: string, type: string, write: (out: RowBinaryWriter, row: Row) => void): RowBinaryColumn<Row> {
  return { name, type, write };
}

/** Where a {@link RowBinaryRows} stood, to take back rows added after it. */
export interface RowsMark {
  readonly rows: number;
  readonly bytes: number;
}

/** Rows of one table gathered for one insert. */
export class RowBinaryRows<Row> {
  private readonly out: RowBinaryWriter;
  private count = 0;

  constructor(
    readonly columns: readonly RowBinaryColumn<Row>[],
    initialBytes?: number,
  ) {
    this.out = new RowBinaryWriter(initialBytes);
  }

  get length(): number {
    return this.count;
  }

  get columnNames(): string[] {
    return this.columns.map((c) => c.name);
  }

  /** Adds all the rows or, when one of them cannot be written, none: throws naming the row and the column. */
  addAll(rows: readonly Row[]): void {
    const start = this.mark();
    for (let index = 0; index < rows.length; index++) {
      try {
        this.add(rows[index] as Row);
      } catch (err) {
        this.restore(start);
        if (!(err instanceof RowBinaryValueError)) throw err;
        throw new RowBinaryValueError(`row ${index}, ${err.message}`, index, err.column);
      }
    }
  }

  /** Adds one row, or nothing when it cannot be written: throws naming the column (row 0 of this call). */
  add(row: Row): void {
    const start = this.out.byteLength;
    let column: RowBinaryColumn<Row> | undefined;
    try {
      for (column of this.columns) column.write(this.out, row);
    } catch (err) {
      this.out.truncate(start);
      const reason = err instanceof Error ? err.message : String(err);
      throw new RowBinaryValueError(`column ${column?.name ?? '?'}: ${reason}`, 0, column?.name ?? '');
    }
    this.count++;
  }

  /** Appends every row of `other` (same columns), copying its bytes. */
  append(other: RowBinaryRows<Row>): void {
    if (other.columns !== this.columns) throw new Error('appended rows must be of the same columns');
    this.out.raw(other.body());
    this.count += other.count;
  }

  mark(): RowsMark {
    return { rows: this.count, bytes: this.out.byteLength };
  }

  /** Takes back every row added after `mark`. */
  restore(mark: RowsMark): void {
    this.count = Math.min(this.count, mark.rows);
    this.out.truncate(mark.bytes);
  }

  /** Takes back every row, keeping the buffer (grown as it is) for the next ones. */
  clear(): void {
    this.restore({ rows: 0, bytes: 0 });
  }

  /** The bytes the rows' buffer holds before it must grow. */
  get capacity(): number {
    return this.out.capacity;
  }

  /** The encoded rows (a view: valid until rows are added). */
  body(): Buffer {
    return this.out.bytes();
  }
}

export class RowBinaryValueError extends Error {
  constructor(
    message: string,
    readonly row: number,
    readonly column: string,
  ) {
    super(message);
    this.name = 'RowBinaryValueError';
  }
}
