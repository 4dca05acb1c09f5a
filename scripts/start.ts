/**
 * `npm start` (and `npm run demo`, which adds `--demo`): supervises the whole stack on one machine — the embedded
 * ClickHouse when CLICKHOUSE_URL is unset, the collector, and the web app — prints where each listens, and stops
 * them all, in reverse order, on Ctrl-C. If any child dies, or start-up fails, everything stops and the exit code
 * says so.
 */
import { join, resolve } from 'node:path';
import { readEnv, clickhouseUrl, publicWebUrl } from '../lib/env';
import { COLLECTOR_NODE_FLAGS } from '../collector/node-flags';
import { runToCompletion, startChild, stopChild, waitForHttp, type Child } from './lib/children';
import { nextBin as nextBinIn, webBuildIsStale } from './lib/web-build';

const root = resolve(import.meta.dirname, '..');
const withDemo = process.argv.includes('--demo');
/** `--dev`: the web app from `next dev` (hot reload) instead of a production build. */
const devMode = process.argv.includes('--dev');
const tsx = (script: string) => ['--import', 'tsx', join(root, script)];
const nextBin = nextBinIn(root);

const children: Child[] = [];
let stoppingAll: Promise<never> | null = null;

/**
 * Stops every child, newest first, then exits. A second signal (Ctrl-C twice, or a signal forwarded by a wrapper
 * as well as sent directly) joins the stop in progress instead of exiting with children still running.
 */
function stopAll(code: number): Promise<never> {
  stoppingAll ??= (async () => {
    for (const child of [...children].reverse()) await stopChild(child);
    process.exit(code);
  })();
  return stoppingAll;
}

/** An essential child's death stops the stack; the demo traffic is not essential. */
function supervise(child: Child, essential = true): Child {
  children.push(child);
  void child.exited.then((code) => {
    if (stoppingAll) return;
    if (!essential) {
      console.error(`loupe: ${child.name} stopped (code ${code}); the rest keeps running`);
      return;
    }
    console.error(`loupe: ${child.name} exited unexpectedly (code ${code}); stopping everything`);
    void stopAll(1);
  });
  return child;
}

async function main() {
  const env = readEnv();
  const childEnv = { ...process.env };
  process.on('SIGINT', () => void stopAll(0));
  process.on('SIGTERM', () => void stopAll(0));

  if (!env.CLICKHOUSE_URL) {
    const clickhouse = supervise(startChild('clickhouse', process.execPath, tsx('scripts/embedded-clickhouse.ts'), childEnv));
    await waitForHttp(`${clickhouseUrl(env)}/ping`, 120_000, clickhouse);
  }
  const collectorUrl = `http://${env.LOUPE_HOST}:${env.LOUPE_OTLP_PORT}`;
  const collector = supervise(startChild('collector', process.execPath, [...COLLECTOR_NODE_FLAGS, ...tsx('collector/main.ts')], childEnv));

  if (!devMode && webBuildIsStale(root)) {
    console.log('loupe: building the web app (first start, or the sources changed; a few minutes on 2 cores)…');
    await runToCompletion('build', process.execPath, [nextBin, 'build'], childEnv);
  }
  const webArgs = [devMode ? 'dev' : 'start', '-p', String(env.LOUPE_WEB_PORT), '-H', env.LOUPE_HOST];
  const web = supervise(startChild('web', process.execPath, [nextBin, ...webArgs], childEnv));
  await waitForHttp(`${collectorUrl}/readyz`, 120_000, collector);
  await waitForHttp(`http://${env.LOUPE_HOST}:${env.LOUPE_WEB_PORT}/api/v1/traces?limit=1`, 180_000, web);

  console.log('');
  console.log(`  Loupe is running`);
  console.log(`    web app       ${publicWebUrl(env)}`);
  console.log(`    OTLP/HTTP     ${collectorUrl}  (set OTEL_EXPORTER_OTLP_ENDPOINT=${collectorUrl})`);
  console.log(`    ClickHouse    ${clickhouseUrl(env)}${env.CLICKHOUSE_URL ? '' : ` (embedded, data in ${env.LOUPE_DATA_DIR})`}`);
  console.log(`  Press Ctrl-C to stop.`);
  console.log('');

  if (withDemo) {
    supervise(startChild('demo', process.execPath, [...tsx('scripts/demo.ts'), '--endpoint', collectorUrl, '--live'], childEnv), false);
  }
}

main().catch((error: unknown) => {
  console.error(`loupe: failed to start: ${error instanceof Error ? error.message : String(error)}`);
  void stopAll(1);
});
