/**
 * Every demo scenario as the detectors see it: emitted with the real OpenTelemetry SDK by `lib/demo`, exported
 * over OTLP/HTTP (the scenario's own encoding, retries included) to a loopback receiver, then decoded,
 * normalised and priced as the collector does. Also the scenario × rule table the tests print and the docs keep.
 */
import { emitScenario, SCENARIOS, type Problem, type ScenarioDefinition } from '@/lib/demo';
import { startLoopbackReceiver } from '@/lib/demo/loopback-receiver';
import type { PerTraceRule } from '../prepare';
import type { DetectorTrace, RuleId } from '../types';
import { otlpBodiesToApiSpans, toDetectorTraces } from './to-detector-trace';

export interface ScenarioTraces {
  scenario: ScenarioDefinition;
  traces: DetectorTrace[];
}

/** The demo problem label each per-trace rule answers to. */
export const PROBLEM_OF_RULE: Record<PerTraceRule, Problem> = {
  repeated_tool_call: 'tool_loop',
  tool_retry_storm: 'tool_retry_storm',
  agent_ping_pong: 'agent_ping_pong',
  step_explosion: 'step_explosion',
  cost_per_run: 'cost_over_budget',
  silent_failure: 'silent_failure',
  context_exhaustion: 'context_exhaustion',
  ungrounded_answer: 'unsupported_answer',
};

export async function emitScenarioTraces(options: { seed: number | string; now: number }): Promise<ScenarioTraces[]> {
  const receiver = await startLoopbackReceiver();
  try {
    const out: ScenarioTraces[] = [];
    for (const scenario of SCENARIOS) {
      const before = receiver.requests.length;
      await emitScenario(scenario, { endpoint: receiver.endpoint, seed: options.seed, now: options.now });
      out.push({ scenario, traces: toDetectorTraces(otlpBodiesToApiSpans(receiver.requests.slice(before))) });
    }
    return out;
  } finally {
    await receiver.close();
  }
}

export interface TableRow {
  scenario: string;
  problems: readonly string[];
  fired: ReadonlySet<RuleId>;
  /** The rules the scenario's labels call for. */
  expected: ReadonlySet<RuleId>;
}

/** ✓ fired as labelled, · quiet as labelled, ✓† fired without the label, ✗ labelled but quiet. */
function cell(fired: boolean, expected: boolean): string {
  if (fired) return expected ? '✓' : '✓†';
  return expected ? '✗' : '·';
}

/** A Markdown table: one row per scenario, one column per rule. */
export function formatScenarioTable(rows: readonly TableRow[], rules: readonly RuleId[]): string {
  const header = ['scenario', 'labelled problems', ...rules];
  const lines = rows.map((row) => [
    row.scenario,
    row.problems.length > 0 ? row.problems.join(', ') : '—',
    ...rules.map((rule) => cell(row.fired.has(rule), row.expected.has(rule))),
  ]);
  const widths = header.map((text, i) => Math.max(text.length, ...lines.map((line) => line[i]!.length)));
  const render = (cells: string[]) => `| ${cells.map((text, i) => text.padEnd(widths[i]!)).join(' | ')} |`;
  return [render(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...lines.map(render)].join('\n');
}
