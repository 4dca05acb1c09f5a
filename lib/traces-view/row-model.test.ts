import { describe, expect, it } from 'vitest';
import type { ApiRunAlert, ApiTraceListItem, ApiTraceSummary } from '../span/api-types';
import {
  arrivedTraceIds,
  countFailed,
  dayKey,
  formatStartTime,
  joinList,
  orderedNodeTypes,
  runAlerts,
  splitList,
  toTraceRowModel,
  traceOutcome,
  uniqueTraces,
  visibleNodeTypes,
} from './row-model';

function summary(overrides: Partial<ApiTraceListItem> = {}): ApiTraceListItem {
  return {
    firingAlerts: [],
    traceId: 'a'.repeat(32),
    rootSpanId: 'b'.repeat(16),
    rootName: 'invoke_agent planner',
    serviceName: 'travel-api',
    services: ['travel-api'],
    startTime: '2026-11-23T19:23:18.768Z',
    startTimeUnixNano: '1795461798768000000',
    durationMs: 3138,
    spanCount: 4,
    errorCount: 0,
    statusCode: 'unset',
    agents: ['planner'],
    models: ['gpt-4o'],
    nodeTypes: ['tool', 'agent', 'llm'],
    llmCallCount: 1,
    toolCallCount: 1,
    inputTokens: 6298,
    outputTokens: 225,
    cacheReadTokens: 0,
    cacheWriteTokens: 0,
    reasoningTokens: 0,
    costUsd: 0.0059384,
    unpricedCount: 0,
    guardrailInterventions: [],
    ...overrides,
  };
}

const UTC_TODAY = { today: '2026-11-23', timeZone: 'UTC' };

describe('traceOutcome', () => {
  it.each<[ApiTraceSummary['statusCode'], number, string]>([
    ['error', 3, 'failed'],
    ['error', 0, 'failed'],
    ['ok', 2, 'silent-failure'],
    ['unset', 1, 'silent-failure'],
    ['ok', 0, 'ok'],
    ['unset', 0, 'unset'],
  ])('root %s with %d failed spans is %s', (statusCode, errorCount, outcome) => {
    expect(traceOutcome({ statusCode, errorCount })).toBe(outcome);
  });

  it('counts failed and silently failed runs together', () => {
    expect(countFailed([{ outcome: 'failed' }, { outcome: 'silent-failure' }, { outcome: 'ok' }, { outcome: 'unset' }])).toBe(2);
  });
});

describe('lists as one primitive', () => {
  it.each([[[]], [['a']], [['planner', 'writer, senior', 'x y']]])('round-trips %j', (values) => {
    expect(splitList(joinList(values))).toEqual(values);
  });

  it('orders node types as the legend does, whatever order the summary had', () => {
    expect(orderedNodeTypes(['tool', 'span', 'agent', 'llm'])).toEqual(['agent', 'llm', 'tool', 'span']);
  });
});

describe('visibleNodeTypes', () => {
  it.each<[string[], number, string[], number]>([
    [['agent', 'llm', 'tool'], 6, ['agent', 'llm', 'tool'], 0],
    [['agent', 'llm', 'embedding', 'retrieval', 'tool', 'chain', 'span'], 6, ['agent', 'llm', 'embedding', 'retrieval', 'tool'], 2],
    [['agent', 'workflow', 'llm', 'embedding', 'retrieval', 'tool', 'guardrail'], 6, ['agent', 'workflow', 'llm', 'embedding', 'retrieval'], 2],
    [['agent', 'llm'], 0, [], 2],
  ])('%j in room for %d shows %j and hides %d', (types, max, shown, hidden) => {
    expect(visibleNodeTypes(types as never, max)).toEqual({ shown, hidden });
  });
});

describe('start times', () => {
  it('show the time alone on the reader’s day and the date otherwise', () => {
    const ms = Date.parse('2026-11-23T19:23:18.768Z');
    expect(formatStartTime(ms, UTC_TODAY)).toBe('19:23:18');
    expect(formatStartTime(ms, { today: '2026-11-24', timeZone: 'UTC' })).toBe('Nov 23 19:23:18');
  });

  it('take the day in the reader’s zone, not UTC', () => {
    const ms = Date.parse('2026-11-23T23:30:00Z');
    expect(dayKey(ms, 'UTC')).toBe('2026-11-23');
    expect(dayKey(ms, 'Asia/Tokyo')).toBe('2026-11-24');
    expect(formatStartTime(ms, { today: '2026-11-24', timeZone: 'Asia/Tokyo' })).toBe('08:30:00');
  });
});

describe('toTraceRowModel', () => {
  it('formats what a reviewer reads in the row', () => {
    const row = toTraceRowModel(
      summary({ services: ['travel-api', 'geo', 'mail'], cacheReadTokens: 2000, agents: ['planner', 'writer'] }),
      UTC_TODAY,
    );
    expect(row).toMatchObject({
      href: `/traces/${'a'.repeat(32)}`,
      startLabel: '19:23:18',
      otherServices: 2,
      agents: joinList(['planner', 'writer']),
      nodeTypes: joinList(['agent', 'llm', 'tool']),
      durationLabel: '3.14 s',
      tokensLabel: '6.3k / 225',
      tokensTitle: '6,298 input (2.0k cached), 225 output tokens',
      costLabel: '$0.00594',
      outcome: 'unset',
    });
  });

  it('says how many model calls are unpriced next to the cost it knows', () => {
    expect(toTraceRowModel(summary({ costUsd: 0.5, unpricedCount: 2 }), UTC_TODAY).costLabel).toBe('$0.500 + 2 unpriced');
  });

  it('marks a run that reported OK while a span failed', () => {
    expect(toTraceRowModel(summary({ statusCode: 'ok', errorCount: 2 }), UTC_TODAY).outcome).toBe('silent-failure');
  });

  it('carries the guardrail verdicts of a run that reported OK, in the order the summary lists them', () => {
    const row = toTraceRowModel(summary({ statusCode: 'ok', guardrailInterventions: ['block', 'rewrite'] }), UTC_TODAY);
    expect(row).toMatchObject({ outcome: 'ok', guardrailInterventions: joinList(['block', 'rewrite']) });
    expect(splitList(row.guardrailInterventions)).toEqual(['block', 'rewrite']);
    expect(toTraceRowModel(summary(), UTC_TODAY).guardrailInterventions).toBe('');
  });
});

describe('alerts on a row', () => {
  const loop: ApiRunAlert = { ruleId: 'repeated_tool_call', severity: 'warning', title: 'get_order_status called 14×' };
  const budget: ApiRunAlert = { ruleId: 'cost_per_run', severity: 'critical', title: 'Run cost $1.17' };
  const silent: ApiRunAlert = { ruleId: 'silent_failure', severity: 'critical', title: 'fetch_crm_account failed (403)' };

  it('names the rules firing on a run that reported OK, the first one’s severity, and every title', () => {
    const row = toTraceRowModel({ ...summary({ statusCode: 'ok' }), firingAlerts: [budget, loop] }, UTC_TODAY);
    expect(row).toMatchObject({ outcome: 'ok', alertRules: joinList(['cost_per_run', 'repeated_tool_call']), alertSeverity: 'critical' });
    expect(row.alertsTitle).toBe('Cost per run: Run cost $1.17\nRepeated tool call: get_order_status called 14×');
  });

  it('shows each rule once, and leaves out a silent failure the outcome already names', () => {
    const again = { ...loop, title: 'search called 5×' };
    expect(runAlerts([silent, loop, again], 'silent-failure')).toEqual([loop]);
    expect(runAlerts([silent, loop, again], 'failed')).toEqual([silent, loop]);
    const row = toTraceRowModel({ ...summary({ errorCount: 1 }), firingAlerts: [silent] }, UTC_TODAY);
    expect(row).toMatchObject({ outcome: 'silent-failure', alertRules: '', alertSeverity: '' });
  });

  it('has none for a run without alerts', () => {
    expect(toTraceRowModel(summary({ firingAlerts: [] }), UTC_TODAY)).toMatchObject({ alertRules: '', alertSeverity: '', alertsTitle: '' });
  });
});

describe('uniqueTraces', () => {
  it('flattens pages and keeps the first copy of a trace seen on two pages', () => {
    const a = summary({ traceId: 'a'.repeat(32), rootName: 'first' });
    const aAgain = summary({ traceId: 'a'.repeat(32), rootName: 'stale' });
    const b = summary({ traceId: 'b'.repeat(32) });
    const rows = uniqueTraces([{ traces: [a, b] }, { traces: [aAgain] }]);
    expect(rows.map((r) => r.rootName)).toEqual(['first', 'invoke_agent planner']);
  });
});

describe('arrivedTraceIds', () => {
  it.each<[string, string[] | null, string[], string[]]>([
    ['nothing on the first load', null, ['a', 'b'], []],
    ['rows above the known ones', ['c', 'd'], ['a', 'b', 'c', 'd'], ['a', 'b']],
    ['a row that sorted in between', ['c', 'd'], ['c', 'x', 'd'], ['x']],
    ['not a page appended by "Load more"', ['a', 'b'], ['a', 'b', 'c', 'd'], []],
    ['nothing when no row is known any more', ['a'], ['x', 'y'], []],
  ])('finds %s', (_label, previous, current, expected) => {
    expect([...arrivedTraceIds(previous ? new Set(previous) : null, current)]).toEqual(expected);
  });
});
