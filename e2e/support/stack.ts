/**
 * What the global setup started, written to a file so that specs (in other processes) know where the stack is and
 * which demo runs it holds.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { DemoRun } from '../../lib/demo';

export const ROOT = resolve(import.meta.dirname, '..', '..');
export const STACK_FILE = join(ROOT, '.tmp', 'e2e', 'stack.json');

export interface E2eStack {
  webUrl: string;
  collectorUrl: string;
  clickhouseUrl: string;
  database: string;
  /** From the demo's last acknowledged export to the API serving that trace, in milliseconds. */
  firstReadMs: number;
  runs: DemoRun[];
}

export function readStack(): E2eStack {
  return JSON.parse(readFileSync(STACK_FILE, 'utf8')) as E2eStack;
}

/** The demo run of a scenario (each scenario runs once in the end-to-end data). */
export function runOf(scenario: string): DemoRun & { traceId: string } {
  const run = readStack().runs.find((r) => r.scenario === scenario);
  const traceId = run?.traceIds[0];
  if (!run || !traceId) throw new Error(`The end-to-end data has no run of scenario ${scenario}`);
  return { ...run, traceId };
}
