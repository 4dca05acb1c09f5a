/**
 * The embedded ClickHouse as its own process: it starts on a free port, answers, exits 0 on SIGTERM, and its data
 * survives a restart on the same data directory; binary insert bodies leave no file behind.
 */
import { Readable } from 'node:stream';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from '@clickhouse/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INSERT_SPOOL_DIR } from './engine';
import { spawnEmbeddedClickHouse } from './spawn';

let dataDir: string;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'loupe-spawn-'));
});
afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

describe('spawnEmbeddedClickHouse', () => {
  it('serves, exits 0 on SIGTERM, and keeps its data across a restart', async () => {
    const first = await spawnEmbeddedClickHouse({ dataDir, port: 0, host: '127.0.0.1' });
    expect(first.port).toBeGreaterThan(0);
    expect(first.url).toBe(`http://127.0.0.1:${first.port}`);
    const client = createClient({ url: first.url });
    try {
      expect(await client.ping()).toEqual({ success: true });
      await client.command({ query: 'CREATE TABLE kept (id UInt32, note String) ENGINE = MergeTree ORDER BY id' });
      await client.insert({ table: 'kept', values: [{ id: 1, note: 'survives' }], format: 'JSONEachRow' });
      // id 2, note 'binary': a little-endian UInt32, then the length and bytes of the string.
      const row = Buffer.from([2, 0, 0, 0, 6, ...Buffer.from('binary')]);
      const inserted = await client.exec({ query: 'INSERT INTO kept (id, note) FORMAT RowBinary', values: Readable.from([row]) });
      for await (const chunk of inserted.stream as AsyncIterable<unknown>) void chunk;
      expect(await readdir(join(dataDir, 'clickhouse', INSERT_SPOOL_DIR))).toEqual([]);
    } finally {
      await client.close();
      await first.stop();
    }
    expect(first.process.exitCode).toBe(0);
    // A body left by a process killed mid-insert is cleared at start.
    await mkdir(join(dataDir, 'clickhouse', INSERT_SPOOL_DIR), { recursive: true });
    await writeFile(join(dataDir, 'clickhouse', INSERT_SPOOL_DIR, 'left-behind.bin'), Buffer.from([1, 2, 3]));

    const second = await spawnEmbeddedClickHouse({ dataDir, port: 0, host: '127.0.0.1' });
    const again = createClient({ url: second.url });
    try {
      const result = await again.query({ query: 'SELECT id, note FROM kept ORDER BY id', format: 'JSONEachRow' });
      expect(await result.json()).toEqual([
        { id: 1, note: 'survives' },
        { id: 2, note: 'binary' },
      ]);
      expect(await readdir(join(dataDir, 'clickhouse', INSERT_SPOOL_DIR))).toEqual([]);
    } finally {
      await again.close();
      await second.stop();
    }
    expect(second.process.exitCode).toBe(0);
  });
});
