/**
 * A fresh, uniquely named database on the integration run's ClickHouse (see ./global-setup.ts) and a
 * `@clickhouse/client` bound to it, so every test file works in its own database and never sees another's rows.
 */
import { randomBytes } from 'node:crypto';
import { createClient, type ClickHouseClient } from '@clickhouse/client';
import { inject } from 'vitest';

export interface TestDatabase {
  client: ClickHouseClient;
  database: string;
  url: string;
  /** Drops the database and closes the client. */
  drop(): Promise<void>;
}

export async function createTestDatabase(prefix = 'test'): Promise<TestDatabase> {
  if (!/^[a-z][a-z0-9_]*$/.test(prefix)) throw new Error(`Invalid test database prefix: ${JSON.stringify(prefix)}`);
  const url = inject('clickhouseUrl');
  const database = `${prefix}_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  const admin = createClient({ url, username: process.env.CLICKHOUSE_USER ?? 'default', password: process.env.CLICKHOUSE_PASSWORD ?? '' });
  try {
    await admin.command({ query: `CREATE DATABASE ${database}` });
  } finally {
    await admin.close();
  }
  const client = createClient({
    url,
    username: process.env.CLICKHOUSE_USER ?? 'default',
    password: process.env.CLICKHOUSE_PASSWORD ?? '',
    database,
  });
  return {
    client,
    database,
    url,
    async drop() {
      try {
        await client.command({ query: `DROP DATABASE IF EXISTS ${database}` });
      } finally {
        await client.close();
      }
    },
  };
}
