/**
 * The trace read path against the real embedded ClickHouse: spans are written as the collector writes them,
 * summaries refreshed, and the list, detail, content and facet queries read them back.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findingToAlert } from '../alerts/state';
import type { Finding } from '../alerts/types';
import { BadRequest, NotFound } from '../errors';
import { migrate } from '../clickhouse/migrate';
import type { Span } from '../span/types';
import { createTestDatabase, type TestDatabase } from '../testing/clickhouse';
import { makeSpan, nanos } from '../testing/span-factory';
import { contentToRow, spanToRow } from './span-rows';
import { saveAlerts } from './alerts';
import { refreshDerived } from './derived';
import { getSpanContent, getTraceDetail, getTraceDetails, listFacets, listTraces } from './traces';

const PROJECT = 'acme';
const BASE = Date.parse('2025-03-10T10:00:00.000Z');
const WINDOW = { from: new Date(BASE - 3_600_000).toISOString(), to: new Date(BASE + 3_600_000).toISOString() };
const at = (offsetMs: number) => nanos(BASE + offsetMs);
const ms = (value: number) => BigInt(Math.round(value * 1e6));
const tid = (digit: string) => digit.repeat(32);

let db: TestDatabase;

async function insert(spans: Span[]): Promise<void> {
  await db.client.insert({ table: `${db.database}.spans`, values: spans.map(spanToRow), format: 'JSONEachRow' });
  const contents = spans.map(contentToRow).filter((row) => row !== null);
  if (contents.length > 0) {
    await db.client.insert({ table: `${db.database}.span_contents`, values: contents, format: 'JSONEachRow' });
  }
  const byProject = new Map<string, Set<string>>();
  for (const span of spans) byProject.set(span.projectId, (byProject.get(span.projectId) ?? new Set()).add(span.traceId));
  for (const [project, traceIds] of byProject) await refreshDerived(db.client, db.database, project, [...traceIds]);
}

/** A root span and its children, all in one trace; children start 1 ms apart after the root unless told. */
function trace(traceId: string, root: Partial<Span>, children: Partial<Span>[] = [], projectId = PROJECT): Span[] {
  const rootSpan = makeSpan({ projectId, traceId, ...root });
  return [
    rootSpan,
    ...children.map((child, i) =>
      makeSpan({
        projectId,
        traceId,
        parentSpanId: rootSpan.spanId,
        serviceName: rootSpan.serviceName,
        startTimeUnixNano: rootSpan.startTimeUnixNano + ms(i + 1),
        ...child,
      }),
    ),
  ];
}

const llm = (model: string, input: number, output: number, costUsd: number): Partial<Span> => ({
  name: `chat ${model}`,
  nodeType: 'llm',
  operation: 'chat',
  provider: 'openai',
  requestModel: model,
  responseModel: model,
  inputTokens: input,
  outputTokens: output,
  costUsd,
  costSource: 'catalog',
});

// Four traces in the window with distinct durations, costs, span counts and tokens, so every sort has one
// right answer; T1 and T3 share a service, so the service sort also exercises the trace-id tie-break.
const T = { plan: tid('1'), inbox: tid('2'), answer: tid('3'), embed: tid('4'), old: tid('5'), other: tid('6') };
const FIXTURE: Span[] = [
  ...trace(
    T.plan,
    { name: 'Plan trip', serviceName: 'travel-api', statusCode: 'ok', startTimeUnixNano: at(0), durationNs: ms(3000), agentName: 'planner', nodeType: 'agent' },
    [llm('gpt-4o', 1000, 200, 0.01), { name: 'execute_tool search_flights', nodeType: 'tool', toolName: 'search_flights' }],
  ),
  ...trace(
    T.inbox,
    { name: 'Summarise inbox', serviceName: 'mail-worker', startTimeUnixNano: at(60_000), durationNs: ms(10_000), agentName: 'summariser', nodeType: 'agent' },
    [
      llm('claude-sonnet-4', 5000, 500, 0.5),
      { name: 'execute_tool fetch_mail', nodeType: 'tool', statusCode: 'error', statusMessage: 'IMAP timeout' },
      { name: 'execute_tool geo', nodeType: 'tool', serviceName: 'travel-api' },
    ],
  ),
  ...trace(
    T.answer,
    { name: 'Answer question', serviceName: 'travel-api', statusCode: 'error', startTimeUnixNano: at(120_000), durationNs: ms(500) },
    [{ name: 'retrieve docs', nodeType: 'retrieval', retrievalDocCount: 3 }, llm('gpt-4o-mini', 300, 30, 0.001)],
  ),
  ...trace(
    T.embed,
    { name: 'embed documents', serviceName: 'indexer', startTimeUnixNano: at(180_000), durationNs: ms(100), ...llm('text-embedding-3-small', 2000, 0, 0.0001), nodeType: 'embedding' },
  ),
  ...trace(T.old, { name: 'Plan trip', serviceName: 'travel-api', startTimeUnixNano: at(-2 * 86_400_000) }),
  ...trace(T.other, { name: 'Plan trip', serviceName: 'travel-api', startTimeUnixNano: at(0) }, [], 'other-project'),
];

// Runs with guardrails, in a window of their own (five days later) so that the figures above stay as they are.
const GUARDED_AT = 5 * 86_400_000;
const GUARDED_WINDOW = { from: BASE + GUARDED_AT - 3_600_000, to: BASE + GUARDED_AT + 3_600_000 };
const G = { refund: 'c0ffee'.padEnd(32, '1'), escalated: 'c0ffee'.padEnd(32, '2'), passed: 'c0ffee'.padEnd(32, '3') };
const guard = (verdict: Span['guardrailVerdict']): Partial<Span> => ({
  name: 'apply_guardrail pii',
  nodeType: 'guardrail',
  guardrailName: 'pii',
  guardrailVerdict: verdict,
});
const GUARDED: Span[] = [
  ...trace(G.refund, { name: 'Refund', startTimeUnixNano: at(GUARDED_AT) }, [guard('pass'), guard('rewrite'), guard('block'), guard('rewrite')]),
  ...trace(G.escalated, { name: 'Escalated refund', startTimeUnixNano: at(GUARDED_AT + 1000) }, [guard('escalate')]),
  ...trace(G.passed, { name: 'Clean refund', startTimeUnixNano: at(GUARDED_AT + 2000) }, [guard('pass'), llm('gpt-4o', 10, 1, 0)]),
];

/** Rows on disk for a trace, duplicates included. */
async function rawCount(table: string, traceId: string): Promise<number> {
  const result = await db.client.query({
    query: `SELECT count() AS n FROM ${db.database}.${table} WHERE trace_id = {traceId:String}`,
    query_params: { traceId },
    format: 'JSONEachRow',
  });
  const [row] = await result.json<{ n: string }>();
  return Number(row?.n);
}

const names = new Map([
  [T.plan, 'plan'],
  [T.inbox, 'inbox'],
  [T.answer, 'answer'],
  [T.embed, 'embed'],
  [T.old, 'old'],
  [T.other, 'other'],
  [G.refund, 'refund'],
  [G.escalated, 'escalated'],
  [G.passed, 'passed'],
]);
async function listed(params: Record<string, unknown>): Promise<string[]> {
  const page = await listTraces(db.client, db.database, { projectId: PROJECT, ...WINDOW, limit: 500, ...params });
  return page.traces.map((t) => names.get(t.traceId) ?? t.traceId);
}

beforeAll(async () => {
  db = await createTestDatabase();
  await migrate(db.client, { database: db.database });
  // Without merges, every duplicate a retried export or a summary refresh leaves stays on disk, so the dedupe
  // tests below prove what the queries do rather than what a background merge happened to do first.
  for (const name of ['spans', 'span_contents', 'trace_summaries']) {
    await db.client.command({ query: `SYSTEM STOP MERGES ${db.database}.${name}` });
  }
  await insert([...FIXTURE, ...GUARDED]);
});
afterAll(async () => {
  await db?.drop();
});

describe('listTraces filters', () => {
  it.each<[string, Record<string, unknown>, string[]]>([
    ['nothing (the window and project only)', {}, ['embed', 'answer', 'inbox', 'plan']],
    ['a service any span ran in', { service: 'travel-api' }, ['answer', 'inbox', 'plan']],
    ['an agent', { agent: 'planner' }, ['plan']],
    ['an exact model', { model: 'gpt-4o' }, ['plan']],
    ['status error: a failed root or any failed span', { status: 'error' }, ['answer', 'inbox']],
    ['status ok', { status: 'ok' }, ['plan']],
    ['status unset', { status: 'unset' }, ['embed']],
    ['hasError true', { hasError: 'true' }, ['answer', 'inbox']],
    ['hasError false', { hasError: 'false' }, ['embed', 'plan']],
    ['a case-insensitive root name substring', { q: 'SUMMARISE' }, ['inbox']],
    ['a root name substring matched literally', { q: '%' }, []],
    ['a minimum cost, inclusive', { minCostUsd: '0.01' }, ['inbox', 'plan']],
    ['a minimum duration, inclusive', { minDurationMs: '3000' }, ['inbox', 'plan']],
    ['a node type', { nodeType: 'retrieval' }, ['answer']],
    ['several filters together', { service: 'travel-api', status: 'error', minDurationMs: '1000' }, ['inbox']],
    ['an earlier window', { from: BASE - 3 * 86_400_000, to: BASE - 86_400_000 }, ['old']],
    ['another project', { projectId: 'other-project' }, ['other']],
    ['a guardrail that acted, by any verdict but a pass', { ...GUARDED_WINDOW, guardrail: 'any' }, ['escalated', 'refund']],
    ['a guardrail that blocked', { ...GUARDED_WINDOW, guardrail: 'block' }, ['refund']],
    ['a guardrail that escalated', { ...GUARDED_WINDOW, guardrail: 'escalate' }, ['escalated']],
    ['a guardrail verdict no run had', { ...GUARDED_WINDOW, guardrail: 'fail' }, []],
  ])('narrows by %s', async (_label, params, expected) => {
    expect(await listed(params)).toEqual(expected);
  });
});

describe('listTraces guardrail interventions', () => {
  it('lists each run’s guardrail verdicts other than a pass, errors first, each once', async () => {
    const { traces } = await listTraces(db.client, db.database, { projectId: PROJECT, ...GUARDED_WINDOW });
    expect(Object.fromEntries(traces.map((t) => [names.get(t.traceId), t.guardrailInterventions]))).toEqual({
      refund: ['block', 'rewrite'],
      escalated: ['escalate'],
      passed: [],
    });
  });

  it('rejects a guardrail filter that is not a verdict', async () => {
    await expect(listTraces(db.client, db.database, { projectId: PROJECT, guardrail: 'pass' })).rejects.toThrow(/guardrail/);
  });
});

describe('listTraces firing alerts', () => {
  const finding = (traceId: string, ruleId: Finding['ruleId'], severity: Finding['severity']): Finding => ({
    ruleId,
    severity,
    title: `${ruleId} on ${names.get(traceId)}`,
    summary: '',
    traceId,
    evidenceSpanIds: [],
    key: ruleId,
    value: 2,
    threshold: 1,
  });

  it('lists the alerts firing on each run, critical first, and neither resolved ones nor another project’s', async () => {
    const firedAt = BASE + GUARDED_AT + 60_000;
    const started = BASE + GUARDED_AT;
    const pingPong = findingToAlert(PROJECT, finding(G.refund, 'agent_ping_pong', 'warning'), firedAt, started);
    await saveAlerts(db.client, db.database, [
      findingToAlert(PROJECT, finding(G.refund, 'repeated_tool_call', 'warning'), firedAt + 1000, started),
      // Fired before the run's root span arrived, when the run seemed to start half an hour later.
      findingToAlert(PROJECT, finding(G.refund, 'cost_per_run', 'critical'), firedAt, started + 1_800_000),
      pingPong,
      findingToAlert('another-project', finding(G.escalated, 'step_explosion', 'critical'), firedAt, started + 1000),
    ]);
    await saveAlerts(db.client, db.database, [{ ...pingPong, state: 'resolved', resolvedAtMs: firedAt + 5000 }]);

    const { traces } = await listTraces(db.client, db.database, { projectId: PROJECT, ...GUARDED_WINDOW });
    expect(Object.fromEntries(traces.map((t) => [names.get(t.traceId), t.firingAlerts]))).toEqual({
      refund: [
        { ruleId: 'cost_per_run', severity: 'critical', title: 'cost_per_run on refund' },
        { ruleId: 'repeated_tool_call', severity: 'warning', title: 'repeated_tool_call on refund' },
      ],
      escalated: [],
      passed: [],
    });
  });
});

describe('listTraces sorting', () => {
  it.each<[string, 'asc' | 'desc', string[]]>([
    ['start', 'desc', ['embed', 'answer', 'inbox', 'plan']],
    ['start', 'asc', ['plan', 'inbox', 'answer', 'embed']],
    ['duration', 'desc', ['inbox', 'plan', 'answer', 'embed']],
    ['cost', 'desc', ['inbox', 'plan', 'answer', 'embed']],
    ['cost', 'asc', ['embed', 'answer', 'plan', 'inbox']],
    // plan and answer both have 3 spans: the tie goes to the higher trace id in a descending sort.
    ['spans', 'desc', ['inbox', 'answer', 'plan', 'embed']],
    ['tokens', 'desc', ['inbox', 'embed', 'plan', 'answer']],
    // One model call each but the embedding run (an embedding is not an LLM call); ties by trace id.
    ['calls', 'desc', ['answer', 'inbox', 'plan', 'embed']],
    ['calls', 'asc', ['embed', 'plan', 'inbox', 'answer']],
    // inbox's tool failed and answer's root did: one error each.
    ['errors', 'desc', ['answer', 'inbox', 'embed', 'plan']],
    ['name', 'asc', ['answer', 'plan', 'inbox', 'embed']],
    ['service', 'asc', ['embed', 'inbox', 'plan', 'answer']],
    ['service', 'desc', ['answer', 'plan', 'inbox', 'embed']],
  ])('sorts by %s %s', async (sort, order, expected) => {
    expect(await listed({ sort, order })).toEqual(expected);
  });

  it('serves the summary figures a reviewer reads in the list', async () => {
    const { traces } = await listTraces(db.client, db.database, { projectId: PROJECT, ...WINDOW, q: 'inbox' });
    expect(traces).toHaveLength(1);
    expect(traces[0]).toMatchObject({
      traceId: T.inbox,
      rootName: 'Summarise inbox',
      serviceName: 'mail-worker',
      services: ['mail-worker', 'travel-api'],
      startTime: '2025-03-10T10:01:00.000Z',
      durationMs: 10_000,
      spanCount: 4,
      errorCount: 1,
      statusCode: 'unset',
      agents: ['summariser'],
      models: ['claude-sonnet-4'],
      llmCallCount: 1,
      toolCallCount: 2,
      inputTokens: 5000,
      outputTokens: 500,
      costUsd: 0.5,
    });
  });
});

describe('listTraces pagination', () => {
  const PAGING = 'paging';
  // 25 traces one second apart; costs repeat every 4 traces so the cost sort has ties broken by trace id.
  const ids = Array.from({ length: 25 }, (_, i) => (i + 10).toString(16).padStart(32, 'a'));
  const window = { from: BASE - 3_600_000, to: BASE + 3_600_000 };

  beforeAll(async () => {
    await insert(
      ids.flatMap((id, i) =>
        trace(id, { name: `run ${i}`, startTimeUnixNano: at(i * 1000), ...llm('gpt-4o', 10, 10, (i % 4) * 0.25), nodeType: 'agent' }, [], PAGING),
      ),
    );
  });

  async function allPages(params: Record<string, unknown>, between?: (page: number) => Promise<void>) {
    const pages: string[][] = [];
    let cursor: string | undefined;
    do {
      const page = await listTraces(db.client, db.database, { projectId: PAGING, ...window, limit: 10, ...params, cursor });
      pages.push(page.traces.map((t) => t.traceId));
      cursor = page.nextCursor ?? undefined;
      await between?.(pages.length);
    } while (cursor && pages.length < 10);
    return pages;
  }

  it.each([
    ['start', 'desc'],
    ['cost', 'asc'],
    ['cost', 'desc'],
    ['name', 'asc'],
    // Every paging run has the same number of LLM calls: the pages hold together on the trace-id tie-break alone.
    ['calls', 'desc'],
  ])('returns every trace exactly once, in order, over 3 pages (sort %s %s)', async (sort, order) => {
    const whole = await listTraces(db.client, db.database, { projectId: PAGING, ...window, limit: 500, sort, order });
    const pages = await allPages({ sort, order });
    expect(pages.map((p) => p.length)).toEqual([10, 10, 5]);
    expect(pages.flat()).toEqual(whole.traces.map((t) => t.traceId));
    expect(new Set(pages.flat()).size).toBe(25);
  });

  it('is not disturbed by traces arriving between pages', async () => {
    const before = await listTraces(db.client, db.database, { projectId: PAGING, ...window, limit: 500 });
    const arrivals: string[] = [];
    const pages = await allPages({}, async (page) => {
      const id = `${page}`.padStart(32, 'f');
      arrivals.push(id);
      // Newest of all: with OFFSET paging it would push a seen row onto the next page.
      await insert(trace(id, { name: `late ${page}`, startTimeUnixNano: at(3_000_000 + page) }, [], PAGING));
    });
    expect(pages.flat()).toEqual(before.traces.map((t) => t.traceId));
    expect(arrivals.length).toBeGreaterThan(0);
  });

  it.each([
    ['garbage', 'not a cursor!'],
    ['valid base64 of junk', Buffer.from('{"s":"start"}').toString('base64url')],
  ])('rejects a malformed cursor (%s) with BadRequest', async (_label, cursor) => {
    await expect(listTraces(db.client, db.database, { projectId: PAGING, cursor })).rejects.toThrow(BadRequest);
  });

  it('rejects a cursor used with another sort', async () => {
    const first = await listTraces(db.client, db.database, { projectId: PAGING, ...window, limit: 5 });
    expect(first.nextCursor).not.toBeNull();
    await expect(
      listTraces(db.client, db.database, { projectId: PAGING, ...window, sort: 'cost', cursor: first.nextCursor }),
    ).rejects.toThrow(BadRequest);
  });
});

const API_SPAN_FIELDS = [
  'traceId', 'spanId', 'parentSpanId', 'parentIsRemote', 'name', 'kind', 'nodeType', 'serviceName', 'scopeName',
  'startTime', 'startTimeUnixNano', 'durationMs', 'statusCode', 'statusMessage', 'errorType', 'operation', 'provider',
  'requestModel', 'responseModel', 'agentName', 'agentId', 'conversationId', 'toolName', 'toolCallId', 'toolArgumentsPreview', 'finishReasons',
  'inputTokens', 'outputTokens', 'cacheReadTokens', 'cacheWriteTokens', 'reasoningTokens', 'usageIsAggregate',
  'costUsd', 'costSource', 'retrievalDocCount', 'retrievalTopScore', 'retrievalScores', 'guardrailName',
  'guardrailVerdict', 'guardrailReason', 'evaluations', 'attributes', 'resourceAttributes', 'events', 'links',
] as const;

describe('getTraceDetail', () => {
  it('returns the summary and every span, ordered by start, with all API fields', async () => {
    const detail = await getTraceDetail(db.client, db.database, PROJECT, T.plan);
    expect(detail.trace).toMatchObject({ traceId: T.plan, rootName: 'Plan trip', spanCount: 3, inputTokens: 1000, outputTokens: 200, costUsd: 0.01 });
    expect(detail.spans.map((s) => s.name)).toEqual(['Plan trip', 'chat gpt-4o', 'execute_tool search_flights']);
    const root = detail.spans[0]!;
    const chat = detail.spans[1]!;
    expect(Object.keys(chat).sort()).toEqual([...API_SPAN_FIELDS].sort());
    expect(chat).toMatchObject({
      traceId: T.plan,
      parentSpanId: root.spanId,
      nodeType: 'llm',
      requestModel: 'gpt-4o',
      inputTokens: 1000,
      outputTokens: 200,
      costUsd: 0.01,
      costSource: 'catalog',
      startTime: '2025-03-10T10:00:00.001Z',
      startTimeUnixNano: (at(1)).toString(),
      durationMs: 1,
    });
    expect(root).toMatchObject({ parentSpanId: '', nodeType: 'agent', agentName: 'planner', statusCode: 'ok', durationMs: 3000, costUsd: null });
  });

  it('round-trips the structured span fields', async () => {
    const span = makeSpan({
      projectId: 'structured',
      startTimeUnixNano: at(5_000) + 123n,
      durationNs: 1_500_000n,
      nodeType: 'guardrail',
      kind: 'client',
      statusCode: 'error',
      statusMessage: 'blocked',
      errorType: 'GuardrailTripped',
      finishReasons: ['stop', 'length'],
      cacheReadTokens: 7,
      cacheWriteTokens: 3,
      reasoningTokens: 2,
      retrievalDocCount: 0,
      retrievalTopScore: 0.75,
      retrievalScores: [0.75, 0.5],
      guardrailName: 'pii',
      guardrailVerdict: 'block',
      guardrailReason: 'email address',
      evaluations: [{ name: 'faithfulness', score: 0.9, label: 'pass', explanation: 'grounded' }],
      attributes: { 'app.user': 'u1' },
      resourceAttributes: { 'service.version': '2.1' },
      events: [{ timeUnixNano: at(5_001), name: 'exception', attributes: { 'exception.type': 'Boom' } }],
      links: [{ traceId: T.inbox, spanId: '0123456789abcdef', attributes: { 'link.kind': 'handoff' } }],
    });
    await insert([span]);
    const [got] = (await getTraceDetail(db.client, db.database, 'structured', span.traceId)).spans;
    expect(got).toMatchObject({
      kind: 'client',
      startTimeUnixNano: span.startTimeUnixNano.toString(),
      durationMs: 1.5,
      statusCode: 'error',
      statusMessage: 'blocked',
      errorType: 'GuardrailTripped',
      finishReasons: ['stop', 'length'],
      cacheReadTokens: 7,
      cacheWriteTokens: 3,
      reasoningTokens: 2,
      retrievalDocCount: 0,
      retrievalTopScore: 0.75,
      retrievalScores: [0.75, 0.5],
      guardrailName: 'pii',
      guardrailVerdict: 'block',
      guardrailReason: 'email address',
      evaluations: [{ name: 'faithfulness', score: 0.9, label: 'pass', explanation: 'grounded' }],
      attributes: { 'app.user': 'u1' },
      resourceAttributes: { 'service.version': '2.1' },
      events: [{ time: '2025-03-10T10:00:05.001Z', timeUnixNano: at(5_001).toString(), name: 'exception', attributes: { 'exception.type': 'Boom' } }],
      links: [{ traceId: T.inbox, spanId: '0123456789abcdef', attributes: { 'link.kind': 'handoff' } }],
    });
  });

  it('throws NotFound for an unknown trace, and for a trace of another project', async () => {
    await expect(getTraceDetail(db.client, db.database, PROJECT, tid('9'))).rejects.toThrow(NotFound);
    await expect(getTraceDetail(db.client, db.database, PROJECT, T.other)).rejects.toThrow(NotFound);
  });
});

describe('a retried export', () => {
  it('lists the trace once with the same span count, tokens and cost', async () => {
    const id = tid('7');
    const spans = trace(id, { name: 'Retried run', startTimeUnixNano: at(200_000), nodeType: 'agent' }, [
      llm('gpt-4o', 400, 40, 0.02),
      llm('gpt-4o', 600, 60, 0.03),
    ]);
    await insert(spans);
    await insert(spans);
    expect(await rawCount('spans', id)).toBe(6);

    const { traces } = await listTraces(db.client, db.database, { projectId: PROJECT, ...WINDOW, q: 'Retried run' });
    expect(traces).toHaveLength(1);
    expect(traces[0]).toMatchObject({ spanCount: 3, inputTokens: 1000, outputTokens: 100 });
    expect(traces[0]!.costUsd).toBeCloseTo(0.05, 12);

    const detail = await getTraceDetail(db.client, db.database, PROJECT, id);
    expect(detail.spans).toHaveLength(3);
    expect(new Set(detail.spans.map((s) => s.spanId)).size).toBe(3);
    expect(detail.trace.spanCount).toBe(3);
  });
});

describe('a root that arrives after its children', () => {
  it('gets the right root name once refreshed, and no longer matches its stand-in name', async () => {
    const id = tid('8');
    const [root, ...children] = trace(id, { name: 'Deliver order', startTimeUnixNano: at(300_000), durationNs: ms(50) }, [
      { name: 'step pack parcel' },
      { name: 'step ship parcel' },
    ]);
    await insert(children);
    let detail = await getTraceDetail(db.client, db.database, PROJECT, id);
    expect(detail.trace).toMatchObject({ rootName: 'step pack parcel', spanCount: 2 });

    await insert([root!]);
    expect(await rawCount('trace_summaries', id)).toBe(2);
    detail = await getTraceDetail(db.client, db.database, PROJECT, id);
    expect(detail.trace).toMatchObject({ rootName: 'Deliver order', rootSpanId: root!.spanId, spanCount: 3, durationMs: 50 });
    expect(await listed({ q: 'Deliver order' })).toEqual([id]);
    // The stale summary (root name "step pack parcel") must not match a filter its current version fails.
    expect(await listed({ q: 'pack parcel' })).toEqual([]);
  });
});

describe('getSpanContent', () => {
  const content = {
    systemInstructions: [{ type: 'text', content: 'You are terse.' }],
    inputMessages: [{ role: 'user', parts: [{ type: 'text', content: 'Weather in Paris?' }] }],
    outputMessages: [
      { role: 'assistant', parts: [{ type: 'tool_call', id: 'call_1', name: 'get_weather', arguments: { city: 'Paris' } }], finishReason: 'tool_call' },
    ],
    toolArguments: { city: 'Paris' },
    toolResult: { tempC: 18, sky: 'clear' },
    retrievalQuery: 'paris weather',
    retrievalDocuments: [{ id: 'doc-1', score: 0.8, content: 'Paris is mild in spring.' }],
  };
  const [root, withContent] = trace(tid('b'), { name: 'Content run', startTimeUnixNano: at(400_000) }, [{ name: 'chat', content }]);

  beforeAll(async () => {
    await insert([root!, withContent!]);
  });

  it('round-trips messages, tool arguments and results, and documents', async () => {
    expect(await getSpanContent(db.client, db.database, PROJECT, tid('b'), withContent!.spanId)).toEqual(content);
  });

  it('is empty for a span that carried no content', async () => {
    expect(await getSpanContent(db.client, db.database, PROJECT, tid('b'), root!.spanId)).toEqual({
      systemInstructions: null,
      inputMessages: null,
      outputMessages: null,
      toolArguments: null,
      toolResult: null,
      retrievalQuery: null,
      retrievalDocuments: null,
    });
  });

  it('throws NotFound for an unknown span', async () => {
    await expect(getSpanContent(db.client, db.database, PROJECT, tid('b'), 'f'.repeat(16))).rejects.toThrow(NotFound);
  });
});

describe('listFacets', () => {
  it('lists the services, agents and models present in the window, sorted', async () => {
    const facets = await listFacets(db.client, db.database, PROJECT, BASE - 60_000, BASE + 150_000);
    expect(facets).toEqual({
      services: ['mail-worker', 'travel-api'],
      agents: ['planner', 'summariser'],
      models: ['claude-sonnet-4', 'gpt-4o', 'gpt-4o-mini'],
    });
  });

  it('is empty for a window with no traces', async () => {
    expect(await listFacets(db.client, db.database, PROJECT, BASE + 7_200_000, BASE + 7_300_000)).toEqual({ services: [], agents: [], models: [] });
  });
});

describe('incoming links', () => {
  it('lists the spans of other traces that link into a trace, and nothing for a trace nobody links to', async () => {
    const target = tid('7');
    const [targetRoot] = trace(target, { name: 'evaluated run', startTimeUnixNano: at(1_000) });
    const judge = trace(tid('8'), { name: 'evaluate answer', serviceName: 'evaluator', startTimeUnixNano: at(2_000) }, [
      { name: 'score relevance', links: [{ traceId: target, spanId: targetRoot!.spanId, attributes: { 'link.kind': 'judged' } }] },
    ]);
    const unrelated = trace(tid('9'), { name: 'elsewhere', startTimeUnixNano: at(3_000), links: [{ traceId: tid('a'), spanId: 'b'.repeat(16), attributes: {} }] });
    await insert([targetRoot!, ...judge, ...unrelated]);

    const detail = await getTraceDetail(db.client, db.database, PROJECT, target);
    expect(detail.incomingLinks).toEqual([
      { fromTraceId: tid('8'), fromSpanId: judge[1]!.spanId, fromName: 'score relevance', fromServiceName: 'evaluator', toSpanId: targetRoot!.spanId },
    ]);
    expect((await getTraceDetail(db.client, db.database, PROJECT, tid('8'))).incomingLinks).toEqual([]);
  });
});

describe('getTraceDetails', () => {
  it('reads several traces at once, each exactly as getTraceDetail reads it, and leaves out unknown ones', async () => {
    const ids = [T.plan, T.inbox, T.answer];
    const many = await getTraceDetails(db.client, db.database, PROJECT, [...ids, tid('f')]);
    expect([...many.keys()].sort()).toEqual([...ids].sort());
    for (const id of ids) {
      const one = await getTraceDetail(db.client, db.database, PROJECT, id);
      expect(many.get(id)).toEqual({ ...one, incomingLinks: [] });
    }
    expect((await getTraceDetails(db.client, db.database, PROJECT, [])).size).toBe(0);
  });

  it('reads only the named attributes, and no resource attributes, events or links, when asked', async () => {
    const span = makeSpan({
      projectId: 'slim',
      attributes: { 'http.status_code': '403', 'app.user': 'u1' },
      resourceAttributes: { 'service.version': '2.1' },
      events: [{ timeUnixNano: at(1), name: 'exception', attributes: { 'exception.type': 'Boom' } }],
      links: [{ traceId: T.inbox, spanId: '0123456789abcdef', attributes: {} }],
    });
    await insert([span]);
    await refreshDerived(db.client, db.database, 'slim', [span.traceId]);
    const full = (await getTraceDetails(db.client, db.database, 'slim', [span.traceId])).get(span.traceId)!.spans;
    const slim = (await getTraceDetails(db.client, db.database, 'slim', [span.traceId], { attributeKeys: ['http.status_code', 'absent'] }))
      .get(span.traceId)!.spans;
    expect(full[0]).toMatchObject({ attributes: { 'app.user': 'u1' }, resourceAttributes: { 'service.version': '2.1' } });
    expect(full[0]!.events).toHaveLength(1);
    expect(slim).toEqual([{ ...full[0], attributes: { 'http.status_code': '403' }, resourceAttributes: {}, events: [], links: [] }]);
  });
});
