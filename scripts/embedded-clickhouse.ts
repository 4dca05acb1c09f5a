/**
 * The embedded ClickHouse process: serves the data directory `<LOUPE_DATA_DIR>/clickhouse` on
 * LOUPE_HOST:LOUPE_CLICKHOUSE_PORT and prints one `embedded ClickHouse ready at <url>` line once it answers.
 * SIGTERM/SIGINT stop it cleanly: no new requests, queued work finished, chdb session closed, exit code 0.
 */
import { join, resolve } from 'node:path';
import { readEnv } from '../lib/env';
import { startEmbeddedClickHouse } from '../lib/clickhouse/embedded/server';

async function main(): Promise<void> {
  // LOUPE_CLICKHOUSE_PORT=0 (any free port, for tests) is accepted here only, so the shared schema keeps
  // rejecting 0 for every other port; the ready line carries the port actually bound.
  const anyPort = process.env.LOUPE_CLICKHOUSE_PORT === '0';
  const env = readEnv(anyPort ? { ...process.env, LOUPE_CLICKHOUSE_PORT: undefined } : process.env);
  const port = anyPort ? 0 : env.LOUPE_CLICKHOUSE_PORT;
  const server = await startEmbeddedClickHouse({
    dataDir: resolve(join(env.LOUPE_DATA_DIR, 'clickhouse')),
    host: env.LOUPE_HOST,
    port,
  });
  console.log(`embedded ClickHouse ready at ${server.url}`);

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    console.log(`embedded ClickHouse: ${signal} received, finishing queued queries`);
    server.close().then(
      () => process.exit(0),
      (err: unknown) => {
        console.error('embedded ClickHouse: shutdown failed', err);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((err: unknown) => {
  console.error('embedded ClickHouse failed to start:', err);
  process.exit(1);
});
