/**
 * The collector's RowBinary rows against the real tables: every column the collector writes exists with the type
 * its encoder writes, and a span written as RowBinary reads back exactly as the same span written as JSON.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertRowBinary } from '../clickhouse/insert';
import { migrate } from '../clickhouse/migrate';
import { RowBinaryRows } from '../clickhouse/row-binary';
import type { Span } from '../span/types';
import { createTestDatabase, type TestDatabase } from '../testing/clickhouse';
import { makeSpan, nanos } from '../testing/span-factory';
import { CONTENT_BINARY_COLUMNS, SPAN_BINARY_COLUMNS } from './span-binary-columns';
import { contentToRow, rowToApiSpan, SPAN_COLUMNS, spanToRow, spanToApiSpan } from './span-rows';
import { readSpansOfTraces } from './traces';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase('span_rows');
  await migrate(db.client, { database: db.database });
});
afterAll(async () => {
  await db?.drop();
});

async function describeTable(table: string): Promise<{ name: string; type: string }[]> {
  const result = await db.client.query({ query: `DESCRIBE TABLE ${db.database}.${table}`, format: 'JSONEachRow' });
  // Tuple types are printed over several lines: brought to one, as the encoders declare them.
  const oneLine = (type: string) => type.replace(/\(\s+/g, '(').replace(/\s+/g, ' ');
  return (await result.json<{ name: string; type: string }>()).map(({ name, type }) => ({ name, type: oneLine(type) }));
}

/** A span with every column away from its default: nulls set, lists and maps filled, text beyond ASCII. */
function fullSpan(projectId: string): Span {
  return makeSpan({
    projectId,
    traceId: 'a'.repeat(32),
    spanId: 'b'.repeat(16),
    parentSpanId: 'c'.repeat(16),
    parentIsRemote: true,
    name: 'chat gpt-4o — résumé 🔧',
    kind: 'client',
    startTimeUnixNano: nanos('2025-03-10T10:00:00.123Z') + 456_789n,
    durationNs: 12_345_678_901n,
    scopeName: 'openai-instrumentation',
    scopeVersion: '1.2.3',
    statusCode: 'error',
    statusMessage: 'rate limited: "slow down"\nretry later',
    errorType: 'RateLimitError',
    nodeType: 'llm',
    operation: 'chat',
    provider: 'openai',
    requestModel: 'gpt-4o',
    responseModel: 'gpt-4o-2024-08-06',
    agentName: 'researcher',
    agentId: 'agent-7',
    conversationId: 'conv-1',
    toolName: 'search',
    toolCallId: 'call_1',
    toolArgumentsPreview: '{"q":"ü"}',
    finishReasons: ['length', 'stop'],
    inputTokens: 2 ** 40,
    outputTokens: 20,
    cacheReadTokens: 3,
    cacheWriteTokens: 4,
    reasoningTokens: 5,
    usageIsAggregate: true,
    reportedCostUsd: 0.25,
    costUsd: 0.125,
    costSource: 'reported',
    retrievalDocCount: 4_294_967_295,
    retrievalTopScore: 0.875,
    retrievalScores: [0.875, 0.5],
    guardrailName: 'pii',
    guardrailVerdict: 'rewrite',
    guardrailReason: 'masked an e-mail',
    evaluations: [
      { name: 'faithfulness', score: 0.5, label: 'partial', explanation: 'one claim unsupported' },
      { name: 'toxicity', score: null, label: 'clean', explanation: '' },
    ],
    attributes: { 'gen_ai.request.temperature': '0.2', 'x.note': 'naïve' },
    resourceAttributes: { 'service.name': 'test-service', 'deployment.environment': 'prod' },
    events: [{ timeUnixNano: nanos('2025-03-10T10:00:01Z') + 7n, name: 'exception', attributes: { 'exception.type': 'E' } }],
    links: [{ traceId: 'd'.repeat(32), spanId: 'e'.repeat(16), attributes: { 'link.kind': 'follows' } }],
    content: {
      systemInstructions: [{ type: 'text', content: 'Be brief.' }],
      inputMessages: [{ role: 'user', parts: [{ type: 'text', content: 'Hi ✋' }] }],
      outputMessages: null,
      toolArguments: { q: 'weather' },
      toolResult: 'sunny',
      retrievalQuery: 'weather in Zürich',
      retrievalDocuments: null,
    },
  } as Partial<Span>);
}

describe('RowBinary span rows', () => {
  it('write every column of both tables but ingested_at, with the types the tables declare', async () => {
    const withoutDefault = (columns: { name: string; type: string }[]) => columns.filter((c) => c.name !== 'ingested_at');
    expect(SPAN_BINARY_COLUMNS.map(({ name, type }) => ({ name, type }))).toEqual(withoutDefault(await describeTable('spans')));
    expect(CONTENT_BINARY_COLUMNS.map(({ name, type }) => ({ name, type }))).toEqual(
      withoutDefault(await describeTable('span_contents')),
    );
  });

  it('read back exactly as the same span written as JSON', async () => {
    const viaJson = fullSpan('json');
    const viaBinary = fullSpan('binary');
    await db.client.insert({ table: `${db.database}.spans`, values: [spanToRow(viaJson)], format: 'JSONEachRow' });
    await db.client.insert({ table: `${db.database}.span_contents`, values: [contentToRow(viaJson)], format: 'JSONEachRow' });
    const spans = new RowBinaryRows(SPAN_BINARY_COLUMNS);
    spans.addAll([viaBinary]);
    const contents = new RowBinaryRows(CONTENT_BINARY_COLUMNS);
    contents.addAll([contentToRow(viaBinary) ?? expect.fail('the span has content')]);
    await insertRowBinary(db.client, `${db.database}.spans`, spans);
    await insertRowBinary(db.client, `${db.database}.span_contents`, contents);

    const read = async (table: string, columns: string) => {
      const result = await db.client.query({
        query: `SELECT project_id, ${columns} FROM ${db.database}.${table} ORDER BY project_id`,
        format: 'JSONEachRow',
      });
      const rows = await result.json<Record<string, unknown>>();
      expect(rows.map((row) => row.project_id)).toEqual(['binary', 'json']);
      const [binary, json] = rows.map(({ project_id: _, ...rest }) => rest);
      return { binary, json };
    };
    const spanRows = await read('spans', `${SPAN_COLUMNS}, reported_cost_usd, scope_version`);
    expect(spanRows.binary).toEqual(spanRows.json);
    expect(spanRows.binary).toMatchObject({
      name: 'chat gpt-4o — résumé 🔧',
      start_ns: String(nanos('2025-03-10T10:00:00.123Z') + 456_789n),
      input_tokens: 2 ** 40,
      retrieval_doc_count: 4_294_967_295,
      evaluations: [
        { name: 'faithfulness', score: 0.5, label: 'partial', explanation: 'one claim unsupported' },
        { name: 'toxicity', score: null, label: 'clean', explanation: '' },
      ],
    });
    const contentRows = await read('span_contents', 'trace_id, span_id, start_time, * EXCEPT (project_id, ingested_at)');
    expect(contentRows.binary).toEqual(contentRows.json);
    expect(contentRows.binary).toMatchObject({ retrieval_query: 'weather in Zürich' });
  });
});

describe('spanToApiSpan', () => {
  it('makes the API span that reading the stored span back with only the rules\' attributes makes', async () => {
    const keys = ['gen_ai.request.temperature', 'absent.key'];
    const spans = [
      { ...fullSpan('slim'), traceId: 'f'.repeat(32) },
      makeSpan({ projectId: 'slim', traceId: 'f'.repeat(32), attributes: { other: 'x' } }),
    ];
    const rows = new RowBinaryRows(SPAN_BINARY_COLUMNS);
    rows.addAll(spans);
    await insertRowBinary(db.client, `${db.database}.spans`, rows);
    const read = await readSpansOfTraces(db.client, db.database, 'slim', ['f'.repeat(32)], { tag: 'test', attributeKeys: keys });
    const bySpanId = new Map(read.map((row) => [row.span_id, rowToApiSpan(row)]));
    expect(bySpanId.size).toBe(2);
    for (const span of spans) expect(spanToApiSpan(span, new Set(keys))).toEqual(bySpanId.get(span.spanId));
  });

  it('makes the API span that reading the whole stored span back makes', async () => {
    const span = { ...fullSpan('whole'), traceId: 'e'.repeat(32) };
    const rows = new RowBinaryRows(SPAN_BINARY_COLUMNS);
    rows.addAll([span]);
    await insertRowBinary(db.client, `${db.database}.spans`, rows);
    const [row] = await readSpansOfTraces(db.client, db.database, 'whole', [span.traceId], { tag: 'test' });
    expect(row && rowToApiSpan(row)).toEqual(spanToApiSpan(span));
    expect(spanToApiSpan(span)).toMatchObject({ events: [{ name: 'exception' }], links: [{ spanId: 'e'.repeat(16) }] });
  });
});
