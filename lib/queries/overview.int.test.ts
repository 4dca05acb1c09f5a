/**
 * The overview against the real embedded ClickHouse: summaries written as the collector writes them (with merges
 * stopped, so every stale version stays on disk), and `getOverview` read at a pinned "now".
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../clickhouse/migrate';
import type { Span } from '../span/types';
import { createTestDatabase, type TestDatabase } from '../testing/clickhouse';
import { makeSpan, nanos } from '../testing/span-factory';
import { findingToAlert } from '../alerts/state';
import type { Finding } from '../alerts/types';
import { saveAlerts } from './alerts';
import { getOverview, startOfUtcDay } from './overview';
import { spanToRow } from './span-rows';
import { refreshDerived } from './derived';

const PROJECT = 'acme';
const NOW = Date.parse('2025-03-10T10:30:00.000Z');
const MIN = 60_000;
const ago = (ms: number) => nanos(NOW - ms);
const tid = (digit: string) => digit.repeat(32);

let db: TestDatabase;

async function insert(spans: Span[]): Promise<void> {
  await db.client.insert({ table: `${db.database}.spans`, values: spans.map(spanToRow), format: 'JSONEachRow' });
  const byProject = new Map<string, Set<string>>();
  for (const span of spans) byProject.set(span.projectId, (byProject.get(span.projectId) ?? new Set()).add(span.traceId));
  for (const [project, traceIds] of byProject) await refreshDerived(db.client, db.database, project, [...traceIds]);
}

/** A run: an agent root and one priced model call under it, plus any extra children. */
function run(
  traceId: string,
  startedAgoMs: number,
  costUsd: number | null,
  options: { root?: Partial<Span>; children?: Partial<Span>[]; projectId?: string } = {},
): Span[] {
  const projectId = options.projectId ?? PROJECT;
  const root = makeSpan({
    projectId,
    traceId,
    name: `run ${traceId.slice(0, 1)}`,
    nodeType: 'agent',
    agentName: 'planner',
    startTimeUnixNano: ago(startedAgoMs),
    durationNs: 5_000_000_000n,
    ...options.root,
  });
  const child = (overrides: Partial<Span>, i: number) =>
    makeSpan({ projectId, traceId, parentSpanId: root.spanId, startTimeUnixNano: root.startTimeUnixNano + BigInt(i + 1) * 1_000_000n, ...overrides });
  return [
    root,
    child(
      {
        name: 'chat gpt-4o',
        nodeType: 'llm',
        requestModel: 'gpt-4o',
        inputTokens: 1000,
        outputTokens: 100,
        cacheReadTokens: 200,
        costUsd,
        costSource: costUsd === null ? 'unpriced' : 'catalog',
      },
      0,
    ),
    ...(options.children ?? []).map((c, i) => child(c, i + 1)),
  ];
}

const failedTool: Partial<Span> = { name: 'execute_tool search', nodeType: 'tool', statusCode: 'error', statusMessage: 'timeout' };
const guardrail = (verdict: Span['guardrailVerdict']): Partial<Span> => ({ name: 'apply_guardrail pii', nodeType: 'guardrail', guardrailVerdict: verdict });

const T = {
  recentOk: tid('1'),
  silent: tid('2'),
  failed: tid('3'),
  earlierToday: tid('4'),
  yesterday: tid('5'),
  old: tid('6'),
  otherProject: tid('7'),
  aheadClock: tid('8'),
};

describe('startOfUtcDay', () => {
  it.each([
    ['2025-03-10T10:30:00.000Z', '2025-03-10T00:00:00.000Z'],
    ['2025-03-10T00:00:00.000Z', '2025-03-10T00:00:00.000Z'],
    ['2025-03-09T23:59:59.999Z', '2025-03-09T00:00:00.000Z'],
  ])('%s → %s', (now, midnight) => {
    expect(new Date(startOfUtcDay(Date.parse(now))).toISOString()).toBe(midnight);
  });
});

describe('getOverview', () => {
  beforeAll(async () => {
    db = await createTestDatabase('overview');
    await migrate(db.client, { database: db.database });
    // Without merges, every superseded summary version stays on disk: the figures below prove that the
    // queries deduplicate, not that a background merge happened to run first.
    for (const name of ['spans', 'trace_summaries']) {
      await db.client.command({ query: `SYSTEM STOP MERGES ${db.database}.${name}` });
    }
  });
  afterAll(async () => {
    await db?.drop();
  });

  it('knows when nothing has arrived yet', async () => {
    const overview = await getOverview(db.client, db.database, PROJECT, NOW);
    expect(overview).toEqual({
      now: '2025-03-10T10:30:00.000Z',
      lastTraceAt: null,
      lastHour: { traces: 0, errorTraces: 0, silentFailures: 0, errorSpans: 0, guardrailInterventions: 0 },
      today: {
        since: '2025-03-10T00:00:00.000Z',
        traces: 0,
        costUsd: 0,
        unpricedCount: 0,
        inputTokens: 0,
        outputTokens: 0,
        cacheReadTokens: 0,
      },
      alerts: { firing: 0, critical: 0, rules: [] },
      topCostRuns: [],
      recentErrorRuns: [],
    });
  });

  describe('with runs', () => {
    beforeAll(async () => {
      const silent = run(T.silent, 20 * MIN, 0.5, { root: { statusCode: 'ok' }, children: [failedTool] });
      await insert([
        ...run(T.recentOk, 10 * MIN, 0.01, { root: { statusCode: 'ok' }, children: [guardrail('pass'), guardrail('rewrite')] }),
        ...silent,
        ...run(T.failed, 50 * MIN, 0.001, { root: { statusCode: 'error' }, children: [failedTool] }),
        ...run(T.earlierToday, 2 * 60 * MIN, 2, { children: [{ name: 'chat mystery', nodeType: 'llm', costUsd: null, costSource: 'unpriced' }] }),
        ...run(T.yesterday, 11 * 60 * MIN, 3, { root: { statusCode: 'error' }, children: [guardrail('block')] }),
        ...run(T.old, 2 * 24 * 60 * MIN, 10),
        ...run(T.otherProject, 5 * MIN, 100, { projectId: 'other', root: { statusCode: 'error' } }),
        ...run(T.aheadClock, -2 * MIN, 0, { children: [guardrail('pass')] }),
      ]);
      // A retried export: the same spans again, and the summary refreshed again.
      await insert(silent);
    });

    it('counts the last hour’s runs and failures once each, sender clocks a little ahead included', async () => {
      const { lastHour } = await getOverview(db.client, db.database, PROJECT, NOW);
      // recentOk, silent, failed, aheadClock; the retried export of `silent` counts once. A guardrail rewrote in
      // recentOk (aheadClock's only passed, yesterday's block is older than the hour).
      expect(lastHour).toEqual({ traces: 4, errorTraces: 2, silentFailures: 1, errorSpans: 3, guardrailInterventions: 1 });
    });

    it('sums today’s spend and tokens since midnight UTC and counts unpriced calls apart', async () => {
      const { today } = await getOverview(db.client, db.database, PROJECT, NOW);
      expect(today.traces).toBe(5);
      expect(today.costUsd).toBeCloseTo(0.01 + 0.5 + 0.001 + 2 + 0, 9);
      expect(today.unpricedCount).toBe(1);
      expect(today.inputTokens).toBe(5 * 1000);
      expect(today.outputTokens).toBe(5 * 100);
      expect(today.cacheReadTokens).toBe(5 * 200);
    });

    it('lists the most expensive runs of the last 24 hours, priced ones only, top five', async () => {
      const { topCostRuns } = await getOverview(db.client, db.database, PROJECT, NOW);
      expect(topCostRuns.map((t) => [t.traceId, t.costUsd])).toEqual([
        [T.yesterday, 3],
        [T.earlierToday, 2],
        [T.silent, 0.5],
        [T.recentOk, 0.01],
        [T.failed, 0.001],
      ]);
      expect(topCostRuns[1]).toMatchObject({ unpricedCount: 1, llmCallCount: 2, rootName: 'run 4' });
    });

    it('lists the newest failed runs of the last 24 hours, silent failures included', async () => {
      const { recentErrorRuns } = await getOverview(db.client, db.database, PROJECT, NOW);
      expect(recentErrorRuns.map((t) => [t.traceId, t.statusCode, t.errorCount])).toEqual([
        [T.silent, 'ok', 1],
        [T.failed, 'error', 2],
        [T.yesterday, 'error', 1],
      ]);
    });

    it("counts the alerts firing on the last day's runs per rule, rate alerts included, and lists each run's own", async () => {
      const alert = (projectId: string, traceId: string | null, ruleId: Finding['ruleId'], severity: Finding['severity'], startedAgoMs: number) =>
        findingToAlert(
          projectId,
          { ruleId, severity, title: `${ruleId} alert`, summary: '', traceId, evidenceSpanIds: [], key: ruleId, value: 2, threshold: 1 },
          NOW - MIN,
          traceId === null ? 0 : NOW - startedAgoMs,
        );
      const resolved = alert(PROJECT, T.earlierToday, 'repeated_tool_call', 'warning', 2 * 60 * MIN);
      await saveAlerts(db.client, db.database, [
        alert(PROJECT, T.silent, 'silent_failure', 'critical', 20 * MIN),
        alert(PROJECT, T.yesterday, 'cost_per_run', 'critical', 11 * 60 * MIN),
        alert(PROJECT, null, 'cost_rate_anomaly', 'warning', 0),
        // Not counted: a run older than a day, one a day ahead of now (as the list leaves it out), a resolved
        // alert, another project's.
        alert(PROJECT, T.old, 'repeated_tool_call', 'warning', 2 * 24 * 60 * MIN),
        alert(PROJECT, tid('9'), 'step_explosion', 'critical', -24 * 60 * MIN),
        { ...resolved, state: 'resolved', resolvedAtMs: NOW },
        alert('other', T.otherProject, 'step_explosion', 'critical', 5 * MIN),
      ]);

      const { alerts, topCostRuns, recentErrorRuns } = await getOverview(db.client, db.database, PROJECT, NOW);
      expect(alerts).toEqual({
        firing: 3,
        critical: 2,
        rules: [
          { ruleId: 'cost_per_run', firing: 1, critical: 1 },
          { ruleId: 'silent_failure', firing: 1, critical: 1 },
          { ruleId: 'cost_rate_anomaly', firing: 1, critical: 0 },
        ],
      });
      const rulesOf = (runs: { traceId: string; firingAlerts: { ruleId: string }[] }[]) =>
        Object.fromEntries(runs.map((r) => [r.traceId, r.firingAlerts.map((a) => a.ruleId)]));
      expect(rulesOf(topCostRuns)).toEqual({
        [T.yesterday]: ['cost_per_run'],
        [T.earlierToday]: [],
        [T.silent]: ['silent_failure'],
        [T.recentOk]: [],
        [T.failed]: [],
      });
      expect(rulesOf(recentErrorRuns)).toEqual({ [T.silent]: ['silent_failure'], [T.failed]: [], [T.yesterday]: ['cost_per_run'] });
    });

    it('says when the newest run started', async () => {
      const { lastTraceAt } = await getOverview(db.client, db.database, PROJECT, NOW);
      expect(lastTraceAt).toBe(new Date(NOW + 2 * MIN).toISOString());
    });

    it('counts a summary in its latest version after late spans arrive', async () => {
      // A failed step of `recentOk` arrives late: the run becomes a silent failure.
      await insert([
        makeSpan({ projectId: PROJECT, traceId: T.recentOk, parentSpanId: 'f'.repeat(16), startTimeUnixNano: ago(9 * MIN), ...failedTool }),
      ]);
      const { lastHour, recentErrorRuns } = await getOverview(db.client, db.database, PROJECT, NOW);
      expect(lastHour).toEqual({ traces: 4, errorTraces: 3, silentFailures: 2, errorSpans: 4, guardrailInterventions: 1 });
      expect(recentErrorRuns[0]?.traceId).toBe(T.recentOk);
    });

    it('keeps other projects out', async () => {
      const other = await getOverview(db.client, db.database, 'other', NOW);
      expect(other.lastHour.traces).toBe(1);
      expect(other.topCostRuns.map((t) => t.traceId)).toEqual([T.otherProject]);
    });
  });
});
