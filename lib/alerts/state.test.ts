import { describe, expect, it } from 'vitest';
import { alertFingerprint } from './fingerprint';
import { applyFindings, findingToAlert, resolveByHand } from './state';
import type { Alert, Finding } from './types';

const TRACE = 'a'.repeat(32);
const T0 = Date.parse('2026-03-01T03:00:00Z');
/** When the evaluated trace started. */
const START = T0 - 90_000;

const finding = (overrides: Partial<Finding> = {}): Finding => ({
  ruleId: 'repeated_tool_call',
  severity: 'warning',
  title: 'get_order_status called 14× with the same arguments',
  summary: 'Same arguments, same answer.',
  traceId: TRACE,
  evidenceSpanIds: ['0000000000000001', '0000000000000002'],
  key: 'get_order_status:abc',
  value: 14,
  threshold: 3,
  ...overrides,
});

const stored = (overrides: Partial<Alert> = {}): Alert => ({ ...findingToAlert('default', finding(), T0, START), ...overrides });

describe('applyFindings', () => {
  it('fires a new alert once and announces it', () => {
    const { changed, notifications } = applyFindings({ projectId: 'default', findings: [finding()], existing: [], nowMs: T0, traceStartMs: START });
    expect(changed).toHaveLength(1);
    expect(changed[0]).toMatchObject({ state: 'firing', firstSeenMs: T0, firedAtMs: T0, resolvedAtMs: null, value: 14 });
    expect(changed[0]?.fingerprint).toBe(alertFingerprint('default', 'repeated_tool_call', TRACE, 'get_order_status:abc'));
    expect(notifications.map((n) => n.event)).toEqual(['firing']);
  });

  it('refreshes a firing alert without announcing it again', () => {
    const later = T0 + 60_000;
    const { changed, notifications } = applyFindings({
      projectId: 'default',
      findings: [finding({ value: 16 })],
      existing: [stored()],
      nowMs: later,
      traceStartMs: START,
    });
    expect(notifications).toEqual([]);
    expect(changed[0]).toMatchObject({ state: 'firing', value: 16, firstSeenMs: T0, firedAtMs: T0, lastSeenMs: later });
  });

  it('resolves a firing alert the evaluation no longer finds, and announces that', () => {
    const later = T0 + 120_000;
    const { changed, notifications } = applyFindings({ projectId: 'default', findings: [], existing: [stored()], nowMs: later, traceStartMs: START });
    expect(changed[0]).toMatchObject({ state: 'resolved', resolvedAtMs: later, firedAtMs: T0 });
    expect(notifications.map((n) => n.event)).toEqual(['resolved']);
  });

  it('leaves a resolved alert alone when it is still not found', () => {
    const resolved = stored({ state: 'resolved', resolvedAtMs: T0 + 1 });
    expect(applyFindings({ projectId: 'default', findings: [], existing: [resolved], nowMs: T0 + 5, traceStartMs: START })).toEqual({
      changed: [],
      notifications: [],
    });
  });

  it('fires a resolved alert again as a new firing that keeps its first sighting', () => {
    const resolved = stored({ state: 'resolved', resolvedAtMs: T0 + 1_000 });
    const again = T0 + 3_600_000;
    const { changed, notifications } = applyFindings({ projectId: 'default', findings: [finding()], existing: [resolved], nowMs: again, traceStartMs: START });
    expect(changed[0]).toMatchObject({ state: 'firing', firstSeenMs: T0, firedAtMs: again, resolvedAtMs: null });
    expect(notifications.map((n) => n.event)).toEqual(['firing']);
  });

  it("keeps the trace start an alert fired with, whatever the trace's start is now (its key in storage)", () => {
    // The run's root span came last and started earlier than the spans the alert first saw.
    const earlier = START - 3_600_000;
    const firing = applyFindings({ projectId: 'default', findings: [finding()], existing: [stored()], nowMs: T0 + 1, traceStartMs: earlier });
    expect(firing.changed[0]?.traceStartMs).toBe(START);
    const resolved = applyFindings({ projectId: 'default', findings: [], existing: [stored()], nowMs: T0 + 2, traceStartMs: earlier });
    expect(resolved.changed[0]?.traceStartMs).toBe(START);
    const refired = applyFindings({
      projectId: 'default',
      findings: [finding()],
      existing: [stored({ state: 'resolved', resolvedAtMs: T0 + 2 })],
      nowMs: T0 + 3,
      traceStartMs: earlier,
    });
    expect(refired.changed[0]?.traceStartMs).toBe(START);
    const fresh = applyFindings({ projectId: 'default', findings: [finding()], existing: [], nowMs: T0, traceStartMs: earlier });
    expect(fresh.changed[0]?.traceStartMs).toBe(earlier);
  });

  it('treats two findings with one key as one problem', () => {
    const { changed } = applyFindings({
      projectId: 'default',
      findings: [finding(), finding({ title: 'duplicate' })],
      existing: [],
      nowMs: T0,
      traceStartMs: START,
    });
    expect(changed.map((a) => a.title)).toEqual(['get_order_status called 14× with the same arguments']);
  });

  it('keeps windowed alerts apart per dimension', () => {
    const rate = (name: string) =>
      finding({ ruleId: 'cost_rate_anomaly', traceId: null, key: `model:${name}`, dimension: { kind: 'model', name } });
    const { changed } = applyFindings({ projectId: 'p', findings: [rate('gpt-4o'), rate('o3')], existing: [], nowMs: T0, traceStartMs: 0 });
    expect(new Set(changed.map((a) => a.fingerprint)).size).toBe(2);
    expect(changed.map((a) => a.dimension?.name)).toEqual(['gpt-4o', 'o3']);
  });
});

describe('resolveByHand', () => {
  it('resolves a firing alert, keeping the rest of it, and announces that', () => {
    const { changed, notifications } = resolveByHand(stored(), T0 + 10);
    expect(changed).toEqual([{ ...stored(), state: 'resolved', resolvedAtMs: T0 + 10 }]);
    expect(notifications).toEqual([{ alert: changed[0], event: 'resolved' }]);
  });

  it('leaves a resolved alert as it is, unannounced', () => {
    expect(resolveByHand(stored({ state: 'resolved', resolvedAtMs: T0 + 1 }), T0 + 10)).toEqual({ changed: [], notifications: [] });
  });

  it('lets a later evaluation that finds the problem again fire it anew', () => {
    const [resolved] = resolveByHand(stored(), T0 + 10).changed;
    const { changed, notifications } = applyFindings({
      projectId: 'default',
      findings: [finding()],
      existing: resolved ? [resolved] : [],
      nowMs: T0 + 20,
      traceStartMs: START,
    });
    expect(changed[0]).toMatchObject({ state: 'firing', firings: 2, firedAtMs: T0 + 20, resolvedAtMs: null });
    expect(notifications.map((n) => n.event)).toEqual(['firing']);
  });
});

describe('alertFingerprint', () => {
  it('differs by project, rule, trace and key, and is stable', () => {
    const base = alertFingerprint('p', 'silent_failure', TRACE, 'k');
    expect(alertFingerprint('p', 'silent_failure', TRACE, 'k')).toBe(base);
    expect(
      new Set([
        base,
        alertFingerprint('q', 'silent_failure', TRACE, 'k'),
        alertFingerprint('p', 'step_explosion', TRACE, 'k'),
        alertFingerprint('p', 'silent_failure', 'b'.repeat(32), 'k'),
        alertFingerprint('p', 'silent_failure', TRACE, 'k2'),
        alertFingerprint('p', 'silent_failure', null, 'k'),
      ]).size,
    ).toBe(6);
  });
});
