import { describe, expect, it } from 'vitest';
import type { OtlpSpanKind } from '@/lib/otlp/types';
import type { SpanKind } from '@/lib/span/types';
import { normalizeSpan } from './normalize';
import { event, norm, otlpSpan } from './test-fixtures';

describe('identity, time and status', () => {
  it('carries ids, names, scope and project', () => {
    const span = normalizeSpan({
      span: otlpSpan({ name: 'chat gpt-4o', parentSpanId: '53995c3f42cd8ad8' }),
      resource: { 'service.name': 'billing', 'deployment.environment': 'prod', 'host.cores': 8 },
      scope: { name: '@opentelemetry/instrumentation-openai', version: '0.5.0', attributes: {} },
      projectId: 'proj-7',
    });
    expect(span).toMatchObject({
      projectId: 'proj-7',
      traceId: '0af7651916cd43dd8448eb211c80319c',
      spanId: 'b7ad6b7169203331',
      parentSpanId: '53995c3f42cd8ad8',
      name: 'chat gpt-4o',
      serviceName: 'billing',
      scopeName: '@opentelemetry/instrumentation-openai',
      scopeVersion: '0.5.0',
      startTimeUnixNano: 1_700_000_000_000_000_000n,
      durationNs: 250_000_000n,
      costUsd: null,
      costSource: 'none',
    });
    expect(span.resourceAttributes).toEqual({ 'service.name': 'billing', 'deployment.environment': 'prod', 'host.cores': '8' });
  });

  it('service name defaults to unknown_service', () => {
    const span = normalizeSpan({ span: otlpSpan(), resource: {}, scope: { name: '', version: '', attributes: {} }, projectId: 'p' });
    expect(span.serviceName).toBe('unknown_service');
  });

  const durations: [string, bigint, bigint, bigint][] = [
    ['normal', 1_000n, 4_500n, 3_500n],
    ['zero length', 1_000n, 1_000n, 0n],
    ['end before start is clamped, never negative', 5_000n, 1_000n, 0n],
    ['missing end time (0)', 5_000n, 0n, 0n],
  ];
  it.each(durations)('duration: %s', (_name, start, end, expected) => {
    expect(norm({}, { startTimeUnixNano: start, endTimeUnixNano: end }).durationNs).toBe(expected);
  });

  const kinds: [OtlpSpanKind, SpanKind][] = [
    [0, 'unspecified'],
    [1, 'internal'],
    [2, 'server'],
    [3, 'client'],
    [4, 'producer'],
    [5, 'consumer'],
  ];
  it.each(kinds)('kind %d → %s', (kind, name) => {
    expect(norm({}, { kind }).kind).toBe(name);
  });

  const statuses: [0 | 1 | 2, string][] = [
    [0, 'unset'],
    [1, 'ok'],
    [2, 'error'],
  ];
  it.each(statuses)('status %d → %s', (code, name) => {
    expect(norm({}, { status: { code, message: 'm' } }).statusCode).toBe(name);
  });

  const flags: [string, number, boolean][] = [
    ['no remote information', 0x001, false],
    ['HAS_IS_REMOTE, local parent', 0x101, false],
    ['HAS_IS_REMOTE and IS_REMOTE', 0x301, true],
    ['IS_REMOTE without HAS_IS_REMOTE is not trusted', 0x201, false],
  ];
  it.each(flags)('parentIsRemote: %s', (_name, value, remote) => {
    expect(norm({}, { flags: value }).parentIsRemote).toBe(remote);
  });
});

describe('attributes, events and links', () => {
  it('keeps unknown attributes, flattened to strings', () => {
    const span = norm({
      'gen_ai.operation.name': 'chat',
      'http.status_code': 200,
      'app.tags': ['a', 'b'],
      'app.config': { retries: 2 },
      'app.flag': false,
      'gen_ai.request.temperature': 0.2,
    });
    expect(span.attributes).toEqual({
      'gen_ai.operation.name': 'chat',
      'http.status_code': '200',
      'app.tags': '["a","b"]',
      'app.config': '{"retries":2}',
      'app.flag': 'false',
      'gen_ai.request.temperature': '0.2',
    });
  });

  it('carries events and links with flattened attributes', () => {
    const span = norm(
      {},
      {
        events: [event('retry', { attempt: 2, 'http.status_code': 503 }, 42n)],
        links: [
          { traceId: 'f'.repeat(32), spanId: 'e'.repeat(16), traceState: '', flags: 0, attributes: { 'handoff.from': 'triage', n: 1 } },
        ],
      },
    );
    expect(span.events).toEqual([{ timeUnixNano: 42n, name: 'retry', attributes: { attempt: '2', 'http.status_code': '503' } }]);
    expect(span.links).toEqual([{ traceId: 'f'.repeat(32), spanId: 'e'.repeat(16), attributes: { 'handoff.from': 'triage', n: '1' } }]);
  });

  it('evaluations from gen_ai.evaluation.result events', () => {
    const span = norm(
      {},
      {
        events: [
          event('gen_ai.evaluation.result', {
            'gen_ai.evaluation.name': 'Relevance',
            'gen_ai.evaluation.score.value': 0.82,
            'gen_ai.evaluation.score.label': 'relevant',
            'gen_ai.evaluation.explanation': 'answers the question',
          }),
          event('gen_ai.evaluation.result', { 'gen_ai.evaluation.name': 'Toxicity', 'gen_ai.evaluation.score.label': 'pass' }),
        ],
      },
    );
    expect(span.evaluations).toEqual([
      { name: 'Relevance', score: 0.82, label: 'relevant', explanation: 'answers the question' },
      { name: 'Toxicity', score: null, label: 'pass', explanation: '' },
    ]);
  });

  it('a span with nothing GenAI about it is a plain span with empty, not NaN, fields', () => {
    const span = norm({ 'http.route': '/health' });
    expect(span.nodeType).toBe('span');
    expect(span.inputTokens).toBe(0);
    expect(span.retrievalDocCount).toBeNull();
    expect(span.reportedCostUsd).toBeNull();
    expect(span.guardrailVerdict).toBe('');
    expect(span.content).toEqual({
      systemInstructions: null,
      inputMessages: null,
      outputMessages: null,
      toolArguments: null,
      toolResult: null,
      retrievalQuery: null,
      retrievalDocuments: null,
    });
  });
});
