import { describe, expect, it } from 'vitest';
import { DEFAULT_DETECTOR_CONFIG } from '../detectors/config';
import { RULE_IDS } from '../detectors/types';
import { formatAgo, formatMeasure } from './format';
import { dimensionLinkPath } from './link';
import { parseThreshold, ruleFormRows, withRuleValue } from './rule-fields';

describe('ruleFormRows', () => {
  const rows = ruleFormRows(DEFAULT_DETECTOR_CONFIG);

  it('has every rule once, per-run rules first and the rate rule last', () => {
    expect(rows.map((r) => r.ruleId).sort()).toEqual([...RULE_IDS].sort());
    expect(rows.at(-1)).toMatchObject({ ruleId: 'cost_rate_anomaly', windowed: true });
  });

  it('lists each rule’s thresholds with labels and values, not its switch', () => {
    expect(rows.find((r) => r.ruleId === 'repeated_tool_call')).toMatchObject({
      label: 'Repeated tool call',
      enabled: true,
      fields: [{ name: 'minCalls', label: 'Min. calls', value: 3, step: 1 }],
    });
    expect(rows.find((r) => r.ruleId === 'silent_failure')?.fields).toEqual([]);
    expect(rows.find((r) => r.ruleId === 'cost_rate_anomaly')?.fields.find((f) => f.name === 'minCalls')?.label).toBe(
      'Min. model calls per hour',
    );
  });

  it('reflects an edit without touching the other rules', () => {
    const edited = withRuleValue(withRuleValue(DEFAULT_DETECTOR_CONFIG, 'cost_per_run', 'budgetUsd', 2.5), 'silent_failure', 'enabled', false);
    expect(edited.cost_per_run).toEqual({ enabled: true, budgetUsd: 2.5 });
    expect(edited.silent_failure).toEqual({ enabled: false });
    expect(edited.repeated_tool_call).toBe(DEFAULT_DETECTOR_CONFIG.repeated_tool_call);
    expect(DEFAULT_DETECTOR_CONFIG.cost_per_run.budgetUsd).toBe(1);
  });
});

describe('parseThreshold', () => {
  it.each([
    ['3', 3],
    [' 0.25 ', 0.25],
    ['', null],
    ['abc', null],
    ['Infinity', null],
  ])('%j → %j', (text, expected) => {
    expect(parseThreshold(text)).toBe(expected);
  });
});

describe('formatAgo', () => {
  const now = Date.parse('2026-03-01T03:00:00Z');
  it.each([
    [now - 2_000, 'just now'],
    [now - 42_000, '42 s ago'],
    [now - 5 * 60_000, '5 min ago'],
    [now - 3 * 3_600_000, '3 h ago'],
    [now - 3 * 86_400_000, '3 d ago'],
  ])('%i → %s', (at, expected) => {
    expect(formatAgo(at, now)).toBe(expected);
  });
});

describe('formatMeasure', () => {
  it.each([
    ['repeated_tool_call', 14, 3, '14 identical calls (threshold 3)'],
    ['silent_failure', 1, 1, '1 failed step (threshold 1)'],
    ['cost_per_run', 5.9193, 1, '$5.92 (budget $1.00)'],
    ['context_exhaustion', 0.962, 0.9, '96% of context (threshold 90%)'],
    ['ungrounded_answer', 2, 1, '2 answers without documents (threshold 1)'],
    ['cost_rate_anomaly', 0.94, 0.2, null],
  ] as const)('%s %d/%d → %s', (rule, value, threshold, expected) => {
    expect(formatMeasure(rule, value, threshold)).toBe(expected);
  });
});

describe('dimensionLinkPath', () => {
  it('filters the trace list by the dimension', () => {
    expect(dimensionLinkPath({ kind: 'model', name: 'gpt-4o mini' })).toBe('/traces?model=gpt-4o+mini');
    expect(dimensionLinkPath(null)).toBeNull();
  });
});

describe('alertRowModel', () => {
  it('links a windowed alert to its dimension and a trace alert to its evidence', async () => {
    const { alertRowModel } = await import('./row-model');
    const base = {
      fingerprint: 'f',
      projectId: 'p',
      severity: 'warning',
      title: 't',
      summary: 's',
      value: 2,
      threshold: 1,
      firstSeen: '2026-03-01T03:00:00.000Z',
      lastSeen: '2026-03-01T03:05:00.000Z',
      firedAt: '2026-03-01T03:00:00.000Z',
      resolvedAt: null,
      state: 'firing',
    } as const;
    const windowed = alertRowModel({
      ...base,
      ruleId: 'cost_rate_anomaly',
      traceId: null,
      evidenceSpanIds: [],
      dimension: { kind: 'agent', name: 'planner' },
      link: null,
    });
    expect(windowed).toMatchObject({ traceLink: null, dimensionLink: '/traces?agent=planner', dimensionLabel: 'agent planner', measure: null });
    const perTrace = alertRowModel({
      ...base,
      ruleId: 'silent_failure',
      traceId: 'a'.repeat(32),
      evidenceSpanIds: ['s1', 's2'],
      dimension: null,
      link: '/traces/x?span=s1&highlight=s1,s2',
    });
    expect(perTrace).toMatchObject({ traceLink: '/traces/x?span=s1&highlight=s1,s2', dimensionLink: null, evidenceCount: 2 });
    expect(perTrace.firedAtMs).toBe(Date.parse('2026-03-01T03:00:00.000Z'));
  });
});

describe('field texts', () => {
  it('keeps what was typed per rule and field until it is a number again', async () => {
    const { fieldTexts, withFieldText } = await import('./rule-fields');
    const typed = withFieldText(withFieldText({}, 'cost_per_run', 'budgetUsd', '1.'), 'step_explosion', 'maxModelCalls', '');
    expect(fieldTexts(typed, 'cost_per_run')).toEqual({ budgetUsd: '1.' });
    const cleared = withFieldText(typed, 'cost_per_run', 'budgetUsd', null);
    expect(fieldTexts(cleared, 'cost_per_run')).toEqual({});
    expect(fieldTexts(cleared, 'step_explosion')).toEqual({ maxModelCalls: '' });
  });
});

describe('rule chips and page links', () => {
  it('lists rules with alerts, most first, and links keep the state', async () => {
    const { alertsPageHref, ruleChips } = await import('./row-model');
    expect(ruleChips({ silent_failure: 2, cost_per_run: 5, step_explosion: 0, agent_ping_pong: 2 })).toEqual([
      { ruleId: 'cost_per_run', label: 'Cost per run', count: 5 },
      { ruleId: 'agent_ping_pong', label: 'Agent ping-pong', count: 2 },
      { ruleId: 'silent_failure', label: 'Silent failure', count: 2 },
    ]);
    expect(alertsPageHref('resolved', 'cost_per_run')).toBe('/alerts?state=resolved&rule=cost_per_run');
    expect(alertsPageHref('firing', null)).toBe('/alerts?state=firing');
    expect(alertsPageHref('firing', 'agent_ping_pong', '24h')).toBe('/alerts?state=firing&rule=agent_ping_pong&window=24h');
    expect(alertsPageHref('resolved', null, 'all')).toBe('/alerts?state=resolved');
  });
});

describe('fieldOfError', () => {
  it('finds the field an API error names', async () => {
    const { fieldOfError } = await import('./rule-fields');
    expect(fieldOfError('step_explosion.maxModelCalls: Too small: expected number to be >=1')).toEqual({
      ruleId: 'step_explosion',
      name: 'maxModelCalls',
    });
    expect(fieldOfError('body: expected a JSON object')).toBeNull();
    expect(fieldOfError('nope.x: y')).toBeNull();
  });
});
