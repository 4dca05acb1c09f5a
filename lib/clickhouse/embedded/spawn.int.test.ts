/**
 * The embedded ClickHouse as its own process: it starts on a free port, answers, exits 0 on SIGTERM, and its data
 * survives a restart on the same data directory.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from '@clickhouse/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
    } finally {
      await client.close();
      await first.stop();
    }
    expect(first.process.exitCode).toBe(0);

    const second = await spawnEmbeddedClickHouse({ dataDir, port: 0, host: '127.0.0.1' });
    const again = createClient({ url: second.url });
    try {
      const result = await again.query({ query: 'SELECT id, note FROM kept', format: 'JSONEachRow' });
      expect(await result.json()).toEqual([{ id: 1, note: 'survives' }]);
    } finally {
      await again.close();
      await second.stop();
    }
    expect(second.process.exitCode).toBe(0);
  });
});
