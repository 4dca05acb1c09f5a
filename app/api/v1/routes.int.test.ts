/**
 * The API v1 route handlers called as Next calls them (a Request, and a params promise), against the real
 * embedded ClickHouse through the server's own client singleton configured from the environment.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '@/lib/clickhouse/migrate';
import { contentToRow, spanToRow } from '@/lib/queries/span-rows';
import { refreshDerived } from '@/lib/queries/derived';
import { closeServerClickHouse } from '@/lib/server/clickhouse';
import type { ApiTraceDetail, ApiTraceList } from '@/lib/span/api-types';
import { createTestDatabase, type TestDatabase } from '@/lib/testing/clickhouse';
import { makeSpan, nanos } from '@/lib/testing/span-factory';
import { GET as getFacets } from './facets/route';
import { GET as getTrace } from './traces/[traceId]/route';
import { GET as getContent } from './traces/[traceId]/spans/[spanId]/content/route';
import { GET as getTraces } from './traces/route';

const BASE = Date.parse('2025-04-02T08:00:00.000Z');
const WINDOW = `from=${BASE - 60_000}&to=${BASE + 60_000}`;
const TRACE = 'c0ffee'.padEnd(32, '0');
const OTHER = 'beef'.padEnd(32, '0');

const root = makeSpan({ projectId: 'default', traceId: TRACE, name: 'Book table', serviceName: 'dining', startTimeUnixNano: nanos(BASE) });
const chat = makeSpan({
  projectId: 'default',
  traceId: TRACE,
  parentSpanId: root.spanId,
  name: 'chat gpt-4o',
  nodeType: 'llm',
  requestModel: 'gpt-4o',
  startTimeUnixNano: nanos(BASE + 5),
  content: { ...root.content, inputMessages: [{ role: 'user', parts: [{ type: 'text', content: 'A table for two' }] }] },
});
const teamB = makeSpan({ projectId: 'team-b', traceId: OTHER, name: 'Team B run', startTimeUnixNano: nanos(BASE) });

let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase();
  await migrate(db.client, { database: db.database });
  const spans = [root, chat, teamB];
  await db.client.insert({ table: `${db.database}.spans`, values: spans.map(spanToRow), format: 'JSONEachRow' });
  await db.client.insert({ table: `${db.database}.span_contents`, values: [contentToRow(chat)], format: 'JSONEachRow' });
  await refreshDerived(db.client, db.database, 'default', [TRACE]);
  await refreshDerived(db.client, db.database, 'team-b', [OTHER]);
  // The routes build their client from the environment on first use.
  process.env.CLICKHOUSE_URL = db.url;
  process.env.CLICKHOUSE_DATABASE = db.database;
  delete process.env.LOUPE_DEFAULT_PROJECT;
});
afterAll(async () => {
  await closeServerClickHouse();
  await db?.drop();
});

const get = (path: string, init?: RequestInit) => new Request(`http://127.0.0.1:3000${path}`, init);
const params = <T>(value: T) => ({ params: Promise.resolve(value) });

describe('GET /api/v1/traces', () => {
  it('lists the default project, uncached', async () => {
    const res = await getTraces(get(`/api/v1/traces?${WINDOW}`));
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const body = (await res.json()) as ApiTraceList;
    expect(body.traces.map((t) => [t.traceId, t.rootName, t.spanCount])).toEqual([[TRACE, 'Book table', 2]]);
    expect(body.nextCursor).toBeNull();
  });

  it.each([
    ['the x-loupe-project header', get(`/api/v1/traces?${WINDOW}`, { headers: { 'x-loupe-project': 'team-b' } })],
    ['the project parameter', get(`/api/v1/traces?${WINDOW}&project=team-b`)],
  ])('takes the project from %s', async (_label, request) => {
    const body = (await (await getTraces(request)).json()) as ApiTraceList;
    expect(body.traces.map((t) => t.rootName)).toEqual(['Team B run']);
  });

  it.each([
    ['limit=0', /limit/],
    ['sort=random', /sort/],
    ['cursor=not-a-cursor', /cursor: malformed/],
    ['project=no%20spaces', /project/],
  ])('answers 400 naming the problem for %s', async (query, message) => {
    const res = await getTraces(get(`/api/v1/traces?${query}`));
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toMatch(message);
  });

  it('gives up when the client has gone', async () => {
    const res = await getTraces(get(`/api/v1/traces?${WINDOW}`, { signal: AbortSignal.abort() }));
    expect(res.status).toBe(499);
  });
});

describe('GET /api/v1/traces/{traceId}', () => {
  it('serves the trace for an id in any case', async () => {
    const res = await getTrace(get(`/api/v1/traces/${TRACE.toUpperCase()}`), params({ traceId: TRACE.toUpperCase() }));
    expect(res.status).toBe(200);
    const body = (await res.json()) as ApiTraceDetail;
    expect(body.trace.traceId).toBe(TRACE);
    expect(body.spans.map((s) => [s.name, s.nodeType])).toEqual([
      ['Book table', 'span'],
      ['chat gpt-4o', 'llm'],
    ]);
  });

  it.each([
    ['a malformed id', 'not-a-trace', 400, /traceId: expected 32 hexadecimal digits/],
    ['an unknown id', 'f'.repeat(32), 404, /not found/],
    ['a trace of another project', OTHER, 404, /not found/],
  ])('answers %s (%s) with its status', async (_label, traceId, status, message) => {
    const res = await getTrace(get(`/api/v1/traces/${traceId}`), params({ traceId }));
    expect(res.status).toBe(status);
    expect(((await res.json()) as { error: string }).error).toMatch(message);
  });
});

describe('GET /api/v1/traces/{traceId}/spans/{spanId}/content', () => {
  const path = (spanId: string) => get(`/api/v1/traces/${TRACE}/spans/${spanId}/content`);

  it('serves the content of a span', async () => {
    const res = await getContent(path(chat.spanId), params({ traceId: TRACE, spanId: chat.spanId }));
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ inputMessages: chat.content.inputMessages, outputMessages: null });
  });

  it.each([
    ['a malformed span id', 'xyz', 400],
    ['an unknown span', '0'.repeat(16), 404],
  ])('answers %s (%s) with its status', async (_label, spanId, status) => {
    const res = await getContent(path(spanId), params({ traceId: TRACE, spanId }));
    expect(res.status).toBe(status);
  });
});

describe('GET /api/v1/facets', () => {
  it('lists the filter values of the window', async () => {
    const res = await getFacets(get(`/api/v1/facets?${WINDOW}`));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ services: ['test-service', 'dining'].sort(), agents: [], models: ['gpt-4o'] });
  });
});
