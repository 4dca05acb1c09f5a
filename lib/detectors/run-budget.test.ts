import { describe, expect, it } from 'vitest';
import { DEFAULT_DETECTOR_CONFIG } from './config';
import { detectCostPerRun, detectStepExplosion } from './run-budget';
import { lines, runFrom } from './testing/fixtures';

const steps = DEFAULT_DETECTOR_CONFIG.step_explosion;
const budget = DEFAULT_DETECTOR_CONFIG.cost_per_run;

const calls = (n: number, line = (i: number) => `m${i} type=llm model=gpt-4o in=100 out=10 cost=0.01 start=${i}`) =>
  `run type=agent agent=coder dur=60000\n${lines(n, 1, line)}`;

describe('step_explosion', () => {
  it.each([
    { n: 25, value: null },
    { n: 26, value: 26 },
    { n: 80, value: 80 },
  ])('$n model calls → $value', ({ n, value }) => {
    expect(detectStepExplosion(runFrom(calls(n)), steps).map((finding) => finding.value)).toEqual(value === null ? [] : [value]);
  });

  it('counts model calls only, not tools or embeddings', () => {
    const text = `${calls(20)}\n${lines(10, 1, (i) => `t${i} type=tool tool=x`)}\n${lines(10, 1, (i) => `e${i} type=embedding model=e`)}`;
    expect(detectStepExplosion(runFrom(text), steps)).toEqual([]);
  });

  it('puts the root first in the evidence and breaks the calls down by agent', () => {
    const [finding] = detectStepExplosion(runFrom(calls(30)), { enabled: true, maxModelCalls: 10 });
    expect(finding).toMatchObject({ value: 30, threshold: 10, severity: 'critical', key: 'run' });
    expect(finding!.evidenceSpanIds.slice(0, 3)).toEqual(['run', 'm0', 'm1']);
    expect(finding!.title).toBe('30 model calls in one run (limit 10) — $0.30, 1.0 min');
    expect(finding!.summary).toContain('30 model calls (coder 30)');
  });

  it('caps the evidence at 50 spans for very long runs', () => {
    expect(detectStepExplosion(runFrom(calls(200)), steps)[0]!.evidenceSpanIds).toHaveLength(50);
  });
});

describe('cost_per_run', () => {
  it.each([
    { name: 'just under budget', text: calls(99), value: null },
    { name: 'exactly at budget', text: calls(100), value: null },
    { name: 'over budget', text: calls(101), value: 1.01 },
    // The agent span repeats its children's $0.90 as aggregate usage; counted once, the run is under budget.
    { name: 'aggregate usage is not counted twice', text: `run type=agent agg cost=0.90\n${lines(90, 1, (i) => `m${i} type=llm cost=0.01`)}`, value: null },
  ])('$name → $value', ({ text, value }) => {
    const findings = detectCostPerRun(runFrom(text), budget);
    expect(findings.map((finding) => Number(finding.value.toFixed(6)))).toEqual(value === null ? [] : [value]);
  });

  it('names unpriced calls: the real cost is higher, and they alone never fire', () => {
    const over = `${calls(150)}\n  u1 type=llm model=mystery-1 unpriced\n  u2 type=llm model=mystery-1 unpriced`;
    const [finding] = detectCostPerRun(runFrom(over), budget);
    expect(finding!.title).toBe('Run cost $1.50+ (budget $1.00) — 152 model calls, 1.0 min');
    expect(finding!.summary).toContain('2 model calls (mystery-1) had no price, so the real cost is higher.');
    const unknown = `run type=agent\n${lines(40, 1, (i) => `u${i} type=llm model=mystery-1 unpriced`)}`;
    expect(detectCostPerRun(runFrom(unknown), budget)).toEqual([]);
  });

  it('lists the root and then the costliest calls as evidence', () => {
    const text = `run type=agent\n  a type=llm model=gpt-4o cost=0.2\n  b type=llm model=o1 cost=0.9\n  c type=llm model=gpt-4o cost=0.4`;
    const [finding] = detectCostPerRun(runFrom(text), budget);
    expect(finding).toMatchObject({ evidenceSpanIds: ['run', 'b', 'c', 'a'], threshold: 1, severity: 'warning' });
    expect(finding!.value).toBeCloseTo(1.5, 9);
    expect(finding!.summary).toContain('(o1 $0.90, gpt-4o $0.60)');
  });
});
