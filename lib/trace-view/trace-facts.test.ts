import { describe, expect, it } from 'vitest';
import type { ApiTraceSummary } from '@/lib/span/api-types';
import { buildTree } from '@/lib/trace-tree';
import { spansFromText } from '@/lib/trace-tree/test-fixtures';
import { silentFailureOf, timeTicks, traceFacts, treeFacets } from './trace-facts';

const SUMMARY: ApiTraceSummary = {
  traceId: 't1', rootSpanId: 'run', rootName: 'invoke_agent analyst', serviceName: 'svc', services: ['svc'],
  startTime: '2026-01-01T00:00:00.000Z', startTimeUnixNano: '0', durationMs: 100, spanCount: 4, errorCount: 1,
  statusCode: 'ok', agents: [], models: [], nodeTypes: [], llmCallCount: 0, toolCallCount: 0, inputTokens: 0,
  outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0, reasoningTokens: 0, costUsd: 0, unpricedCount: 0,
  guardrailInterventions: [],
};

describe('silentFailureOf', () => {
  it('points at the failing span under a root that reports success', () => {
    const tree = buildTree(spansFromText(`
      run type=agent agent=analyst status=ok dur=100
        c1 type=llm model=gpt
        crm type=tool tool=fetch_crm http=403
        c2 type=llm model=gpt
    `));
    expect(silentFailureOf(tree)).toMatchObject({ spanId: 'crm', rootName: 'run', errorCount: 1 });
  });

  it('is null when the root itself failed, or nothing failed', () => {
    expect(silentFailureOf(buildTree(spansFromText('run status=error\n  x status=error')))).toBeNull();
    expect(silentFailureOf(buildTree(spansFromText('run status=ok\n  x')))).toBeNull();
  });
});

describe('traceFacts', () => {
  it('lists the verdicts by which guardrails acted on the run, errors first, passes left out', () => {
    const tree = buildTree(spansFromText(`
      run type=agent status=ok
        g1 type=guardrail verdict=pass
        g2 type=guardrail verdict=rewrite
        c1 type=llm model=gpt
        g3 type=guardrail verdict=block
        g4 type=guardrail verdict=rewrite
    `));
    expect(traceFacts(SUMMARY, tree).guardrailInterventions).toEqual(['block', 'rewrite']);
    expect(traceFacts(SUMMARY, buildTree(spansFromText('run\n  g type=guardrail verdict=pass'))).guardrailInterventions).toEqual([]);
  });

  it('takes totals from the tree, never counting aggregate usage twice', () => {
    const tree = buildTree(spansFromText(`
      run type=agent agent=analyst in=300 out=30 agg dur=100
        c1 type=llm model=gpt in=100 out=10 cost=0.01
        c2 type=llm model=gpt in=200 out=20 cr=50 unpriced
        w type=tool tool=search agent=helper
    `));
    const facts = traceFacts(SUMMARY, tree);
    expect(facts.tokens).toMatchObject({ inputTokens: 300, outputTokens: 30, cacheReadTokens: 50 });
    expect(facts.costLabel).toBe('$0.010 + 1 unpriced');
    expect(facts.spanCount).toBe(4);
    expect(facts.agents).toEqual(['analyst', 'helper']);
    expect(facts.models).toEqual(['gpt']);
    expect(facts.durationLabel).toBe('100 ms');
  });
});

describe('treeFacets', () => {
  it('lists node types, tools and agents present', () => {
    const tree = buildTree(spansFromText(`
      run type=workflow
        a type=agent agent=writer
          t type=tool tool=zeta
          u type=tool tool=alpha
    `));
    expect(treeFacets(tree)).toEqual({ nodeTypes: ['agent', 'tool', 'workflow'], tools: ['alpha', 'zeta'], agents: ['writer'] });
  });
});

describe('timeTicks', () => {
  it.each([
    [1000, ['0', '200 ms', '400 ms', '600 ms', '800 ms']],
    [1200, ['0', '500 ms']],
    [600_000, ['0', '3m 20s', '6m 40s']],
    [4707, ['0', '1.00 s', '2.00 s', '3.00 s']],
    [0, ['0']],
    [Number.NaN, ['0']],
  ])('%s ms → %j', (duration, labels) => {
    const ticks = timeTicks(duration);
    expect(ticks.map((tick) => tick.label)).toEqual(labels);
    for (const tick of ticks) expect(tick.pct).toBeGreaterThanOrEqual(0);
    for (const tick of ticks) expect(tick.pct).toBeLessThanOrEqual(100);
  });
});
