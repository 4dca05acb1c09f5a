/**
 * The collector process: `npx tsx collector/main.ts`. Configured by the environment (lib/env.ts); stops cleanly
 * on SIGTERM or SIGINT, committing every span it has already accepted.
 */
import { clickhouseConfig } from '../lib/clickhouse/client';
import { readEnv } from '../lib/env';
import { startCollector } from './collector';

async function main() {
  const env = readEnv();
  const collector = await startWhenClickHouseAnswers(() =>
    startCollector({
      clickhouse: clickhouseConfig(env),
      host: env.LOUPE_HOST,
      port: env.LOUPE_OTLP_PORT,
      defaultProject: env.LOUPE_DEFAULT_PROJECT,
      maxBodyBytes: env.LOUPE_MAX_BODY_BYTES,
      maxBatchSpans: env.LOUPE_BATCH_MAX_ROWS,
      maxWaitMs: env.LOUPE_BATCH_MAX_WAIT_MS,
      rememberedSpans: env.LOUPE_REMEMBERED_SPANS,
    }),
  );
  console.log(`collector listening on ${collector.url} (OTLP/HTTP: POST ${collector.url}/v1/traces)`);

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`collector: ${signal} received, committing accepted spans`);
    collector.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(`collector: shutdown failed: ${String(error)}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

/** ClickHouse may still be starting (the embedded engine loads its tables); wait up to a minute for it. */
async function startWhenClickHouseAnswers<T>(start: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + 60_000;
  for (let attempt = 1; ; attempt++) {
    try {
      return await start();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      if (attempt === 1) console.log(`collector: waiting for ClickHouse (${String(error)})`);
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
  }
}

main().catch((error: unknown) => {
  console.error(`collector: failed to start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
