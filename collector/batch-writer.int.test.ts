/**
 * The batch writer against the real embedded ClickHouse: an export is added to the waiting batch all or nothing,
 * whether one of its spans cannot be encoded or the export cannot be read to its end, and what other exports added
 * is committed untouched; a batch is committed while a long export is still being encoded.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { z } from 'zod';
import { migrate } from '../lib/clickhouse/migrate';
import { selectRows } from '../lib/clickhouse/query';
import { spanToApiSpan } from '../lib/queries/span-rows';
import type { Span } from '../lib/span/types';
import { createTestDatabase, type TestDatabase } from '../lib/testing/clickhouse';
import { makeSpan, randomTraceId } from '../lib/testing/span-factory';
import { BatchWriter, type BatchWriterOptions } from './batch-writer';
import { createMetrics } from './metrics';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase('batch_writer');
  await migrate(db.client, { database: db.database });
});
afterAll(async () => {
  await db?.drop();
});

const chat = (traceId: string, name: string): Span =>
  makeSpan({
    traceId,
    name,
    nodeType: 'llm',
    content: {
      systemInstructions: null,
      inputMessages: [{ role: 'user', parts: [{ type: 'text', content: `question of ${name}` }] }],
      outputMessages: null,
      toolArguments: null,
      toolResult: null,
      retrievalQuery: null,
      retrievalDocuments: null,
    },
  });

const spansOf = (traceId: string, prefix: string, n: number): Span[] =>
  Array.from({ length: n }, (_, i) => chat(traceId, `${prefix}-${i}`));

const newWriter = (options: Partial<BatchWriterOptions>) =>
  new BatchWriter({
    client: db.client,
    database: db.database,
    metrics: createMetrics(),
    maxBatchSpans: 1_000,
    maxWaitMs: 50,
    maxQueuedSpans: 10_000,
    ...options,
  });

async function storedNames(traceId: string): Promise<{ spans: string[]; contents: number }> {
  const spans = await selectRows({
    client: db.client,
    tag: 'test.spans',
    sql: `SELECT name FROM ${db.database}.spans WHERE trace_id = {traceId:String} ORDER BY name`,
    params: { traceId },
    row: z.object({ name: z.string() }),
  });
  const contents = await selectRows({
    client: db.client,
    tag: 'test.contents',
    sql: `SELECT count() AS n FROM ${db.database}.span_contents WHERE trace_id = {traceId:String}`,
    params: { traceId },
    row: z.object({ n: z.coerce.number() }),
  });
  return { spans: spans.map((r) => r.name), contents: contents[0]?.n ?? -1 };
}

/**
 * A writer that would wait a minute for exports still arriving, and never forgets its peak of spans in flight: what
 * flushes its batches is what the test's exports make of the rules.
 */
function patientWriter() {
  const metrics = createMetrics();
  const writer = newWriter({ metrics, maxWaitMs: 60_000, inFlightHalfLifeMs: 3_600_000 });
  return { metrics, writer, traceId: randomTraceId() };
}

/** `promise`, or a failure naming the wait once `ms` have passed: what the test waits for would take a minute. */
async function within<T>(ms: number, promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`not committed within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, late]);
  } finally {
    clearTimeout(timer);
  }
}

async function committedBatches(metrics: ReturnType<typeof createMetrics>): Promise<number> {
  const batches = (await metrics.batches.get()).values.filter((v) => v.labels.outcome === 'committed');
  return batches.reduce((sum, v) => sum + v.value, 0);
}

it('refuses an export whose span cannot be encoded, naming it, and commits the other exports of the batch', async () => {
  const committed: string[][] = [];
  const writer = newWriter({
    remember: (span) => ({ projectId: span.projectId, startNs: span.startTimeUnixNano, durationNs: span.durationNs, api: spanToApiSpan(span) }),
    onCommitted: (_traces, spans) => committed.push(spans.map((s) => s.api.name)),
  });
  const traceId = randomTraceId();
  const bad = chat(traceId, 'b2');
  bad.inputTokens = -1;
  const before = writer.write([chat(traceId, 'a1'), chat(traceId, 'a2')], 2);
  const refused = writer.write([chat(traceId, 'b1'), bad, chat(traceId, 'b3')], 3);
  await expect(refused).rejects.toThrow(
    `span ${traceId}/${bad.spanId} cannot be stored: column input_tokens: expected an integer from 0 to ${Number.MAX_SAFE_INTEGER}, got -1`,
  );
  expect(writer.queuedSpans).toBe(2);

  // An export that fails while it is being read (here: after yielding a span) leaves nothing behind either.
  function* unreadable(): Generator<Span> {
    yield chat(traceId, 'c1');
    throw new Error('the export ends in the middle of a span');
  }
  await expect(writer.write(unreadable(), 2)).rejects.toThrow('the export ends in the middle of a span');
  const after = writer.write([chat(traceId, 'd1')], 1);
  await Promise.all([before, after]);
  await writer.close();

  expect(await storedNames(traceId)).toEqual({ spans: ['a1', 'a2', 'd1'], contents: 3 });
  expect(committed.flat().sort()).toEqual(['a1', 'a2', 'd1']);
});

it('refuses an export beyond the queue limit before taking any of its spans', async () => {
  const writer = newWriter({ maxQueuedSpans: 2 });
  let taken = 0;
  function* counted(): Generator<Span> {
    for (let i = 0; i < 3; i++) {
      taken++;
      yield makeSpan();
    }
  }
  await expect(writer.write(counted(), 3)).rejects.toThrow('The collector has 0 spans waiting to be stored; retry shortly');
  expect(taken).toBe(0);
  await writer.close();
});

it('flushes at once when no other export is on its way, and waits for one that is', async () => {
  const { metrics, writer, traceId } = patientWriter();
  // Alone: committed without waiting the minute maxWaitMs allows. Its six spans are the most held in flight, so
  // batches of fewer than three are not flushed for being half of what is in flight (see the next test).
  const alone = writer.exportArriving();
  const first = writer.write(spansOf(traceId, 'alone', 6), 6);
  alone();
  await first;

  // With another export still arriving, the batch waits for it; once it is written, both go in one insert.
  const other = writer.exportArriving();
  const mine = writer.exportArriving();
  let committed = false;
  const second = writer.write([chat(traceId, 'early')], 1).then(() => (committed = true));
  mine();
  await new Promise((r) => setTimeout(r, 300));
  expect(committed).toBe(false);
  expect(writer.queuedSpans).toBe(1);
  const third = writer.write([chat(traceId, 'late')], 1);
  other();
  await Promise.all([second, third]);
  await writer.close();
  const stored = await storedNames(traceId);
  expect(stored.spans.filter((name) => !name.startsWith('alone'))).toEqual(['early', 'late']);
  expect(stored.contents).toBe(8);
  expect(await committedBatches(metrics)).toBe(2);
});

it('flushes a batch holding half of the spans in flight without waiting for the exports still arriving', async () => {
  const { metrics, writer, traceId } = patientWriter();
  const arriving = writer.exportArriving();
  // Eight spans in flight: four are being inserted while four more are written.
  const a = writer.write(spansOf(traceId, 'a', 4), 4);
  const b = writer.write(spansOf(traceId, 'b', 4), 4);
  await within(5_000, Promise.all([a, b]));
  expect(await committedBatches(metrics)).toBe(2);

  // Three of the eight: the batch waits, as an export is still arriving.
  let committed = false;
  const c = writer.write(spansOf(traceId, 'c', 3), 3).then(() => (committed = true));
  await new Promise((r) => setTimeout(r, 300));
  expect(committed).toBe(false);
  // Four: flushed, though the arriving export has not come and maxWaitMs is a minute.
  const d = writer.write(spansOf(traceId, 'd', 1), 1);
  await within(5_000, Promise.all([c, d]));
  expect(await committedBatches(metrics)).toBe(3);
  arriving();
  await writer.close();
  expect((await storedNames(traceId)).spans).toHaveLength(12);
});

it('commits a batch while a long export is still being encoded, and takes that export whole afterwards', async () => {
  const writer = newWriter({ maxWaitMs: 0 });
  const traceId = randomTraceId();
  const first = writer.write([chat(traceId, 'first')], 1);
  // An export whose spans take 0.5 ms of CPU each to produce: 2,000 of them keep the thread busy for a second.
  let produced = 0;
  let producedWhenFirstCommitted = -1;
  void first.then(() => (producedWhenFirstCommitted = produced));
  function* slow(): Generator<Span> {
    for (let i = 0; i < 2000; i++) {
      const until = performance.now() + 0.5;
      while (performance.now() < until);
      produced++;
      yield chat(traceId, `slow-${i}`);
    }
  }
  const second = writer.write(slow(), 2000);
  await Promise.all([first, second]);
  await writer.close();
  // The first batch's insert was answered between slices of the slow export, not after all of it.
  expect(producedWhenFirstCommitted).toBeGreaterThan(0);
  expect(producedWhenFirstCommitted).toBeLessThan(2000);
  const stored = await storedNames(traceId);
  expect(stored.spans).toHaveLength(2001);
  expect(stored.contents).toBe(2001);
});

it('reuses its row buffers from batch to batch, and no row of one batch reaches another', async () => {
  const { metrics, writer } = patientWriter();
  // A large batch, a small one, then batches into the large one's buffers, which still hold its bytes past the end.
  const traces = [randomTraceId(), randomTraceId(), randomTraceId(), randomTraceId(), randomTraceId()];
  const sizes = [600, 2, 40, 7, 150];
  for (const [i, traceId] of traces.entries()) {
    const n = sizes[i] as number;
    await within(5_000, writer.write(spansOf(traceId, `t${i}`, n), n));
  }
  await writer.close();
  expect(await committedBatches(metrics)).toBe(traces.length);

  for (const [i, traceId] of traces.entries()) {
    const names = Array.from({ length: sizes[i] as number }, (_, j) => `t${i}-${j}`).sort();
    expect(await storedNames(traceId)).toEqual({ spans: names, contents: names.length });
    const questions = await selectRows({
      client: db.client,
      tag: 'test.questions',
      sql: `SELECT s.name AS name, c.input_messages AS input FROM ${db.database}.spans AS s
            INNER JOIN ${db.database}.span_contents AS c ON c.trace_id = s.trace_id AND c.span_id = s.span_id
            WHERE s.trace_id = {traceId:String}`,
      params: { traceId },
      row: z.object({ name: z.string(), input: z.string() }),
    });
    expect(questions).toHaveLength(names.length);
    for (const { name, input } of questions) expect(input).toContain(`question of ${name}`);
  }
});
