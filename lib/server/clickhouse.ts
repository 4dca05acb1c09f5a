/**
 * The web app's ClickHouse client: one per server process, created on first use rather than at import, so that
 * `next build` (which imports route modules) neither needs the environment nor opens connections.
 */
import { clickhouseConfig, createClickHouse, type ClickHouseClient } from '../clickhouse/client';
import { readEnv } from '../env';

export interface ServerClickHouse {
  client: ClickHouseClient;
  database: string;
  defaultProject: string;
}

let instance: ServerClickHouse | undefined;

export function serverClickHouse(): ServerClickHouse {
  if (!instance) {
    const env = readEnv();
    const config = clickhouseConfig(env);
    instance = { client: createClickHouse(config), database: config.database, defaultProject: env.LOUPE_DEFAULT_PROJECT };
  }
  return instance;
}

/** Closes the client (tests, process shutdown); the next `serverClickHouse()` opens a new one. */
export async function closeServerClickHouse(): Promise<void> {
  const current = instance;
  instance = undefined;
  await current?.client.close();
}
