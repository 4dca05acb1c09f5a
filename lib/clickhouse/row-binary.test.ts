import { describe, expect, it } from 'vitest';
import { column, encodedOncePerObject, RowBinaryRows, RowBinaryValueError, RowBinaryWriter, types as t, type Encode } from './row-binary';

function encoded<T>(encode: Encode<T>, value: T): number[] {
  const out = new RowBinaryWriter(4);
  encode(out, value);
  return [...out.bytes()];
}

const utf8 = (text: string) => [...Buffer.from(text, 'utf8')];

describe('RowBinaryWriter', () => {
  it.each([
    [0, [0x00]],
    [1, [0x01]],
    [127, [0x7f]],
    [128, [0x80, 0x01]],
    [300, [0xac, 0x02]],
    [16_384, [0x80, 0x80, 0x01]],
    [2 ** 35, [0x80, 0x80, 0x80, 0x80, 0x80, 0x01]],
  ])('writes the length %d as LEB128', (value, bytes) => {
    const out = new RowBinaryWriter(1);
    out.varUInt(value);
    expect([...out.bytes()]).toEqual(bytes);
  });

  it.each([
    ['empty', ''],
    ['ASCII', 'chat gpt-4o'],
    ['two-byte characters', 'résumé'],
    ['astral characters', 'tool 🔧 done'],
    ['ASCII then a two-byte character late', `${'a'.repeat(60)}é`],
    ['31 ASCII bytes (the last copied unit by unit)', 'a'.repeat(31)],
    ['32 ASCII bytes (the first encoded natively)', 'b'.repeat(32)],
    ['a 40-unit string with a two-byte character', `${'c'.repeat(39)}é`],
    ['100 two-byte characters in 100 units (two length bytes)', 'é'.repeat(100)],
    ['127 astral-plane units: 63 pairs and one lone surrogate', `${'😀'.repeat(63)}\ud800`],
    ['127 ASCII bytes', 'x'.repeat(127)],
    ['128 ASCII bytes (two length bytes)', 'y'.repeat(128)],
    ['long non-ASCII', 'ü'.repeat(500)],
  ])('writes %s strings as their UTF-8 bytes after their length', (_name, text) => {
    const bytes = utf8(text);
    const length = new RowBinaryWriter(1);
    length.varUInt(bytes.length);
    expect(encoded(t.String, text)).toEqual([...length.bytes(), ...bytes]);
  });

  const encodedWithBuffer = (value: bigint) => {
    const bytes = Buffer.alloc(8);
    bytes.writeBigInt64LE(value);
    return bytes;
  };

  it('writes numbers little-endian', () => {
    expect(encoded(t.UInt32, 0x01020304)).toEqual([4, 3, 2, 1]);
    expect(encoded(t.UInt64, 2 ** 40 + 5)).toEqual([5, 0, 0, 0, 0, 1, 0, 0]);
    expect(encoded(t.BigUInt64, 2n ** 64n - 1n)).toEqual([255, 255, 255, 255, 255, 255, 255, 255]);
    expect(encoded(t.BigUInt64, 0x0102030405060708n)).toEqual([8, 7, 6, 5, 4, 3, 2, 1]);
    expect(encoded(t.DateTime64Nanos, -1n)).toEqual([255, 255, 255, 255, 255, 255, 255, 255]);
    const now = 1_763_950_000_123_456_789n;
    expect(encoded(t.DateTime64Nanos, now)).toEqual([...encodedWithBuffer(now)]);
    expect(encoded(t.DateTime64Nanos, -now)).toEqual([...encodedWithBuffer(-now)]);
    expect(encoded(t.Float64, 1.5)).toEqual([...Buffer.from(new Float64Array([1.5]).buffer)]);
    expect(encoded(t.Bool, true)).toEqual([1]);
  });

  it('writes Nullable, Array and Map the way ClickHouse reads them', () => {
    expect(encoded(t.Nullable(t.UInt32), null)).toEqual([1]);
    expect(encoded(t.Nullable(t.UInt32), 7)).toEqual([0, 7, 0, 0, 0]);
    expect(encoded(t.Array(t.String), ['a', 'bc'])).toEqual([2, 1, 97, 2, 98, 99]);
    expect(encoded(t.StringMap, { k: 'v', key: '' })).toEqual([2, 1, 107, 1, 118, 3, 107, 101, 121, 0]);
  });

  it('grows past its initial size without losing what it holds', () => {
    const out = new RowBinaryWriter(2);
    for (let i = 0; i < 1000; i++) out.string(`value ${i}`);
    const text = out.bytes().toString('latin1');
    expect(text.startsWith('\x07value 0\x07value 1')).toBe(true);
    expect(text.endsWith('\x09value 999')).toBe(true);
  });

  it('copies the bytes of an object it has just encoded, and encodes a different object anew', () => {
    const resource = { 'service.name': 'checkout', 'deployment.environment': 'prod' };
    const other = { 'service.name': 'search' };
    const once = encodedOncePerObject(t.StringMap);
    const out = new RowBinaryWriter(4);
    for (const value of [resource, resource, other, other, resource]) once(out, value);
    expect([...out.bytes()]).toEqual(
      [resource, resource, other, other, resource].flatMap((value) => encoded(t.StringMap, value)),
    );
  });

  it('checks an object it encodes once like any other', () => {
    const once = encodedOncePerObject(t.StringMap);
    const out = new RowBinaryWriter(4);
    const bad = { 'service.name': 42 as unknown as string };
    expect(() => once(out, bad)).toThrow(/expected a string, got 42/);
    // Not remembered as encoded: the same object fails again instead of copying the partial bytes.
    expect(() => once(out, bad)).toThrow(/expected a string, got 42/);
  });
});

describe('type checks', () => {
  it.each<[string, Encode<never>, unknown, RegExp]>([
    ['a fraction as UInt64', t.UInt64, 1.5, /integer from 0 to 9007199254740991, got 1\.5/],
    ['a negative UInt64', t.UInt64, -1, /got -1/],
    ['an inexact UInt64', t.UInt64, 2 ** 53, /got 9007199254740992/],
    ['a UInt32 overflow', t.UInt32, 2 ** 32, /from 0 to 4294967295, got 4294967296/],
    ['a number as String', t.String, 42, /expected a string, got 42/],
    ['null as String', t.String, null, /expected a string, got null/],
    ['a number as DateTime64', t.DateTime64Nanos, 1_700_000_000, /nanoseconds as an Int64 bigint, got 1700000000/],
    ['an Int64 overflow', t.DateTime64Nanos, 2n ** 63n, /got 9223372036854775808n/],
    ['a string as Float64', t.Float64, '0.5', /expected a number, got "0.5"/],
    ['a number as Bool', t.Bool, 1, /expected a boolean, got 1/],
    ['a non-string map value', t.StringMap, { a: 1 }, /expected a string, got 1/],
    ['a string as Array', t.Array(t.String), 'abc', /expected an array, got "abc"/],
  ])('refuses %s', (_name, encode, value, message) => {
    expect(() => encode(new RowBinaryWriter(), value as never)).toThrow(message);
  });
});

describe('RowBinaryRows', () => {
  interface Row {
    id: number;
    name: string;
  }
  const columns = [
    column<Row>('id', 'UInt32', (out, r) => t.UInt32(out, r.id)),
    column<Row>('name', 'String', (out, r) => t.String(out, r.name)),
  ];

  it('writes the rows column after column, row after row', () => {
    const rows = new RowBinaryRows(columns);
    rows.addAll([{ id: 1, name: 'a' }]);
    rows.addAll([{ id: 2, name: 'bc' }]);
    expect(rows.length).toBe(2);
    expect(rows.columnNames).toEqual(['id', 'name']);
    expect([...rows.body()]).toEqual([1, 0, 0, 0, 1, 97, 2, 0, 0, 0, 2, 98, 99]);
  });

  it('adds none of the rows when one cannot be written, and names the row and the column', () => {
    const rows = new RowBinaryRows(columns);
    rows.addAll([{ id: 1, name: 'a' }]);
    const before = [...rows.body()];
    let failure: unknown;
    try {
      rows.addAll([{ id: 2, name: 'b' }, { id: 3, name: 7 as unknown as string }]);
    } catch (err) {
      failure = err;
    }
    expect(failure).toBeInstanceOf(RowBinaryValueError);
    expect((failure as RowBinaryValueError).message).toBe('row 1, column name: expected a string, got 7');
    expect((failure as RowBinaryValueError).row).toBe(1);
    expect((failure as RowBinaryValueError).column).toBe('name');
    expect(rows.length).toBe(1);
    expect([...rows.body()]).toEqual(before);
  });

  it('adds one row, or nothing of it when a column cannot be written', () => {
    const rows = new RowBinaryRows(columns);
    rows.add({ id: 1, name: 'a' });
    expect(() => rows.add({ id: 2, name: null as unknown as string })).toThrow('column name: expected a string, got null');
    expect(rows.length).toBe(1);
    expect([...rows.body()]).toEqual([1, 0, 0, 0, 1, 97]);
  });

  it('clears its rows and keeps its grown buffer for the next ones', () => {
    const rows = new RowBinaryRows(columns, 16);
    rows.addAll(Array.from({ length: 20 }, (_, id) => ({ id, name: 'abcdef' })));
    const grown = rows.capacity;
    expect(grown).toBeGreaterThan(16);
    rows.clear();
    expect(rows.length).toBe(0);
    expect(rows.body().length).toBe(0);
    rows.add({ id: 9, name: 'z' });
    expect(rows.capacity).toBe(grown);
    expect([...rows.body()]).toEqual([9, 0, 0, 0, 1, 122]);
  });

  it('appends the rows of another set of the same columns, and refuses other columns', () => {
    const staged = new RowBinaryRows(columns);
    staged.addAll([{ id: 2, name: 'bc' }]);
    const rows = new RowBinaryRows(columns);
    rows.addAll([{ id: 1, name: 'a' }]);
    rows.append(staged);
    expect(rows.length).toBe(2);
    expect([...rows.body()]).toEqual([1, 0, 0, 0, 1, 97, 2, 0, 0, 0, 2, 98, 99]);
    expect(() => rows.append(new RowBinaryRows([...columns]))).toThrow('appended rows must be of the same columns');
    expect(rows.length).toBe(2);
  });

  it('takes back the rows added after a mark', () => {
    const rows = new RowBinaryRows(columns);
    rows.addAll([{ id: 1, name: 'a' }]);
    const mark = rows.mark();
    rows.addAll([{ id: 2, name: 'b' }]);
    rows.restore(mark);
    expect(rows.length).toBe(1);
    expect([...rows.body()]).toEqual([1, 0, 0, 0, 1, 97]);
  });
});
