import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DemoExportError } from './export';
import { startLoopbackReceiver, type LoopbackReceiver, type ReceivedRequest } from './loopback-receiver';
import { DemoConfigError, runDemo, tracesEndpoint } from './run-demo';
import { SCENARIOS } from './scenarios';
import type { DemoRun } from './types';

const NOW = Date.parse('2025-03-03T12:00:00Z');

interface JsonSpan {
  traceId: string;
  spanId: string;
  endTimeUnixNano: string;
}
interface JsonExport {
  resourceSpans: { resource: { attributes: { key: string; value: { stringValue?: string } }[] }; scopeSpans: { spans: JsonSpan[] }[] }[];
}

const jsonSpans = (request: ReceivedRequest): JsonSpan[] =>
  (JSON.parse(request.body.toString('utf8')) as JsonExport).resourceSpans.flatMap((rs) => rs.scopeSpans.flatMap((ss) => ss.spans));

/** Requests whose body carries the trace id (hex in JSON, raw bytes in protobuf). */
const requestsFor = (requests: ReceivedRequest[], traceId: string) =>
  requests.filter((request) =>
    request.contentType.includes('json') ? request.body.includes(traceId) : request.body.includes(Buffer.from(traceId, 'hex')),
  );

describe('runDemo against a loopback receiver', () => {
  let receiver: LoopbackReceiver;
  let runs: DemoRun[];
  const lines: string[] = [];

  beforeAll(async () => {
    receiver = await startLoopbackReceiver();
    runs = await runDemo({ endpoint: receiver.endpoint, seed: 11, now: NOW, log: (line) => lines.push(line) });
  }, 30_000);
  afterAll(() => receiver.close());

  it('runs every scenario once and prints one line per scenario with its trace id and problems', () => {
    expect(runs.map((run) => run.scenario)).toEqual(SCENARIOS.map((scenario) => scenario.name));
    expect(lines).toHaveLength(runs.length);
    lines.forEach((line, i) => {
      const run = runs[i]!;
      const problems = run.problems.length ? run.problems.join(', ') : 'none';
      expect(line).toMatch(new RegExp(`^${run.scenario}\\s+${run.traceIds[0]}  problems: ${problems}$`));
    });
  });

  it('posts OTLP to /v1/traces in both encodings', () => {
    expect(new Set(receiver.requests.map((request) => request.path))).toEqual(new Set(['/v1/traces']));
    expect(new Set(receiver.requests.map((request) => request.contentType))).toEqual(
      new Set(['application/json', 'application/x-protobuf']),
    );
  });

  it.each(SCENARIOS.map((scenario) => [scenario.name, scenario.encoding] as const))(
    '%s arrives as %s with every expected span',
    (name, encoding) => {
      const run = runs.find((candidate) => candidate.scenario === name)!;
      const requests = requestsFor(receiver.requests, run.traceIds[0]!);
      const perService = run.expected.services.length;
      expect(requests).toHaveLength(name === 'retried-export' ? perService * 2 : perService);
      expect(requests.every((request) => request.contentType === `application/${encoding === 'json' ? 'json' : 'x-protobuf'}`)).toBe(true);
      if (encoding === 'json') {
        const spans = requests.flatMap(jsonSpans);
        expect(new Set(spans.map((span) => span.spanId)).size).toBe(run.expected.spanCount);
        expect(spans.every((span) => span.traceId === run.traceIds[0])).toBe(true);
        expect(Math.max(...spans.map((span) => Number(BigInt(span.endTimeUnixNano) / 1_000_000n)))).toBeLessThanOrEqual(NOW);
      }
    },
  );

  it('sends the retried export twice, byte for byte', () => {
    const run = runs.find((candidate) => candidate.scenario === 'retried-export')!;
    const [first, second] = requestsFor(receiver.requests, run.traceIds[0]!);
    expect(second?.body.equals(first!.body)).toBe(true);
    expect(run.expected.spanCount).toBe(4);
  });
});

describe('runDemo determinism', () => {
  const receivers: LoopbackReceiver[] = [];
  afterEach(async () => {
    await Promise.all(receivers.splice(0).map((receiver) => receiver.close()));
  });

  async function capture(seed: number, now = NOW) {
    const receiver = await startLoopbackReceiver();
    receivers.push(receiver);
    const scenarios = SCENARIOS.map((scenario) => scenario.name).filter((name) => name !== 'retried-export');
    const runs = await runDemo({ endpoint: receiver.endpoint, seed, now, scenarios });
    return { runs, bodies: receiver.requests.map((request) => request.body.toString('base64')) };
  }

  it('gives byte-identical exports for the same seed and time, and different ones for another seed', async () => {
    const first = await capture(5);
    const again = await capture(5);
    const other = await capture(6);
    expect(again.runs).toEqual(first.runs);
    expect(again.bodies).toEqual(first.bodies);
    const firstIds = first.runs.flatMap((run) => run.traceIds);
    expect(other.runs.flatMap((run) => run.traceIds).some((id) => firstIds.includes(id))).toBe(false);
    expect(other.runs.map((run) => run.expected.inputTokens)).not.toEqual(first.runs.map((run) => run.expected.inputTokens));
  }, 30_000);

  it('keeps relative timings when only now changes', async () => {
    const a = await capture(5, NOW);
    const b = await capture(5, NOW + 3_600_000);
    expect(b.runs).toEqual(a.runs);
    expect(b.bodies).not.toEqual(a.bodies);
  }, 30_000);

  it('ends a run at now when the spread is 0, as live traffic does', async () => {
    const receiver = await startLoopbackReceiver();
    receivers.push(receiver);
    await runDemo({ endpoint: receiver.endpoint, seed: 3, now: NOW, scenarios: ['silent-failure'], spreadMs: 0 });
    const ends = receiver.requests.flatMap(jsonSpans).map((span) => Number(BigInt(span.endTimeUnixNano) / 1_000_000n));
    expect(Math.max(...ends)).toBe(NOW);
  });
});

describe('runDemo failures', () => {
  it('throws the exporter error, naming the scenario and the HTTP status, when the collector rejects', async () => {
    const receiver = await startLoopbackReceiver(() => 400);
    try {
      const attempt = runDemo({ endpoint: receiver.endpoint, seed: 1, now: NOW, scenarios: ['guardrails'] });
      await expect(attempt).rejects.toBeInstanceOf(DemoExportError);
      await expect(attempt).rejects.toThrow(/guardrails \(refund-desk\).*HTTP 400/);
      await expect(attempt).rejects.toHaveProperty('cause.code', 400);
    } finally {
      await receiver.close();
    }
  });

  it('throws when nothing listens at the endpoint', async () => {
    const receiver = await startLoopbackReceiver();
    const endpoint = receiver.endpoint;
    await receiver.close();
    const attempt = runDemo({ endpoint, seed: 1, now: NOW, scenarios: ['empty-retrieval'], exportTimeoutMillis: 1500 });
    await expect(attempt).rejects.toThrow(DemoExportError);
    await expect(attempt).rejects.toThrow(/empty-retrieval \(docs-qa\).*ECONNREFUSED/);
  });

  it.each([
    ['an unknown scenario', { scenarios: ['nope'] }, /unknown demo scenario\(s\): nope/],
    ['a malformed endpoint', { endpoint: 'localhost:4318' }, /endpoint must/],
    ['a non-http endpoint', { endpoint: 'ftp://127.0.0.1:4318' }, /http or https/],
    ['a NaN time', { now: Number.NaN }, /now must be/],
    ['an empty seed', { seed: ' ' }, /seed must be/],
  ])('rejects %s', async (_label, override, message) => {
    const attempt = runDemo({ endpoint: 'http://127.0.0.1:9', seed: 1, now: NOW, ...override });
    await expect(attempt).rejects.toBeInstanceOf(DemoConfigError);
    await expect(attempt).rejects.toThrow(message);
  });
});

describe('tracesEndpoint', () => {
  it.each([
    ['http://127.0.0.1:4318', 'http://127.0.0.1:4318/v1/traces'],
    ['http://127.0.0.1:4318/', 'http://127.0.0.1:4318/v1/traces'],
    ['http://127.0.0.1:4318/v1/traces', 'http://127.0.0.1:4318/v1/traces'],
    ['https://otel.example.com/ingest/', 'https://otel.example.com/ingest/v1/traces'],
  ])('%s → %s', (input, output) => {
    expect(tracesEndpoint(input)).toBe(output);
  });
});
