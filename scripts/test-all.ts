/**
 * `npm test`: every tier in order — static checks, unit, integration (real ClickHouse, real OpenTelemetry SDK),
 * end to end (Chromium) — and one closing line `N passed, N failed` totalling all of them. A tier that crashes
 * before reporting counts as one failure, so a broken tier can never look green.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const out = join(root, '.tmp', 'test-results');
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

interface Tally {
  tier: string;
  passed: number;
  failed: number;
  /** The failed tests, by file and name, repeated at the end where a reader of the last lines sees them. */
  failures: string[];
}

const bin = (name: string) => join(root, 'node_modules', '.bin', name);

function run(command: string, args: string[], env: Record<string, string> = {}): number {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  return result.status ?? 1;
}

function check(tier: string, command: string, args: string[]): Tally {
  console.log(`\n== ${tier}: ${[command, ...args].join(' ')}`);
  const ok = run(command, args) === 0;
  return { tier, passed: ok ? 1 : 0, failed: ok ? 0 : 1, failures: ok ? [] : [[command, ...args].join(' ')] };
}

function vitest(tier: string, project: string): Tally {
  const report = join(out, `${project}.json`);
  console.log(`\n== ${tier}`);
  const code = run(bin('vitest'), ['run', '--project', project, '--reporter=default', '--reporter=json', `--outputFile.json=${report}`]);
  if (!existsSync(report)) return { tier, passed: 0, failed: 1, failures: [`${project}: no report`] };
  const json = JSON.parse(readFileSync(report, 'utf8')) as {
    numPassedTests: number;
    numFailedTests: number;
    testResults: { name: string; status: string; message?: string; assertionResults: { fullName: string; status: string }[] }[];
  };
  const failures: string[] = [];
  for (const file of json.testResults) {
    const name = relative(root, file.name);
    for (const test of file.assertionResults) if (test.status === 'failed') failures.push(`${name} › ${test.fullName}`);
    if (file.status === 'failed' && !file.assertionResults.some((t) => t.status === 'failed')) {
      failures.push(`${name}: ${(file.message ?? 'failed').split('\n')[0]}`);
    }
  }
  if (code !== 0 && failures.length === 0) failures.push(`vitest exited with ${code}`);
  // A file that fails to load reports no failed test; count it so the run still fails.
  const failed = json.numFailedTests + (code !== 0 && json.numFailedTests === 0 ? 1 : 0);
  return { tier, passed: json.numPassedTests, failed, failures };
}

interface PlaywrightSuite {
  specs?: { title: string; file: string; line: number; tests: { status: string }[] }[];
  suites?: PlaywrightSuite[];
}

function playwright(tier: string): Tally {
  const report = join(out, 'e2e.json');
  console.log(`\n== ${tier}`);
  const code = run(bin('playwright'), ['test', '--reporter=list,json'], { PLAYWRIGHT_JSON_OUTPUT_NAME: report });
  if (!existsSync(report)) return { tier, passed: 0, failed: 1, failures: ['playwright: no report'] };
  const json = JSON.parse(readFileSync(report, 'utf8')) as { stats: { expected: number; unexpected: number; flaky: number }; suites?: PlaywrightSuite[] };
  const failures: string[] = [];
  const walk = (suite: PlaywrightSuite) => {
    for (const spec of suite.specs ?? []) {
      if (spec.tests.some((t) => t.status === 'unexpected')) failures.push(`${spec.file}:${spec.line} › ${spec.title}`);
    }
    for (const child of suite.suites ?? []) walk(child);
  };
  for (const suite of json.suites ?? []) walk(suite);
  if (code !== 0 && failures.length === 0) failures.push(`playwright exited with ${code}`);
  const failed = json.stats.unexpected + (code !== 0 && json.stats.unexpected === 0 ? 1 : 0);
  return { tier, passed: json.stats.expected + json.stats.flaky, failed, failures };
}

const tallies: Tally[] = [
  check('typecheck', bin('tsc'), ['--noEmit', '-p', '.']),
  check('lint', bin('eslint'), ['.', '--max-warnings=0']),
  vitest('unit', 'unit'),
  vitest('integration', 'integration'),
];
if (existsSync(join(root, 'playwright.config.ts'))) tallies.push(playwright('end to end'));

console.log('\n== summary');
for (const t of tallies) for (const failure of t.failures) console.log(`failed: ${t.tier}: ${failure}`);
for (const t of tallies) console.log(`${t.tier.padEnd(14)} ${t.passed} passed, ${t.failed} failed`);
const passed = tallies.reduce((sum, t) => sum + t.passed, 0);
const failed = tallies.reduce((sum, t) => sum + t.failed, 0);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
