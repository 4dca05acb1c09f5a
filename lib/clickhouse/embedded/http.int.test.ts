/**
 * The HTTP-level behaviour of the embedded ClickHouse: compression, the `database` parameter, per-query settings
 * that must not leak into the next query, multipart parameters, and malformed requests.
 */
import { gzipSync } from 'node:zlib';
import { ClickHouseError, createClient } from '@clickhouse/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../testing/clickhouse';

let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase('embedded_http');
  await db.client.command({ query: 'CREATE TABLE notes (id UInt32, body String) ENGINE = MergeTree ORDER BY id' });
});
afterAll(async () => {
  await db?.drop();
});

async function errorOf(promise: Promise<unknown>): Promise<ClickHouseError> {
  const err = await promise.then(() => undefined, (e: unknown) => e);
  expect(err).toBeInstanceOf(ClickHouseError);
  return err as ClickHouseError;
}

describe('compression', () => {
  it('accepts gzip request bodies and gzips responses through the client', async () => {
    const client = createClient({ url: db.url, database: db.database, compression: { request: true, response: true } });
    try {
      const values = Array.from({ length: 500 }, (_, i) => ({ id: i, body: `note ${i} `.repeat(20) }));
      await client.insert({ table: 'notes', values, format: 'JSONEachRow' });
      const result = await client.query({ query: 'SELECT id, body FROM notes ORDER BY id', format: 'JSONEachRow' });
      expect(result.response_headers['content-encoding']).toBe('gzip');
      const rows = await result.json<{ id: number; body: string }>();
      expect(rows).toHaveLength(500);
      expect(rows[499]).toEqual({ id: 499, body: 'note 499 '.repeat(20) });
    } finally {
      await client.close();
    }
  });

  it('gzips a raw response only when enable_http_compression=1 and the client accepts gzip', async () => {
    const query = encodeURIComponent('SELECT 1 AS x FORMAT JSONEachRow');
    const plain = await fetch(`${db.url}/?query=${query}`, { headers: { 'accept-encoding': 'gzip' } });
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(await plain.text()).toBe('{"x":1}\n');
    const zipped = await fetch(`${db.url}/?enable_http_compression=1&query=${query}`, {
      headers: { 'accept-encoding': 'gzip' },
    });
    expect(zipped.headers.get('content-encoding')).toBe('gzip');
  });

  it('answers a body that is not valid gzip with 400 and keeps serving', async () => {
    const answer = await fetch(`${db.url}/`, {
      method: 'POST',
      headers: { 'content-encoding': 'gzip' },
      body: 'SELECT 1 — not gzip at all',
    });
    expect(answer.status).toBe(400);
    expect(answer.headers.get('x-clickhouse-exception-code')).toBe('271');
    expect(await answer.text()).toMatch(/^Code: 271\. DB::Exception: Cannot decompress the gzip request body: .*\(CANNOT_DECOMPRESS\) \(version /);
    const ok = await fetch(`${db.url}/`, { method: 'POST', headers: { 'content-encoding': 'gzip' }, body: gzipSync('SELECT 5') });
    expect(await ok.text()).toBe('5\n');
  });
});

describe('request shape', () => {
  it('uses the database parameter for unqualified names', async () => {
    await db.client.insert({ table: 'notes', values: [{ id: 10_000, body: 'in the test database' }], format: 'JSONEachRow' });
    const unbound = createClient({ url: db.url });
    try {
      const err = await errorOf(unbound.query({ query: 'SELECT body FROM notes WHERE id = 10000', format: 'JSONEachRow' }));
      expect(err.code).toBe('60');
      const qualified = await unbound.query({
        query: `SELECT body FROM ${db.database}.notes WHERE id = 10000`,
        format: 'JSONEachRow',
      });
      expect(await qualified.json()).toEqual([{ body: 'in the test database' }]);
      // The previous request's database must not stay the current one.
      const current = await unbound.query({ query: 'SELECT currentDatabase() AS db', format: 'JSONEachRow' });
      expect(await current.json()).toEqual([{ db: 'default' }]);
    } finally {
      await unbound.close();
    }
  });

  it('takes the statement from the body, the URL, or both joined', async () => {
    const viaBody = await fetch(`${db.url}/`, { method: 'POST', body: 'SELECT 1 + 1' });
    expect(await viaBody.text()).toBe('2\n');
    const viaUrl = await fetch(`${db.url}/?query=${encodeURIComponent('SELECT 3')}`, { method: 'POST' });
    expect(await viaUrl.text()).toBe('3\n');
    const insert = await fetch(`${db.url}/?database=${db.database}&query=${encodeURIComponent('INSERT INTO notes VALUES')}`, {
      method: 'POST',
      body: "(20000, 'joined')",
    });
    expect(insert.status).toBe(200);
    const check = await db.client.query({ query: 'SELECT body FROM notes WHERE id = 20000', format: 'JSONEachRow' });
    expect(await check.json()).toEqual([{ body: 'joined' }]);
  });

  it('sends long parameter lists as multipart form fields', async () => {
    const client = createClient({ url: db.url, use_multipart_params: true });
    try {
      const words = Array.from({ length: 800 }, (_, i) => `word'${i}`);
      const result = await client.query({
        query: 'SELECT length({words:Array(String)}) AS n, {words:Array(String)}[800] AS last',
        query_params: { words },
        format: 'JSONEachRow',
      });
      expect(await result.json()).toEqual([{ n: 800, last: "word'799" }]);
    } finally {
      await client.close();
    }
  });

  it('answers an empty query with 400 and code 62', async () => {
    const answer = await fetch(`${db.url}/`, { method: 'POST', body: '' });
    expect(answer.status).toBe(400);
    expect(await answer.text()).toMatch(/^Code: 62\. DB::Exception: Empty query\. \(SYNTAX_ERROR\)/);
  });

  it('answers an unknown path with 404 and a hint', async () => {
    const answer = await fetch(`${db.url}/no/such/handler`);
    expect(answer.status).toBe(404);
    expect(await answer.text()).toContain('There is no handle /no/such/handler');
  });

  it('refuses a modifying statement over GET', async () => {
    const answer = await fetch(`${db.url}/?query=${encodeURIComponent('CREATE TABLE sneaky (a UInt8) ENGINE = Memory')}`);
    expect(answer.status).toBe(400);
    expect(answer.headers.get('x-clickhouse-exception-code')).toBe('164');
  });
});

describe('per-query settings', () => {
  it('applies a setting to its query only', async () => {
    const limited = db.client.query({
      query: 'SELECT number FROM numbers(10)',
      format: 'JSONEachRow',
      clickhouse_settings: { max_result_rows: '1', result_overflow_mode: 'throw' },
    });
    expect((await errorOf(limited)).code).toBe('396');
    const unlimited = await db.client.query({ query: 'SELECT number FROM numbers(10)', format: 'JSONEachRow' });
    expect(await unlimited.json()).toHaveLength(10);
  });

  it('applies max_execution_time, then puts it back; takes log_comment without applying it (no query_log here)', async () => {
    const read = (clickhouse_settings?: Record<string, string>) =>
      db.client
        .query({
          query: "SELECT getSetting('log_comment') AS comment, toString(getSetting('max_execution_time')) AS limit",
          format: 'JSONEachRow',
          clickhouse_settings,
        })
        .then((result) => result.json<{ comment: string; limit: string }>());
    // A ClickHouse server (CLICKHOUSE_URL) applies log_comment to label its query_log; the embedded one keeps none.
    const comment = process.env.CLICKHOUSE_URL?.trim() ? 'loupe:traces-list' : '';
    expect(await read({ log_comment: 'loupe:traces-list', max_execution_time: '7' })).toEqual([{ comment, limit: '7' }]);
    expect(await read()).toEqual([{ comment: '', limit: '0' }]);
  });

  it('keeps a SET statement from leaking into later queries', async () => {
    await db.client.command({ query: "SET log_comment = 'leaked'" });
    const result = await db.client.query({ query: "SELECT getSetting('log_comment') AS c", format: 'JSONEachRow' });
    expect(await result.json()).toEqual([{ c: '' }]);
  });

  it('reports an unknown setting with code 115 and keeps serving', async () => {
    const err = await errorOf(
      db.client.query({ query: 'SELECT 1', format: 'JSONEachRow', clickhouse_settings: { no_such_setting_at_all: 1 } as never }),
    );
    expect(err.code).toBe('115');
    const next = await db.client.query({ query: 'SELECT 1 AS one', format: 'JSONEachRow' });
    expect(await next.json()).toEqual([{ one: 1 }]);
  });
});
