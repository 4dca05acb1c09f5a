/**
 * `npm start` (and `npm run demo`, which adds `--demo`): supervises the whole stack on one machine — the embedded
 * ClickHouse when CLICKHOUSE_URL is unset, the collector, and the web app — prints where each listens, and stops
 * them all, in reverse order, on Ctrl-C. If any child dies, everything stops and the exit code says so.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { readEnv, clickhouseUrl, publicWebUrl } from '../lib/env';
import { runToCompletion, startChild, stopChild, waitForHttp, type Child } from './lib/children';

const root = resolve(import.meta.dirname, '..');
const withDemo = process.argv.includes('--demo');
const tsx = (script: string) => ['--import', 'tsx', join(root, script)];
const nextBin = join(root, 'node_modules', 'next', 'dist', 'bin', 'next');

async function main() {
  const env = readEnv();
  const childEnv = { ...process.env };
  const children: Child[] = [];
  let stopping = false;

  const stopAll = async (code: number) => {
    if (stopping) return;
    stopping = true;
    for (const child of [...children].reverse()) await stopChild(child);
    process.exit(code);
  };
  process.on('SIGINT', () => void stopAll(0));
  process.on('SIGTERM', () => void stopAll(0));
  const supervise = (child: Child) => {
    children.push(child);
    void child.exited.then((code) => {
      if (stopping) return;
      console.error(`loupe: ${child.name} exited unexpectedly (code ${code}); stopping everything`);
      void stopAll(1);
    });
    return child;
  };

  if (!env.CLICKHOUSE_URL) {
    const clickhouse = supervise(startChild('clickhouse', process.execPath, tsx('scripts/embedded-clickhouse.ts'), childEnv));
    await waitForHttp(`${clickhouseUrl(env)}/ping`, 120_000, clickhouse);
  }
  const collectorUrl = `http://${env.LOUPE_HOST}:${env.LOUPE_OTLP_PORT}`;
  const collector = supervise(startChild('collector', process.execPath, tsx('collector/main.ts'), childEnv));

  if (webBuildIsStale()) {
    console.log('loupe: building the web app (first start, or the sources changed; a few minutes on 2 cores)…');
    await runToCompletion('build', process.execPath, [nextBin, 'build'], childEnv);
  }
  const web = supervise(
    startChild('web', process.execPath, [nextBin, 'start', '-p', String(env.LOUPE_WEB_PORT), '-H', env.LOUPE_HOST], childEnv),
  );
  await waitForHttp(`${collectorUrl}/readyz`, 120_000, collector);
  await waitForHttp(`http://${env.LOUPE_HOST}:${env.LOUPE_WEB_PORT}/api/v1/traces?limit=1`, 120_000, web);

  console.log('');
  console.log(`  Loupe is running`);
  console.log(`    web app       ${publicWebUrl(env)}`);
  console.log(`    OTLP/HTTP     ${collectorUrl}  (set OTEL_EXPORTER_OTLP_ENDPOINT=${collectorUrl})`);
  console.log(`    ClickHouse    ${clickhouseUrl(env)}${env.CLICKHOUSE_URL ? '' : ` (embedded, data in ${env.LOUPE_DATA_DIR})`}`);
  console.log(`  Press Ctrl-C to stop.`);
  console.log('');

  if (withDemo) {
    supervise(startChild('demo', process.execPath, [...tsx('scripts/demo.ts'), '--endpoint', collectorUrl, '--live'], childEnv));
  }
}

/** The production build is reused unless a source file is newer than it. */
function webBuildIsStale(): boolean {
  const buildId = join(root, '.next', 'BUILD_ID');
  if (!existsSync(buildId)) return true;
  const builtAt = statSync(buildId).mtimeMs;
  const newer = (dir: string): boolean =>
    existsSync(dir) &&
    readdirSync(dir, { withFileTypes: true }).some((entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return newer(path);
      return statSync(path).mtimeMs > builtAt;
    });
  return ['app', 'components', 'lib'].some((dir) => newer(join(root, dir))) ||
    ['next.config.mjs', 'package.json', 'postcss.config.mjs'].some((f) => existsSync(join(root, f)) && statSync(join(root, f)).mtimeMs > builtAt);
}

main().catch((error: unknown) => {
  console.error(`loupe: failed to start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
