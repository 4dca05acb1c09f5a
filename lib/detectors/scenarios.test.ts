/**
 * The scenario table: every demo scenario, emitted with the real OpenTelemetry SDK and ingested as the collector
 * would, run through `detectTrace` with the default thresholds. Each rule must fire on every scenario labelled
 * with its problem and on none that is not, with the numbers a reader of the alert would check.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { SCENARIOS } from '@/lib/demo';
import { DEFAULT_DETECTOR_CONFIG } from './config';
import { DETECTOR_ATTRIBUTE_KEYS } from './prepare';
import { detectTrace, PER_TRACE_RULES } from './detect-trace';
import type { PerTraceRule } from './prepare';
import { emitScenarioTraces, formatScenarioTable, PROBLEM_OF_RULE, type ScenarioTraces } from './testing/scenario-traces';
import type { Finding, RuleId } from './types';

const NOW = Date.parse('2025-03-03T12:00:00Z');
const RULES = Object.keys(PER_TRACE_RULES) as PerTraceRule[];

/**
 * Where the data and the labels disagree and the scenario, not the detector, is what is off. context-window's
 * six gpt-4o calls re-send up to 123k tokens each and cost $1.17 in all, over the $1.00 default budget, but the
 * scenario is not labelled cost_over_budget. Kept explicit so the test fails if the gap closes or moves.
 */
const LABEL_GAPS: readonly { scenario: string; rule: PerTraceRule }[] = [];

let emitted: ScenarioTraces[] = [];
const findings = new Map<string, Finding[]>();

beforeAll(async () => {
  emitted = await emitScenarioTraces({ seed: 2024, now: NOW });
  for (const { scenario, traces } of emitted) findings.set(scenario.name, traces.flatMap((trace) => detectTrace(trace)));
  const rows = emitted.map(({ scenario }) => ({
    scenario: scenario.name,
    problems: scenario.problems,
    fired: new Set<RuleId>(findings.get(scenario.name)!.map((finding) => finding.ruleId)),
    expected: new Set<RuleId>(RULES.filter((rule) => scenario.problems.includes(PROBLEM_OF_RULE[rule]))),
  }));
  const gaps = LABEL_GAPS.map((g) => `† ${g.scenario} × ${g.rule}: fires without the label (see LABEL_GAPS)`).join('\n');
  console.log(`\nScenario × detector (default thresholds)\n${formatScenarioTable(rows, RULES)}\n${gaps}\n`);
}, 60_000);

const of = (scenario: string, rule: RuleId) => findings.get(scenario)!.filter((finding) => finding.ruleId === rule);
const traceOf = (scenario: string) => emitted.find((entry) => entry.scenario.name === scenario)!.traces[0]!;
const spanName = (scenario: string, id: string) => traceOf(scenario).spans.find((span) => span.spanId === id)?.name;

describe('scenario table', () => {
  it('has one trace per scenario', () => {
    expect(emitted.map(({ traces }) => traces.length)).toEqual(emitted.map(() => 1));
  });

  const cases = SCENARIOS.flatMap((scenario) => RULES.map((rule) => ({ scenario: scenario.name, rule })));
  it.each(cases)('$scenario × $rule: fires exactly when labelled', ({ scenario, rule }) => {
    const entry = emitted.find((candidate) => candidate.scenario.name === scenario);
    expect(entry, `scenario ${scenario} exists`).toBeDefined();
    const labelled = entry!.scenario.problems.includes(PROBLEM_OF_RULE[rule]);
    const gap = LABEL_GAPS.some((g) => g.scenario === scenario && g.rule === rule);
    expect(of(scenario, rule).length > 0).toBe(labelled !== gap);
  });
});

describe('what the findings say', () => {
  it('tool-loop: get_order_status 14× with the same arguments, evidence in call order', () => {
    const [finding] = of('tool-loop', 'repeated_tool_call');
    expect(finding).toMatchObject({ value: 14, threshold: 3, severity: 'critical', traceId: traceOf('tool-loop').trace.traceId });
    expect(finding!.key).toMatch(/^get_order_status:[0-9a-f]{8}$/);
    expect(finding!.title).toMatch(/^get_order_status called 14× with the same arguments — \$0\.\d+, \d+\.\d s$/);
    expect(finding!.evidenceSpanIds.map((id) => spanName('tool-loop', id))).toEqual(Array(14).fill('execute_tool get_order_status'));
  });

  it('tool-retry-storm: create_incident failed 9×, arguments differing, so no repeated-call finding', () => {
    const [finding] = of('tool-retry-storm', 'tool_retry_storm');
    expect(finding).toMatchObject({ key: 'create_incident', value: 9, threshold: 3, severity: 'critical' });
    expect(finding!.title).toMatch(/^create_incident failed 9× in one run \((502|503|TimeoutError)/);
    expect(of('tool-retry-storm', 'repeated_tool_call')).toEqual([]);
  });

  it('agent-ping-pong: triage ⇄ billing, 8 hand-offs, 7 round trips', () => {
    const [finding] = of('agent-ping-pong', 'agent_ping_pong');
    expect(finding).toMatchObject({ key: 'billing⇄triage', value: 7, threshold: 2, severity: 'critical' });
    expect(finding!.evidenceSpanIds.map((id) => spanName('agent-ping-pong', id))).toEqual(
      ['billing', 'triage', 'billing', 'triage', 'billing', 'triage', 'billing', 'triage'].map((agent) => `invoke_agent ${agent}`),
    );
  });

  it('cost-explosion: 56 model calls and the run cost from the summary, both over their limits', () => {
    const trace = traceOf('cost-explosion').trace;
    const [steps] = of('cost-explosion', 'step_explosion');
    expect(steps).toMatchObject({ value: 56, threshold: 25, severity: 'warning' });
    expect(steps!.evidenceSpanIds[0]).toBe(trace.rootSpanId);
    const [cost] = of('cost-explosion', 'cost_per_run');
    expect(cost!.value).toBeCloseTo(trace.costUsd, 6);
    expect(cost!.value).toBeGreaterThan(5);
    expect(cost).toMatchObject({ threshold: 1, severity: 'critical' });
    expect(cost!.title).toContain(`Run cost $${trace.costUsd.toFixed(2)} (budget $1.00)`);
  });

  it('silent-failure: the 403 from fetch_crm_account, then the root that reported OK', () => {
    const [finding] = of('silent-failure', 'silent_failure');
    const trace = traceOf('silent-failure').trace;
    expect(finding!.evidenceSpanIds.map((id) => spanName('silent-failure', id))).toEqual(['execute_tool fetch_crm_account', trace.rootName]);
    expect(finding!.title).toBe('fetch_crm_account failed (403) but the run reported success');
  });

  it('context-window: gpt-4o input at 96% of 128k and the answer cut off with finish reason length', () => {
    const [finding] = of('context-window', 'context_exhaustion');
    expect(finding).toMatchObject({ key: 'gpt-4o-2024-08-06', threshold: 0.9, severity: 'critical' });
    expect(finding!.value).toBeCloseTo(123_405 / 128_000, 4);
    expect(finding!.title).toBe('gpt-4o-2024-08-06 input filled 96% of its 128k context window; the answer was cut off');
    // The call before it sent 109,555 tokens (86%): under the 90% share, so only the last call is evidence.
    expect(finding!.evidenceSpanIds.map((id) => spanName('context-window', id))).toEqual(['chat gpt-4o']);
  });

  it('empty-retrieval: gemini-1.5-flash answered after the docs index returned nothing', () => {
    const [finding] = of('empty-retrieval', 'ungrounded_answer');
    expect(finding).toMatchObject({ key: 'run', value: 1, threshold: 1, severity: 'warning' });
    expect(finding!.title).toBe('gemini-1.5-flash-002 answered after retrieval product-docs-v3 returned no documents');
    expect(finding!.evidenceSpanIds.map((id) => spanName('empty-retrieval', id))).toEqual(['retrieval product-docs-v3', 'chat gemini-1.5-flash']);
  });

  it('every finding carries its trace, evidence from that trace and a threshold it crossed', () => {
    for (const { scenario, traces } of emitted) {
      const ids = new Set(traces[0]!.spans.map((span) => span.spanId));
      for (const finding of findings.get(scenario.name)!) {
        expect(finding.traceId).toBe(traces[0]!.trace.traceId);
        expect(finding.evidenceSpanIds.length).toBeGreaterThan(0);
        expect(finding.evidenceSpanIds.every((id) => ids.has(id))).toBe(true);
        expect(finding.title.length).toBeLessThan(160);
      }
    }
    expect(DEFAULT_DETECTOR_CONFIG.cost_per_run.budgetUsd).toBe(1);
  });
});

describe('what the alert runner reads', () => {
  it('finds the same on spans that carry only DETECTOR_ATTRIBUTE_KEYS and no resource attributes, events or links', () => {
    const keep = new Set(DETECTOR_ATTRIBUTE_KEYS);
    let dropped = 0;
    for (const { scenario, traces } of emitted) {
      const reduced = traces.map((trace) => ({
        ...trace,
        spans: trace.spans.map((span) => {
          const attributes = Object.fromEntries(Object.entries(span.attributes).filter(([key]) => keep.has(key)));
          dropped += Object.keys(span.attributes).length - Object.keys(attributes).length;
          return { ...span, attributes, resourceAttributes: {}, events: [], links: [] };
        }),
      }));
      expect(reduced.flatMap((trace) => detectTrace(trace)), scenario.name).toEqual(findings.get(scenario.name));
    }
    expect(dropped).toBeGreaterThan(0);
  });
});
