/**
 * Vitest globalSetup of the integration project: one ClickHouse for the whole run. `CLICKHOUSE_URL` selects an
 * existing server; otherwise an embedded one is spawned on a free port in a fresh temporary directory, and both
 * are removed at teardown. Test files reach it through `inject('clickhouseUrl')` (see ./clickhouse.ts).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { spawnEmbeddedClickHouse } from '../clickhouse/embedded/spawn';

declare module 'vitest' {
  export interface ProvidedContext {
    clickhouseUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const external = process.env.CLICKHOUSE_URL?.trim();
  if (external) {
    project.provide('clickhouseUrl', external);
    return async () => undefined;
  }
  const dataDir = await mkdtemp(join(tmpdir(), 'loupe-it-clickhouse-'));
  const clickhouse = await spawnEmbeddedClickHouse({ dataDir, port: 0, host: '127.0.0.1' });
  project.provide('clickhouseUrl', clickhouse.url);
  return async () => {
    await clickhouse.stop();
    await rm(dataDir, { recursive: true, force: true });
  };
}
