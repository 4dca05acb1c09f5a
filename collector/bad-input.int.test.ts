/**
 * Bad input is answered with the status that names the problem, the collector keeps serving, and nothing from a
 * refused request is stored — not even part of it.
 */
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { selectRows } from '../lib/clickhouse/query';
import { createTestDatabase, type TestDatabase } from '../lib/testing/clickhouse';
import { startTestCollector, type TestCollector } from '../lib/testing/collector';

let db: TestDatabase;
let collector: TestCollector;
const CAP = 256 * 1024;

beforeAll(async () => {
  db = await createTestDatabase();
  collector = await startTestCollector(db, { maxBodyBytes: CAP });
});
afterAll(async () => {
  await collector?.close();
  await db?.drop();
});

const nowNs = () => BigInt(Date.now()) * 1_000_000n;

function jsonSpan(traceId: string, spanId: string, name = 'work') {
  return { traceId, spanId, name, kind: 1, startTimeUnixNano: String(nowNs()), endTimeUnixNano: String(nowNs() + 1_000_000n) };
}

function jsonExport(spans: object[]) {
  return JSON.stringify({
    resourceSpans: [{ resource: { attributes: [{ key: 'service.name', value: { stringValue: 'bad-input' } }] }, scopeSpans: [{ scope: { name: 't' }, spans }] }],
  });
}

async function post(body: BodyInit, headers: Record<string, string>) {
  const response = await fetch(`${collector.url}/v1/traces`, { method: 'POST', headers, body });
  return { status: response.status, text: await response.text(), headers: response.headers };
}

async function storedSpanCount(traceId: string): Promise<number> {
  const rows = await selectRows({
    client: db.client,
    tag: 'test.count',
    sql: `SELECT count() AS n FROM ${db.database}.spans WHERE trace_id = {traceId:String}`,
    params: { traceId },
    row: z.object({ n: z.coerce.number() }),
  });
  return rows[0]?.n ?? -1;
}

const hexId = (byte: string, bytes: number) => byte.repeat(bytes);

describe('requests refused whole', () => {
  const traceId = hexId('b1', 16);
  const valid = jsonExport([jsonSpan(traceId, hexId('01', 8))]);
  const validProtobufPrefix = new Uint8Array([0x0a, 0xff, 0x01, 0x0a]);

  it.each([
    { case: 'truncated protobuf', body: validProtobufPrefix, type: 'application/x-protobuf', status: 400, message: /protobuf/i },
    { case: 'wrong content type', body: valid, type: 'text/plain', status: 415, message: /Content-Type 'text\/plain'/ },
    { case: 'invalid JSON', body: valid.slice(0, 40), type: 'application/json', status: 400, message: /JSON/ },
    {
      case: 'snake_case JSON',
      body: valid.replace('resourceSpans', 'resource_spans').replace('scopeSpans', 'scope_spans'),
      type: 'application/json',
      status: 400,
      message: /resource_spans/,
    },
    { case: 'a logs payload', body: JSON.stringify({ resourceLogs: [] }), type: 'application/json', status: 400, message: /resourceLogs/ },
  ])('$case → $status', async ({ body, type, status, message }) => {
    const answer = await post(body, { 'content-type': type });
    expect(answer.status).toBe(status);
    expect(answer.text).toMatch(message);
    expect(await storedSpanCount(traceId)).toBe(0);
  });

  it('names the field at fault in a google.rpc.BadRequest detail', async () => {
    const badKind = valid.replace('"kind":1', '"kind":"server"');
    expect(badKind).not.toBe(valid);
    const answer = await post(badKind, { 'content-type': 'application/json' });
    expect(answer.status).toBe(400);
    const body = JSON.parse(answer.text) as { message: string; details: { '@type': string; fieldViolations: { field: string; description: string }[] }[] };
    expect(body.details).toEqual([
      {
        '@type': 'type.googleapis.com/google.rpc.BadRequest',
        fieldViolations: [{ field: 'resourceSpans[0].scopeSpans[0].spans[0].kind', description: expect.stringContaining('"server"') }],
      },
    ]);
    expect(body.message).toBe(`${body.details[0]!.fieldViolations[0]!.field}: ${body.details[0]!.fieldViolations[0]!.description}`);
    expect(await storedSpanCount(traceId)).toBe(0);
  });

  it('a body over the cap → 413', async () => {
    const huge = jsonExport(Array.from({ length: 3_000 }, (_, i) => jsonSpan(traceId, (i + 1).toString(16).padStart(16, '0'), 'x'.repeat(100))));
    expect(huge.length).toBeGreaterThan(CAP);
    const answer = await post(huge, { 'content-type': 'application/json' });
    expect(answer.status).toBe(413);
    expect(answer.text).toMatch(/exceeds the 262144-byte limit/);
    expect(await storedSpanCount(traceId)).toBe(0);
  });

  it('a gzip bomb (small compressed, huge inflated) → 413 measured after decompression', async () => {
    const bomb = gzipSync(Buffer.alloc(64 * 1024 * 1024, 0x20));
    expect(bomb.length).toBeLessThan(CAP);
    const answer = await post(bomb, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
    expect(answer.status).toBe(413);
    expect(answer.text).toMatch(/Decompressed request body exceeds/);
  });

  it('corrupt gzip → 400', async () => {
    const answer = await post(Buffer.from('not gzip at all'), { 'content-type': 'application/json', 'content-encoding': 'gzip' });
    expect(answer.status).toBe(400);
    expect(answer.text).toMatch(/not valid gzip/);
  });
});

describe('individually invalid spans', () => {
  it('are rejected through partial_success while the valid spans of the same request are stored', async () => {
    const traceId = hexId('c2', 16);
    const body = jsonExport([
      jsonSpan(traceId, hexId('0a', 8), 'valid'),
      jsonSpan(hexId('00', 16), hexId('0b', 8), 'zero trace id'),
      jsonSpan('W47/95gDgQPSabYzgT/GDA==', hexId('0c', 8), 'base64 trace id'),
      jsonSpan(traceId, 'abc', 'short span id'),
    ]);
    const answer = await post(body, { 'content-type': 'application/json' });
    expect(answer.status).toBe(200);
    const parsed = JSON.parse(answer.text) as { partialSuccess?: { rejectedSpans?: string | number; errorMessage?: string } };
    expect(Number(parsed.partialSuccess?.rejectedSpans)).toBe(3);
    expect(parsed.partialSuccess?.errorMessage).toMatch(/base64/);
    expect(await storedSpanCount(traceId)).toBe(1);
  });
});

describe('after all of that', () => {
  it('the collector still serves, gzip and plain', async () => {
    const traceId = hexId('d3', 16);
    const body = jsonExport([jsonSpan(traceId, hexId('0d', 8)), jsonSpan(traceId, hexId('0e', 8))]);
    expect((await post(gzipSync(body), { 'content-type': 'application/json', 'content-encoding': 'gzip' })).status).toBe(200);
    expect(await storedSpanCount(traceId)).toBe(2);
    const health = await fetch(`${collector.url}/healthz`);
    expect(health.status).toBe(200);
    const metrics = await (await fetch(`${collector.url}/metrics`)).text();
    expect(metrics).toMatch(/loupe_spans_rejected_total\{reason="invalid"\} 3/);
    expect(metrics).toMatch(/loupe_otlp_requests_total\{status="413"\} 2/);
    expect(metrics).toMatch(/loupe_spans_accepted_total \d+/);
  });
});
