/**
 * `npm test`: every tier in order — static checks, unit, integration (real ClickHouse, real OpenTelemetry SDK),
 * end to end (Chromium) — and one closing line `N passed, N failed` totalling all of them. A tier that crashes
 * before reporting counts as one failure, so a broken tier can never look green.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const out = join(root, '.tmp', 'test-results');
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

interface Tally {
  tier: string;
  passed: number;
  failed: number;
}

const bin = (name: string) => join(root, 'node_modules', '.bin', name);

function run(command: string, args: string[], env: Record<string, string> = {}): number {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  return result.status ?? 1;
}

function check(tier: string, command: string, args: string[]): Tally {
  console.log(`\n== ${tier}: ${[command, ...args].join(' ')}`);
  const ok = run(command, args) === 0;
  return { tier, passed: ok ? 1 : 0, failed: ok ? 0 : 1 };
}

function vitest(tier: string, project: string): Tally {
  const report = join(out, `${project}.json`);
  console.log(`\n== ${tier}`);
  const code = run(bin('vitest'), ['run', '--project', project, '--reporter=default', '--reporter=json', `--outputFile.json=${report}`]);
  if (!existsSync(report)) return { tier, passed: 0, failed: 1 };
  const json = JSON.parse(readFileSync(report, 'utf8')) as { numPassedTests: number; numFailedTests: number; numTotalTestSuites: number; success: boolean };
  // A file that fails to load reports no failed test; count it so the run still fails.
  const failed = json.numFailedTests + (code !== 0 && json.numFailedTests === 0 ? 1 : 0);
  return { tier, passed: json.numPassedTests, failed };
}

function playwright(tier: string): Tally {
  const report = join(out, 'e2e.json');
  console.log(`\n== ${tier}`);
  const code = run(bin('playwright'), ['test', '--reporter=list,json'], { PLAYWRIGHT_JSON_OUTPUT_NAME: report });
  if (!existsSync(report)) return { tier, passed: 0, failed: 1 };
  const json = JSON.parse(readFileSync(report, 'utf8')) as { stats: { expected: number; unexpected: number; flaky: number } };
  const failed = json.stats.unexpected + (code !== 0 && json.stats.unexpected === 0 ? 1 : 0);
  return { tier, passed: json.stats.expected + json.stats.flaky, failed };
}

const tallies: Tally[] = [
  check('typecheck', bin('tsc'), ['--noEmit', '-p', '.']),
  check('lint', bin('eslint'), ['.', '--max-warnings=0']),
  vitest('unit', 'unit'),
  vitest('integration', 'integration'),
];
if (existsSync(join(root, 'playwright.config.ts'))) tallies.push(playwright('end to end'));

console.log('\n== summary');
for (const t of tallies) console.log(`${t.tier.padEnd(14)} ${t.passed} passed, ${t.failed} failed`);
const passed = tallies.reduce((sum, t) => sum + t.passed, 0);
const failed = tallies.reduce((sum, t) => sum + t.failed, 0);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
