/**
 * The collector's trace memory against the real embedded ClickHouse: a trace is rebuilt from the spans the
 * collector wrote when storage agrees with what it last wrote, and from storage whenever it does not — another
 * writer's spans, a recompute of costs, a trace found at start, a trace forgotten before its first rebuild.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { insertRowBinary } from '../lib/clickhouse/insert';
import { migrate } from '../lib/clickhouse/migrate';
import { selectRows } from '../lib/clickhouse/query';
import { RowBinaryRows } from '../lib/clickhouse/row-binary';
import { DETECTOR_ATTRIBUTE_KEYS } from '../lib/detectors';
import { refreshDerived } from '../lib/queries/derived';
import { SPAN_BINARY_COLUMNS } from '../lib/queries/span-binary-columns';
import { getTraceDetails } from '../lib/queries/traces';
import type { Span } from '../lib/span/types';
import { createTestDatabase, type TestDatabase } from '../lib/testing/clickhouse';
import { makeSpan, nanos, randomTraceId } from '../lib/testing/span-factory';
import { TraceMemory } from './trace-memory';

const PROJECT = 'memory';
const AT = Date.now() - 3_600_000;

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase('trace_memory');
  await migrate(db.client, { database: db.database });
});
afterAll(async () => {
  await db?.drop();
});

/** An agent run: an agent span, two priced model calls (one with a rule attribute) and a tool call. */
function run(traceId = randomTraceId(), offsetMs = 0): Span[] {
  const agent = makeSpan({ projectId: PROJECT, traceId, name: 'invoke_agent planner', nodeType: 'agent', agentName: 'planner', startTimeUnixNano: nanos(AT + offsetMs) });
  const call = (i: number) =>
    makeSpan({
      projectId: PROJECT,
      traceId,
      parentSpanId: agent.spanId,
      name: 'chat gpt-4o',
      nodeType: 'llm',
      provider: 'openai',
      requestModel: 'gpt-4o',
      inputTokens: 100 * (i + 1),
      outputTokens: 10,
      costUsd: 0.01 * (i + 1),
      costSource: 'catalog',
      startTimeUnixNano: nanos(AT + offsetMs + 10 * (i + 1)),
      attributes: { 'gen_ai.response.finish_reasons': '["stop"]', unrelated: 'dropped' },
    });
  const tool = makeSpan({ projectId: PROJECT, traceId, parentSpanId: agent.spanId, name: 'execute_tool search', nodeType: 'tool', toolName: 'search', startTimeUnixNano: nanos(AT + offsetMs + 40) });
  return [agent, call(0), call(1), tool];
}

async function store(spans: Span[]): Promise<void> {
  const rows = new RowBinaryRows(SPAN_BINARY_COLUMNS);
  rows.addAll(spans);
  await insertRowBinary(db.client, `${db.database}.spans`, rows);
}

/** Writes the spans and remembers them, as the collector does when a batch is committed. */
async function commit(memory: TraceMemory, spans: Span[]): Promise<void> {
  await store(spans);
  memory.remember(spans.map((span) => memory.slim(span)));
}

const newMemory = (maxSpans = 1_000) => new TraceMemory({ maxSpans, attributeKeys: DETECTOR_ATTRIBUTE_KEYS });

async function summary(traceId: string): Promise<{ span_count: number; cost_usd: number } | undefined> {
  const [row] = await selectRows({
    client: db.client,
    tag: 'test.summary',
    sql: `SELECT span_count, cost_usd FROM ${db.database}.trace_summaries FINAL
      WHERE project_id = {project:String} AND trace_id = {traceId:String}`,
    params: { project: PROJECT, traceId },
    row: z.object({ span_count: z.coerce.number(), cost_usd: z.coerce.number() }),
  });
  return row;
}

/** The trace's cost rollups as a cost page reads them (FINAL drops tombstones). */
async function rollupAgents(traceId: string): Promise<{ agent: string; cost: number }[]> {
  return selectRows({
    client: db.client,
    tag: 'test.rollups',
    sql: `SELECT agent, cost_usd AS cost FROM ${db.database}.cost_rollups FINAL
      WHERE project_id = {project:String} AND trace_id = {traceId:String} ORDER BY agent`,
    params: { project: PROJECT, traceId },
    row: z.object({ agent: z.string(), cost: z.coerce.number() }),
  });
}

describe('TraceMemory', () => {
  it('derives a trace from the spans it was given, without reading them back', async () => {
    const memory = newMemory();
    const spans = run();
    const traceId = spans[0]?.traceId ?? '';
    // Remembered but never stored: only the memory can have produced the summary.
    memory.remember(spans.map((span) => memory.slim(span)));
    const details = await memory.rebuild(db.client, db.database, PROJECT, [traceId]);
    expect(details.get(traceId)?.spans).toHaveLength(4);
    expect(await summary(traceId)).toEqual({ span_count: 4, cost_usd: 0.03 });
  });

  it('hands the alert rules the traces exactly as reading them back would', async () => {
    const memory = newMemory();
    const traces = [run(), run(), run()];
    for (const spans of traces) await commit(memory, spans);
    const ids = traces.map((spans) => spans[0]?.traceId ?? '');
    const fromMemory = await memory.rebuild(db.client, db.database, PROJECT, ids);
    const readBack = await getTraceDetails(db.client, db.database, PROJECT, ids, { attributeKeys: DETECTOR_ATTRIBUTE_KEYS });
    expect(fromMemory.size).toBe(3);
    for (const id of ids) {
      expect(fromMemory.get(id)?.spans).toEqual(readBack.get(id)?.spans);
      expect(fromMemory.get(id)?.trace).toEqual(readBack.get(id)?.trace);
    }
  });

  it('keeps deriving from memory as a trace grows over several batches, counting a re-sent span once', async () => {
    const memory = newMemory();
    const [agent, first, second, tool] = run() as [Span, Span, Span, Span];
    await commit(memory, [agent, first]);
    await memory.rebuild(db.client, db.database, PROJECT, [agent.traceId]);
    await commit(memory, [first, second, tool]);
    // A span stored without the collector knowing would be counted if the trace were read from storage.
    await store([makeSpan({ projectId: PROJECT, traceId: agent.traceId, startTimeUnixNano: nanos(AT + 5) })]);
    await memory.rebuild(db.client, db.database, PROJECT, [agent.traceId]);
    expect(await summary(agent.traceId)).toEqual({ span_count: 4, cost_usd: 0.03 });
  });

  it('moves a call to the agent whose span arrived later, tombstoning the old key without reading it back', async () => {
    const counts: { memory: number; storage: number }[] = [];
    const memory = new TraceMemory({ maxSpans: 1_000, attributeKeys: DETECTOR_ATTRIBUTE_KEYS, onRebuilt: (c) => counts.push(c) });
    const traceId = randomTraceId();
    const agent = makeSpan({ projectId: PROJECT, traceId, name: 'invoke_agent', nodeType: 'agent', agentName: 'late-agent', startTimeUnixNano: nanos(AT) });
    const call = makeSpan({ projectId: PROJECT, traceId, parentSpanId: agent.spanId, name: 'chat', nodeType: 'llm', provider: 'openai', requestModel: 'gpt-4o', outputTokens: 7, costUsd: 1, costSource: 'catalog', startTimeUnixNano: nanos(AT + 5) });
    await commit(memory, [call]);
    await memory.rebuild(db.client, db.database, PROJECT, [traceId]);
    expect(await rollupAgents(traceId)).toEqual([{ agent: '', cost: 1 }]);
    await commit(memory, [agent]);
    await memory.rebuild(db.client, db.database, PROJECT, [traceId]);
    expect(counts).toEqual([{ memory: 1, storage: 0 }, { memory: 1, storage: 0 }]);
    expect(await rollupAgents(traceId)).toEqual([{ agent: 'late-agent', cost: 1 }]);
  });

  it('reads from storage a trace whose stored summary another writer changed, then trusts memory again', async () => {
    const memory = newMemory();
    const [agent, first, second, tool] = run() as [Span, Span, Span, Span];
    await commit(memory, [agent, first]);
    await memory.rebuild(db.client, db.database, PROJECT, [agent.traceId]);
    // Another collector stores a span of the same trace and rebuilds it.
    await store([second]);
    await refreshDerived(db.client, db.database, PROJECT, [agent.traceId]);
    await commit(memory, [tool]);
    await memory.rebuild(db.client, db.database, PROJECT, [agent.traceId]);
    expect(await summary(agent.traceId)).toEqual({ span_count: 4, cost_usd: 0.03 });
    const late = makeSpan({ projectId: PROJECT, traceId: agent.traceId, startTimeUnixNano: nanos(AT + 50) });
    await commit(memory, [late]);
    await memory.rebuild(db.client, db.database, PROJECT, [agent.traceId]);
    expect(await summary(agent.traceId)).toEqual({ span_count: 5, cost_usd: 0.03 });
  });

  it('reads from storage a trace whose costs were recomputed since it wrote them', async () => {
    const memory = newMemory();
    const spans = run();
    const traceId = spans[0]?.traceId ?? '';
    await commit(memory, spans);
    await memory.rebuild(db.client, db.database, PROJECT, [traceId]);
    // A re-pricing rewrites the stored calls with a new cost (as recomputeCosts does) and rebuilds the trace.
    await store(spans.map((span) => (span.costUsd === null ? span : { ...span, costUsd: span.costUsd * 2 })));
    await refreshDerived(db.client, db.database, PROJECT, [traceId]);
    const late = makeSpan({ projectId: PROJECT, traceId, startTimeUnixNano: nanos(AT + 60) });
    await commit(memory, [late]);
    await memory.rebuild(db.client, db.database, PROJECT, [traceId]);
    expect(await summary(traceId)).toEqual({ span_count: 5, cost_usd: 0.06 });
  });

  it('reads from storage a trace found at start, whatever it holds of it', async () => {
    const memory = newMemory();
    const [agent, ...rest] = run() as [Span, ...Span[]];
    // Stored by a process that died before rebuilding; this one gets the rest after restarting.
    await store([agent]);
    memory.mustRead(PROJECT, [agent.traceId]);
    await commit(memory, rest);
    await memory.rebuild(db.client, db.database, PROJECT, [agent.traceId]);
    expect(await summary(agent.traceId)).toEqual({ span_count: 4, cost_usd: 0.03 });
  });

  it('reads from storage a trace it forgot before its first rebuild', async () => {
    const memory = newMemory(4);
    const [agent, first, second, tool] = run() as [Span, Span, Span, Span];
    await commit(memory, [agent, first, second]);
    // A second trace overfills the memory: the first one's three spans are forgotten, then the second's.
    const other = run();
    await commit(memory, other);
    await commit(memory, [tool]);
    expect(memory.keptSpans).toBe(1);
    await memory.rebuild(db.client, db.database, PROJECT, [agent.traceId, other[0]?.traceId ?? '']);
    expect(await summary(agent.traceId)).toEqual({ span_count: 4, cost_usd: 0.03 });
    expect(await summary(other[0]?.traceId ?? '')).toEqual({ span_count: 4, cost_usd: 0.03 });
  });

  it('keeps its count when a trace is forgotten while its own spans are being remembered, and reads it from storage', async () => {
    const memory = newMemory(4);
    const traceId = randomTraceId();
    // One export of eight spans of one trace: the memory overflows in the middle of it.
    await commit(memory, [...run(traceId), ...run(traceId, 100)]);
    expect(memory.keptSpans).toBe(3);
    await memory.rebuild(db.client, db.database, PROJECT, [traceId]);
    expect(await summary(traceId)).toEqual({ span_count: 8, cost_usd: 0.06 });
    // Rebuilt from storage, the trace is forgotten: nothing is counted that the memory does not hold.
    expect(memory.keptSpans).toBe(0);
  });
});
