/**
 * The embedded ClickHouse through `@clickhouse/client`, as every Loupe process uses it: commands, inserts,
 * bound parameters, output formats, streaming, errors and concurrency.
 */
import { Readable } from 'node:stream';
import { ClickHouseError, createClient, type ExecResult } from '@clickhouse/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../testing/clickhouse';
import { BUFFERED_RESULT_BYTES } from './handler';

let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase('embedded');
  await db.client.command({
    query: `CREATE TABLE events (id UInt64, name String, score Float64, tags Array(String), at DateTime64(3, 'UTC'))
            ENGINE = MergeTree ORDER BY id`,
  });
});
afterAll(async () => {
  await db?.drop();
});

// The engine (26.x) writes 64-bit integers as JSON numbers by default; Loupe pins them to strings per query.
const quote64 = { output_format_json_quote_64bit_integers: 1 } as const;

async function rows<T>(query: string, query_params?: Record<string, unknown>): Promise<T[]> {
  const result = await db.client.query({ query, query_params, format: 'JSONEachRow', clickhouse_settings: quote64 });
  return result.json<T>();
}

async function drain(result: ExecResult<unknown>): Promise<void> {
  for await (const chunk of result.stream as AsyncIterable<unknown>) void chunk;
}

async function failure(promise: Promise<unknown>): Promise<ClickHouseError> {
  const err = await promise.then(() => undefined, (e: unknown) => e);
  expect(err).toBeInstanceOf(ClickHouseError);
  return err as ClickHouseError;
}

describe('basic operations', () => {
  it('answers ping', async () => {
    expect(await db.client.ping()).toEqual({ success: true });
    const answer = await fetch(`${db.url}/ping`);
    expect(answer.status).toBe(200);
    expect(await answer.text()).toBe('Ok.\n');
  });

  it('inserts JSONEachRow rows and selects them back', async () => {
    const inserted = await db.client.insert({
      table: 'events',
      format: 'JSONEachRow',
      values: [
        { id: 1, name: 'plan', score: 0.5, tags: ['a', 'b'], at: '2024-05-01 10:00:00.123' },
        { id: 2, name: "it's \\ done", score: -1.25, tags: [], at: '2024-05-01 10:00:01.000' },
      ],
    });
    expect(inserted.executed).toBe(true);
    expect(inserted.summary?.written_rows).toBe('2');
    expect(await rows('SELECT id, name, score, tags, at FROM events ORDER BY id')).toEqual([
      { id: '1', name: 'plan', score: 0.5, tags: ['a', 'b'], at: '2024-05-01 10:00:00.123' },
      { id: '2', name: "it's \\ done", score: -1.25, tags: [], at: '2024-05-01 10:00:01.000' },
    ]);
  });

  it('inserts in the client default format (JSONCompactEachRow) into a column subset', async () => {
    await db.client.command({ query: 'CREATE TABLE pairs (k String, v UInt32, note String DEFAULT \'none\') ENGINE = Memory' });
    await db.client.insert({ table: 'pairs', columns: ['k', 'v'], values: [['x', 1], ['y', 2]] });
    expect(await rows('SELECT k, v, note FROM pairs ORDER BY k')).toEqual([
      { k: 'x', v: 1, note: 'none' },
      { k: 'y', v: 2, note: 'none' },
    ]);
  });

  it('runs exec with the statement in the body and returns its output', async () => {
    const result = await db.client.exec({ query: 'SELECT 40 + 2 AS answer FORMAT TabSeparated' });
    let text = '';
    for await (const chunk of result.stream) text += String(chunk);
    expect(text).toBe('42\n');
  });

  it('returns the JSON format with meta, data and 64-bit integers as strings', async () => {
    const result = await db.client.query({
      query: 'SELECT toUInt64(18446744073709551615) AS big, 1.5 AS f',
      format: 'JSON',
      clickhouse_settings: quote64,
    });
    const json = await result.json<{ big: string; f: number }>();
    expect(json.meta).toEqual([
      { name: 'big', type: 'UInt64' },
      { name: 'f', type: 'Float64' },
    ]);
    expect(json.data).toEqual([{ big: '18446744073709551615', f: 1.5 }]);
    expect(json.rows).toBe(1);
  });

  it('sets the response headers the client reads', async () => {
    const result = await db.client.query({ query: 'SELECT 1 AS one', format: 'JSONEachRow', query_id: 'loupe-test-id' });
    await result.json();
    expect(result.query_id).toBe('loupe-test-id');
    expect(result.response_headers['x-clickhouse-query-id']).toBe('loupe-test-id');
    expect(result.response_headers['x-clickhouse-format']).toBe('JSONEachRow');
    expect(result.response_headers['x-clickhouse-timezone']).toBeTruthy();
    const summary = JSON.parse(String(result.response_headers['x-clickhouse-summary'])) as Record<string, string>;
    expect(summary.result_rows).toBe('1');
  });
});

describe('bound parameters', () => {
  const cases: { name: string; type: string; value: unknown; expected: unknown }[] = [
    { name: 'plain string', type: 'String', value: 'hello', expected: 'hello' },
    { name: 'string with quote, backslash, tab, newline', type: 'String', value: "it's a\\b\tc\nd", expected: "it's a\\b\tc\nd" },
    { name: 'unicode string', type: 'String', value: 'größe 🙂', expected: 'größe 🙂' },
    { name: 'UInt64 max', type: 'UInt64', value: '18446744073709551615', expected: '18446744073709551615' },
    { name: 'UInt64 from bigint', type: 'UInt64', value: 9007199254740993n, expected: '9007199254740993' },
    { name: 'Float64', type: 'Float64', value: -2.5e-7, expected: -2.5e-7 },
    { name: 'Array(String) with quotes', type: 'Array(String)', value: ["it's", 'a\\b', 'x\ty', ''], expected: ["it's", 'a\\b', 'x\ty', ''] },
    { name: 'Array(UInt32)', type: 'Array(UInt32)', value: [1, 2, 3], expected: [1, 2, 3] },
    { name: 'DateTime64(3) from a Date', type: "DateTime64(3, 'UTC')", value: new Date('2024-05-01T10:00:00.123Z'), expected: '2024-05-01 10:00:00.123' },
    { name: 'DateTime64(9) from text', type: "DateTime64(9, 'UTC')", value: '2024-05-01 10:00:00.123456789', expected: '2024-05-01 10:00:00.123456789' },
    { name: 'Nullable(String) null', type: 'Nullable(String)', value: null, expected: null },
    { name: 'Nullable(Int64) value', type: 'Nullable(Int64)', value: -5, expected: '-5' },
    { name: 'Map(String, UInt8)', type: 'Map(String, UInt8)', value: { "o'k": 1 }, expected: { "o'k": 1 } },
  ];
  it.each(cases)('binds $name as $type', async ({ type, value, expected }) => {
    expect(await rows(`SELECT {v:${type}} AS v`, { v: value })).toEqual([{ v: expected }]);
  });

  it('filters stored rows by several typed parameters at once', async () => {
    const found = await rows<{ id: string }>(
      `SELECT id FROM events WHERE name = {name:String} AND score < {max:Float64} AND has({tags:Array(String)}, 'b') = 1
         AND at >= {from:DateTime64(3, 'UTC')} AND id IN {ids:Array(UInt64)}`,
      { name: 'plan', max: 1, tags: ['b'], from: new Date('2024-05-01T10:00:00Z'), ids: [1, 2] },
    );
    expect(found).toEqual([{ id: '1' }]);
  });

  it('takes a parameter list far longer than 16 KiB of URL (a batch of trace ids)', async () => {
    const ids = Array.from({ length: 3_000 }, (_, i) => i.toString(16).padStart(32, '0'));
    const found = await rows<{ n: string; last: string }>('SELECT length({ids:Array(String)}) AS n, {ids:Array(String)}[-1] AS last', { ids });
    expect(found).toEqual([{ n: '3000', last: ids[2_999] }]);
  });

  it('reports a missing parameter with the engine code', async () => {
    const err = await failure(db.client.query({ query: 'SELECT {missing:String}', format: 'JSONEachRow' }));
    expect(err.code).toBe('456');
  });
});

describe('streaming', () => {
  it('streams 200k rows chunk by chunk', async () => {
    const result = await db.client.query({
      query: 'SELECT number, toString(number) AS text FROM numbers(200000)',
      format: 'JSONEachRow',
    });
    let count = 0;
    let sum = 0;
    let batches = 0;
    for await (const batch of result.stream<{ number: number; text: string }>()) {
      batches += 1;
      for (const row of batch) {
        const parsed = row.json();
        count += 1;
        sum += parsed.number;
        if (parsed.text !== String(parsed.number)) throw new Error(`row ${parsed.number} has text ${parsed.text}`);
      }
    }
    expect(count).toBe(200_000);
    expect(sum).toBe((199_999 * 200_000) / 2);
    expect(batches).toBeGreaterThan(1);
  });

  it('serves other queries while a client has not read its buffered result', async () => {
    // ~8 MB: far more than the socket buffers hold, less than the server buffers; nobody reads it yet.
    const unread = await db.client.query({ query: `SELECT number, repeat('x', 64) AS pad FROM numbers(100000)`, format: 'JSONEachRow' });
    expect(await rows('SELECT 8 AS n')).toEqual([{ n: 8 }]);
    let count = 0;
    for await (const batch of unread.stream()) count += batch.length;
    expect(count).toBe(100_000);
  });

  it('answers an error with its status when it comes before the result outgrew the buffer', async () => {
    const err = await failure(
      db.client.query({ query: 'SELECT throwIf(number = 150000) AS x FROM numbers(200000) SETTINGS max_block_size = 10000', format: 'JSONEachRow' }),
    );
    expect(err.code).toBe('395');
    expect(await rows('SELECT 7 AS n')).toEqual([{ n: 7 }]);
  });

  it('turns an error in the middle of a streamed result into a ClickHouseError', async () => {
    // About 46 MB before the failing row: more than the server buffers, so the first rows are already sent.
    const result = await db.client.query({
      query: `SELECT throwIf(number = 400000) AS x, repeat('a', 100) AS pad FROM numbers(500000) SETTINGS max_block_size = 10000`,
      format: 'JSONEachRow',
    });
    let count = 0;
    const err = await (async () => {
      for await (const batch of result.stream()) count += batch.length;
    })().then(() => undefined, (e: unknown) => e);
    expect(BUFFERED_RESULT_BYTES).toBeLessThan(400_000 * 100);
    expect(err).toBeInstanceOf(ClickHouseError);
    expect((err as ClickHouseError).code).toBe('395');
    expect(count).toBeGreaterThan(0);
    expect(count).toBeLessThan(400_000);
    // The failed query's partial output must not reach the next query.
    expect(await rows('SELECT 7 AS n')).toEqual([{ n: 7 }]);
  });
});

describe('errors', () => {
  it('reports an unknown table with code 60 and the engine message', async () => {
    const err = await failure(db.client.query({ query: 'SELECT * FROM no_such_table', format: 'JSONEachRow' }));
    expect(err.code).toBe('60');
    expect(err.type).toBe('UNKNOWN_TABLE');
    expect(err.message).toContain("Unknown table expression identifier 'no_such_table'");
  });

  it('reports a syntax error with code 62', async () => {
    const err = await failure(db.client.command({ query: 'SELEC 1' }));
    expect(err.code).toBe('62');
    expect(err.type).toBe('SYNTAX_ERROR');
  });

  it('describes a table, a read the engine cannot stream', async () => {
    expect(await rows('DESCRIBE TABLE pairs')).toMatchObject([
      { name: 'k', type: 'String' },
      { name: 'v', type: 'UInt32' },
      { name: 'note', type: 'String', default_type: 'DEFAULT' },
    ]);
  });

  it('inserts RowBinary and Native bodies into a column subset', async () => {
    await db.client.command({ query: "CREATE TABLE binary_pairs (k String, v UInt32, note String DEFAULT 'none') ENGINE = Memory" });
    // k = 'ü', v = 258: the length byte, UTF-8, then a little-endian UInt32.
    const rowBinary = Buffer.from([2, 0xc3, 0xbc, 2, 1, 0, 0]);
    await db.client.exec({ query: 'INSERT INTO binary_pairs (k, v) FORMAT RowBinary', values: Readable.from([rowBinary]) })
      .then(drain);
    const native = await db.client.exec({ query: "SELECT 'n' AS k, toUInt32(7) AS v FORMAT Native" });
    const chunks: Buffer[] = [];
    for await (const chunk of native.stream as AsyncIterable<Buffer>) chunks.push(chunk);
    const nativeBody = Buffer.concat(chunks);
    await db.client.exec({ query: 'INSERT INTO binary_pairs (k, v) FORMAT Native', values: Readable.from([nativeBody]) })
      .then(drain);
    expect(await rows('SELECT k, v, note FROM binary_pairs ORDER BY k')).toEqual([
      { k: 'n', v: 7, note: 'none' },
      { k: 'ü', v: 258, note: 'none' },
    ]);
  });

  it('reports a truncated RowBinary body, stores none of it and keeps serving', async () => {
    const truncated = Buffer.from([1, 0x61, 1, 0, 0, 0, 5, 0x62]);
    const err = await failure(
      db.client.exec({ query: 'INSERT INTO binary_pairs (k, v) FORMAT RowBinary', values: Readable.from([truncated]) }).then(drain),
    );
    expect(err.message).toMatch(/Cannot read all data|ATTEMPT_TO_READ_AFTER_EOF|end of (file|stream)/i);
    expect(await rows('SELECT count() AS n FROM binary_pairs')).toEqual([{ n: '2' }]);
  });

  it('reports a bad insert row and keeps serving', async () => {
    const err = await failure(db.client.insert({ table: 'pairs', format: 'JSONEachRow', values: [{ k: 'z', v: 'not a number' }] }));
    expect(err.code).toBe('27');
    expect(await rows('SELECT count() AS n FROM pairs')).toEqual([{ n: '2' }]);
  });

  it('keeps answering after errors', async () => {
    await failure(db.client.query({ query: 'SELECT * FROM nope', format: 'JSON' }));
    await failure(db.client.command({ query: 'DROP TABLE nope' }));
    expect(await db.client.ping()).toEqual({ success: true });
    expect(await rows('SELECT 1 + 1 AS two')).toEqual([{ two: 2 }]);
  });
});

describe('concurrency', () => {
  it('gives each of 30 concurrent queries from two clients its own answer', async () => {
    const other = createClient({ url: db.url, database: db.database });
    try {
      const answers = await Promise.all(
        Array.from({ length: 30 }, async (_, i) => {
          const client = i % 2 === 0 ? db.client : other;
          const result = await client.query({
            query: 'SELECT {n:UInt32} * 2 AS doubled, {s:String} AS label, sleepEachRow(0.001) AS pause FROM numbers(1)',
            query_params: { n: i, s: `q${i}` },
            format: 'JSONEachRow',
          });
          return result.json<{ doubled: number; label: string }>();
        }),
      );
      answers.forEach((answer, i) => expect(answer).toEqual([{ doubled: i * 2, label: `q${i}`, pause: 0 }]));
    } finally {
      await other.close();
    }
  });
});
