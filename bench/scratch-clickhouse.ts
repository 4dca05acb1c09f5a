/**
 * An embedded ClickHouse of a benchmark's own: started on a free loopback port over a temporary data directory,
 * stopped and its data removed when the benchmark's work ends, whether it succeeded or threw.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClickHouse, type ClickHouseClient } from '../lib/clickhouse/client';
import { spawnEmbeddedClickHouse, type SpawnedClickHouse } from '../lib/clickhouse/embedded/spawn';
import { migrate } from '../lib/clickhouse/migrate';

export async function withScratchClickHouse<T>(name: string, work: (clickhouse: SpawnedClickHouse) => Promise<T>): Promise<T> {
  const dataDir = mkdtempSync(join(tmpdir(), `loupe-${name}-`));
  try {
    const clickhouse = await spawnEmbeddedClickHouse({ dataDir, port: 0, host: '127.0.0.1' });
    try {
      return await work(clickhouse);
    } finally {
      await clickhouse.stop();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** A client of `database` on the scratch ClickHouse, the database created and migrated first. */
export async function migratedDatabase(clickhouse: SpawnedClickHouse, database: string): Promise<ClickHouseClient> {
  const config = { url: clickhouse.url, username: 'default', password: '', database };
  const admin = createClickHouse(config, { withDatabase: false });
  try {
    await migrate(admin, { database });
  } finally {
    await admin.close();
  }
  return createClickHouse(config);
}
