/**
 * Starts a whole Loupe stack for the end-to-end tests — the embedded ClickHouse in a fresh temp directory, the
 * collector and the production web build, each on a free port — and fills it with the demo scenarios (fixed seed).
 * Returns the teardown that stops it all. Builds the web app first when the build is missing or stale.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { runDemo } from '../../lib/demo';
import { ROOT, STACK_FILE, type E2eStack } from './stack';
import { buildWebIfStale, startStack } from './start-stack';

/** Milliseconds from now until the URL answers 200 (the demo has just had its last export acknowledged). */
async function timeUntilServed(url: string): Promise<number> {
  const started = performance.now();
  for (let attempt = 0; attempt < 200; attempt++) {
    if ((await fetch(url)).status === 200) return performance.now() - started;
    await new Promise((r) => setTimeout(r, 25));
  }
  return Number.POSITIVE_INFINITY;
}

export default async function globalSetup(): Promise<() => Promise<void>> {
  await buildWebIfStale(ROOT, 'e2e');
  const database = 'loupe_e2e';
  const running = await startStack({ root: ROOT, database, tmpPrefix: 'loupe-e2e-', env: { LOUPE_ALERT_QUIET_MS: '1000' } });
  const { collectorUrl, webUrl } = running;
  try {
    const runs = await runDemo({ endpoint: collectorUrl, seed: 20261123, now: Date.now(), log: () => undefined });
    const firstReadMs = await timeUntilServed(`${webUrl}/api/v1/traces/${runs.at(-1)?.traceIds[0] ?? ''}`);
    const stack: E2eStack = { webUrl, collectorUrl, clickhouseUrl: running.clickhouseUrl, database, firstReadMs, runs };
    mkdirSync(dirname(STACK_FILE), { recursive: true });
    writeFileSync(STACK_FILE, JSON.stringify(stack, null, 2));
    process.env.LOUPE_E2E_BASE_URL = webUrl;
    return running.stop;
  } catch (error) {
    await running.stop();
    throw error;
  }
}
