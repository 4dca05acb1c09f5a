/**
 * Runs the embedded ClickHouse (`scripts/embedded-clickhouse.ts`) as a child process, for the start-up supervisor,
 * benchmarks and tests: resolves once `/ping` answers, and stops it with SIGTERM (SIGKILL after a grace period).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';

const SCRIPT = fileURLToPath(new URL('../../../scripts/embedded-clickhouse.ts', import.meta.url));
const READY = /embedded ClickHouse ready at (http:\/\/\S+)/;

export interface SpawnOptions {
  /** Loupe's data directory (LOUPE_DATA_DIR); ClickHouse keeps its data in `<dataDir>/clickhouse`. */
  dataDir: string;
  /** 0 lets the child pick a free port; the returned `port` is the one it bound. */
  port: number;
  host?: string;
  /** How long to wait for the first successful `/ping` (default 60 s). */
  startTimeoutMs?: number;
  /** Receives every line the child prints (default: its stderr goes to ours). */
  log?: (line: string) => void;
}

export interface SpawnedClickHouse {
  url: string;
  port: number;
  process: ChildProcess;
  /** SIGTERM, then SIGKILL after `graceMs` (default 10 s); resolves once the process has exited. */
  stop(graceMs?: number): Promise<void>;
}

export class EmbeddedClickHouseStartError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EmbeddedClickHouseStartError';
  }
}

export async function spawnEmbeddedClickHouse(options: SpawnOptions): Promise<SpawnedClickHouse> {
  const { dataDir, port, host = '127.0.0.1', startTimeoutMs = 60_000 } = options;
  const child = spawn(process.execPath, ['--import', 'tsx', SCRIPT], {
    env: { ...process.env, LOUPE_DATA_DIR: dataDir, LOUPE_CLICKHOUSE_PORT: String(port), LOUPE_HOST: host },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = once(child, 'exit');
  const tail: string[] = [];
  const remember = (line: string) => {
    tail.push(line);
    if (tail.length > 20) tail.shift();
    options.log?.(line);
  };
  createInterface({ input: child.stderr as NodeJS.ReadableStream }).on('line', (line) => {
    remember(line);
    if (!options.log) process.stderr.write(`${line}\n`);
  });
  const ready = new Promise<string>((resolve) => {
    createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', (line) => {
      remember(line);
      const match = READY.exec(line);
      if (match) resolve(match[1] as string);
    });
  });

  const stop = async (graceMs = 10_000) => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    await exited;
    clearTimeout(timer);
  };

  const failure = (reason: string) =>
    new EmbeddedClickHouseStartError(`embedded ClickHouse did not start: ${reason}\n${tail.join('\n')}`);
  const timeout = new Promise<never>((_, reject) => {
    const timer = setTimeout(() => reject(failure(`no answer within ${startTimeoutMs} ms`)), startTimeoutMs);
    timer.unref();
  });
  const died = exited.then(([code, signal]) => {
    throw failure(`the process exited (code ${code}, signal ${signal})`);
  });
  try {
    const url = await Promise.race([ready, died, timeout]);
    await Promise.race([waitForPing(url, Date.now() + startTimeoutMs), died, timeout]);
    return { url, port: Number(new URL(url).port), process: child, stop };
  } catch (err) {
    await stop(2_000);
    throw err;
  } finally {
    died.catch(() => undefined);
  }
}

async function waitForPing(url: string, deadline: number): Promise<void> {
  while (Date.now() < deadline) {
    try {
      const answer = await fetch(`${url}/ping`);
      if (answer.ok && (await answer.text()) === 'Ok.\n') return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
