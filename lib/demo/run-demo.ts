/**
 * Runs demo scenarios against a collector: plan each run from the seed, place it in the demo window before
 * `now`, emit it through the SDK, export it per service with the scenario's OTLP encoding, and report what the
 * store should now hold. Scenarios run one after another so ids and timings do not depend on scheduling.
 */
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { AgentStory } from './agent-story';
import { emitPlan } from './emit';
import { planDurationMs, summarisePlan } from './expected';
import { exportSpans, type ExportTarget } from './export';
import { startRetryProxy } from './retry-proxy';
import { createRng } from './rng';
import { SCENARIOS } from './scenarios';
import type { DemoRun, ScenarioDefinition } from './types';

export const DAY_MS = 24 * 60 * 60 * 1000;

export class DemoConfigError extends Error {
  override name = 'DemoConfigError';
}

export interface RunDemoOptions {
  /** Collector base URL, e.g. http://127.0.0.1:4318 (spans go to POST /v1/traces). */
  endpoint: string;
  seed: number | string;
  /** Epoch milliseconds; every run ends before it. */
  now: number;
  /** Scenario names; all of them when absent. */
  scenarios?: string[];
  /** How far back runs are spread (default 24 h). 0 makes every run end at `now`, as live traffic does. */
  spreadMs?: number;
  /** Called with one line per scenario once its spans are exported. */
  log?: (line: string) => void;
  /** Per export, retries included (default 10 s); a retried export needs at least ~1.2 s for its backoff. */
  exportTimeoutMillis?: number;
}

export interface EmittedScenario {
  run: DemoRun;
  /** Every span sent, once each (a retried export sends some twice on the wire). */
  spans: ReadableSpan[];
}

export async function runDemo(options: RunDemoOptions): Promise<DemoRun[]> {
  const scenarios = selectScenarios(options.scenarios);
  const runs: DemoRun[] = [];
  for (const scenario of scenarios) {
    const { run } = await emitScenario(scenario, options);
    options.log?.(formatRunLine(run));
    runs.push(run);
  }
  return runs;
}

/** Plans, emits and exports one scenario; the spans are returned for tests that check the wire against the plan. */
export async function emitScenario(
  scenario: ScenarioDefinition,
  options: Pick<RunDemoOptions, 'endpoint' | 'seed' | 'now' | 'spreadMs' | 'exportTimeoutMillis'>,
): Promise<EmittedScenario> {
  const tracesUrl = tracesEndpoint(options.endpoint);
  if (!Number.isFinite(options.now)) throw new DemoConfigError(`now must be epoch milliseconds, got ${options.now}`);
  if (typeof options.seed === 'number' ? !Number.isFinite(options.seed) : options.seed.trim() === '') {
    throw new DemoConfigError(`seed must be a finite number or a non-empty string, got ${String(options.seed)}`);
  }
  const spreadMs = options.spreadMs ?? DAY_MS;
  if (!(spreadMs >= 0)) throw new DemoConfigError(`spreadMs must be >= 0, got ${spreadMs}`);

  const rng = createRng(options.seed).fork(scenario.name);
  const story = new AgentStory(rng.fork('story'), scenario.service);
  scenario.build(story);
  const plan = story.finish();

  // Each scenario keeps its own slot in the window, so running a subset places runs where the full demo would.
  const index = Math.max(0, SCENARIOS.indexOf(scenario));
  const slot = (index + 0.15 + rng.fork('slot').float() * 0.7) / SCENARIOS.length;
  const runStartMs = Math.round(options.now - spreadMs * (1 - slot) - planDurationMs(plan));

  const byService = await emitPlan(plan, runStartMs, rng);
  const spans = [...byService.values()].flat();
  for (const [service, serviceSpans] of byService) {
    const label = `${scenario.name} (${service})`;
    const target = { url: tracesUrl, encoding: scenario.encoding, label, timeoutMillis: options.exportTimeoutMillis };
    if (scenario.retriedExport) await exportThroughRetryProxy(serviceSpans, target);
    else await exportSpans(serviceSpans, target);
  }

  const traceIds = [...new Set(spans.filter((span) => !span.parentSpanContext).map((span) => span.spanContext().traceId))];
  return {
    run: { scenario: scenario.name, traceIds, problems: [...scenario.problems], expected: summarisePlan(plan) },
    spans,
  };
}

async function exportThroughRetryProxy(
  spans: ReadableSpan[],
  target: ExportTarget,
): Promise<void> {
  const proxy = await startRetryProxy(target.url);
  try {
    await exportSpans(spans, { ...target, url: proxy.url });
    // Without a second request the run would not contain what its label promises.
    if (proxy.requestCount() < 2) {
      throw new DemoConfigError(`${target.label}: the exporter did not retry (${proxy.requestCount()} request)`);
    }
  } finally {
    await proxy.close();
  }
}

export function selectScenarios(names?: string[]): ScenarioDefinition[] {
  if (!names) return [...SCENARIOS];
  const unknown = names.filter((name) => !SCENARIOS.some((scenario) => scenario.name === name));
  if (unknown.length > 0) {
    const known = SCENARIOS.map((scenario) => scenario.name).join(', ');
    throw new DemoConfigError(`unknown demo scenario(s): ${unknown.join(', ')}; known: ${known}`);
  }
  return SCENARIOS.filter((scenario) => names.includes(scenario.name));
}

/** The collector's traces URL from its base URL (a URL already ending in /v1/traces is kept). */
export function tracesEndpoint(endpoint: string): string {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    throw new DemoConfigError(`endpoint must be an http(s) URL such as http://127.0.0.1:4318, got "${endpoint}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new DemoConfigError(`endpoint must use http or https, got "${endpoint}"`);
  }
  const base = url.pathname.replace(/\/+$/, '');
  url.pathname = base.endsWith('/v1/traces') ? base : `${base}/v1/traces`;
  return url.toString();
}

export function formatRunLine(run: DemoRun): string {
  const problems = run.problems.length > 0 ? run.problems.join(', ') : 'none';
  return `${run.scenario.padEnd(18)} ${run.traceIds.join(' ')}  problems: ${problems}`;
}
