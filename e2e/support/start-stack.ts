/**
 * Starts an isolated Loupe stack — the embedded ClickHouse in a fresh temp directory, the collector and the
 * production web build, each on a free port — for the end-to-end tests and the benchmarks. `stop()` ends the three
 * processes and removes the temp directory. `buildWebIfStale` builds the web app first when the build is missing
 * or older than its sources, so that nothing ever runs against `next dev`.
 */
import { spawn, type ChildProcess, type StdioOptions } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnEmbeddedClickHouse } from '../../lib/clickhouse/embedded/spawn';
import { nextBin, webBuildIsStale } from '../../scripts/lib/web-build';

export interface StartStackOptions {
  root: string;
  database: string;
  /** Prefix of the temp directory that holds ClickHouse's data. */
  tmpPrefix: string;
  /** Where the collector's output goes (default: ours). */
  collectorStdio?: StdioOptions;
  /** Where the web server's output goes (default: nowhere). */
  webStdio?: StdioOptions;
  /** Receives ClickHouse's lines (default: its stderr goes to ours). */
  clickhouseLog?: (line: string) => void;
  /** More environment for the collector and the web app (after the stack's own). */
  env?: Record<string, string>;
  /** Seconds to wait for the collector and the web app to answer (default 120). */
  readyTimeoutS?: number;
}

export interface RunningStack {
  collectorUrl: string;
  webUrl: string;
  clickhouseUrl: string;
  database: string;
  dataDir: string;
  /** Stops the web app, the collector and ClickHouse, then removes the temp directory. Safe to call twice. */
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  await new Promise<void>((done) => server.close(() => done()));
  if (!address || typeof address === 'string') throw new Error('could not find a free port');
  return address.port;
}

async function waitFor(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${url}: its process exited with code ${child.exitCode}`);
    const ok = await fetch(url, { signal: AbortSignal.timeout(2_000) }).then((r) => r.status < 500, () => false);
    if (ok) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not answer within ${timeoutMs / 1000} s`);
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** Runs `next build` when the production build is missing or stale; `label` prefixes the one line it prints. */
export async function buildWebIfStale(root: string, label: string): Promise<boolean> {
  if (!webBuildIsStale(root)) return false;
  console.log(`${label}: building the web app…`);
  const build = spawn(process.execPath, [nextBin(root), 'build'], { cwd: root, stdio: 'inherit' });
  const code = await new Promise<number | null>((resolve) => build.once('exit', resolve));
  if (code !== 0) throw new Error(`next build failed with code ${code}`);
  return true;
}

export async function startStack(options: StartStackOptions): Promise<RunningStack> {
  const { root, database } = options;
  const dataDir = mkdtempSync(join(tmpdir(), options.tmpPrefix));
  const removeDataDir = () => rmSync(dataDir, { recursive: true, force: true });
  let clickhouse: Awaited<ReturnType<typeof spawnEmbeddedClickHouse>>;
  let otlpPort: number;
  let webPort: number;
  try {
    [otlpPort, webPort] = [await freePort(), await freePort()];
    clickhouse = await spawnEmbeddedClickHouse({ dataDir, port: 0, host: '127.0.0.1', log: options.clickhouseLog });
  } catch (error) {
    removeDataDir();
    throw error;
  }
  const env = {
    ...process.env,
    CLICKHOUSE_URL: clickhouse.url,
    CLICKHOUSE_DATABASE: database,
    LOUPE_OTLP_PORT: String(otlpPort),
    LOUPE_WEB_PORT: String(webPort),
    LOUPE_PUBLIC_URL: `http://127.0.0.1:${webPort}`,
    LOUPE_BATCH_MAX_WAIT_MS: '50',
    ...options.env,
  };
  const collector = spawn(process.execPath, ['--import', 'tsx', join(root, 'collector/main.ts')], {
    cwd: root,
    env,
    stdio: options.collectorStdio ?? 'inherit',
  });
  const web = spawn(process.execPath, [nextBin(root), 'start', '-p', String(webPort), '-H', '127.0.0.1'], {
    cwd: root,
    env,
    stdio: options.webStdio ?? 'ignore',
  });

  let stopped: Promise<void> | null = null;
  const stop = () =>
    (stopped ??= (async () => {
      await stopChild(web);
      await stopChild(collector);
      await clickhouse.stop();
      removeDataDir();
    })());
  const collectorUrl = `http://127.0.0.1:${otlpPort}`;
  const webUrl = `http://127.0.0.1:${webPort}`;
  try {
    const timeoutMs = (options.readyTimeoutS ?? 120) * 1000;
    await waitFor(`${collectorUrl}/readyz`, collector, timeoutMs);
    await waitFor(`${webUrl}/api/v1/traces?limit=1`, web, timeoutMs);
  } catch (error) {
    await stop();
    throw error;
  }
  return { collectorUrl, webUrl, clickhouseUrl: clickhouse.url, database, dataDir, stop };
}
