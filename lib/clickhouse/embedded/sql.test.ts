import { describe, expect, it } from 'vitest';
import { decodeParam } from './params';
import { SerialQueue, QueryCancelledError } from './queue';
import { hasSeveralStatements, parseInsertTarget, placeholderTypes, statementKind, trailingFormat } from './sql';

describe('statement scanning', () => {
  it.each([
    ['SELECT 1', 'SELECT'],
    ['  (SELECT 1) UNION ALL (SELECT 2)', 'SELECT'],
    ['-- comment\nWITH x AS (SELECT 1) SELECT * FROM x', 'WITH'],
    ['/* a */ insert into t values (1)', 'INSERT'],
    ['', ''],
  ])('kind of %j is %j', (sql, kind) => {
    expect(statementKind(sql)).toBe(kind);
  });

  it.each([
    ['SELECT 1 \nFORMAT JSONEachRow', 'JSONEachRow'],
    ["SELECT 'FORMAT CSV' AS s", undefined],
    ['SELECT 1 FORMAT JSON;', 'JSON'],
    ['SELECT 1 -- FORMAT CSV', undefined],
  ])('trailing format of %j is %j', (sql, format) => {
    expect(trailingFormat(sql)).toBe(format);
  });

  it('sees several statements only outside literals', () => {
    expect(hasSeveralStatements("SELECT ';' AS s;")).toBe(false);
    expect(hasSeveralStatements('SELECT 1; DROP TABLE t')).toBe(true);
  });

  it('reads placeholder types, including quoted text inside the type', () => {
    const types = placeholderTypes("SELECT {a:Array(String)}, {b: DateTime64(3, 'UTC') }, '{c:String}'");
    expect([...types]).toEqual([
      ['a', 'Array(String)'],
      ['b', "DateTime64(3, 'UTC')"],
    ]);
  });

  it.each([
    ['INSERT INTO spans FORMAT JSONEachRow', { table: 'spans', format: 'JSONEachRow' }],
    ['INSERT INTO db.t (a, b) FORMAT JSONCompactEachRow', { table: 'db.t', columns: ['a', 'b'], format: 'JSONCompactEachRow' }],
    ['INSERT INTO t (* EXCEPT (a)) FORMAT JSONEachRow', undefined],
    ['INSERT INTO `odd name` FORMAT JSONEachRow', undefined],
    ['INSERT INTO t SELECT 1', undefined],
  ])('insert target of %j', (sql, target) => {
    expect(parseInsertTarget(sql)).toEqual(target);
  });
});

describe('parameter decoding', () => {
  it.each([
    ['\\N', 'Nullable(String)', null],
    ['plain', 'String', 'plain'],
    ['a\\\\b\\tc\\nd', 'String', 'a\\b\tc\nd'],
    ["it\\'s", 'String', "it's"],
    ["['x','y']", 'Array(String)', "['x','y']"],
    ['1700000000.123', 'DateTime64(3)', '1700000000.123'],
  ])('%j as %s', (raw, type, expected) => {
    expect(decodeParam(raw, type)).toEqual(expected);
  });

  it('parses a composite literal with escaped quotes into values', () => {
    expect(decodeParam("['it\\'s',NULL,'a\\\\b']", 'Array(Nullable(String))')).toEqual(["it's", null, 'a\\b']);
    expect(decodeParam("{'o\\'k':[1,2]}", 'Map(String, Array(UInt8))')).toEqual(new Map([["o'k", [1, 2]]]));
  });

  it('rejects a malformed composite literal naming the value', () => {
    expect(() => decodeParam("['it\\'s'", 'Array(String)')).toThrow(/Cannot parse query parameter value/);
  });
});

describe('SerialQueue', () => {
  it('runs jobs one at a time in order and reports its depth', async () => {
    const queue = new SerialQueue();
    const order: number[] = [];
    let release!: () => void;
    const first = queue.run(() => new Promise<void>((resolve) => (release = resolve)).then(() => order.push(1)));
    const second = queue.run(async () => order.push(2));
    expect(queue.depth).toBe(2);
    await new Promise((resolve) => setImmediate(resolve)); // the first job has started
    release();
    await Promise.all([first, second]);
    expect(order).toEqual([1, 2]);
    expect(queue.depth).toBe(0);
  });

  it('drops a read whose caller went away while it was queued, but keeps writes', async () => {
    const queue = new SerialQueue();
    let release!: () => void;
    const blocker = queue.run(() => new Promise<void>((resolve) => (release = resolve)));
    const gone = new AbortController();
    const ran: string[] = [];
    const read = queue.run(async () => ran.push('read'), { signal: gone.signal, droppable: true });
    const write = queue.run(async () => ran.push('write'), { signal: gone.signal, droppable: false });
    gone.abort();
    await expect(read).rejects.toBeInstanceOf(QueryCancelledError);
    expect(queue.depth).toBe(2);
    release();
    await Promise.all([blocker, write]);
    expect(ran).toEqual(['write']);
  });
});
