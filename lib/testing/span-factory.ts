/**
 * A row factory for tests: `makeSpan({...overrides})` returns a complete canonical span, so a test names only the
 * fields it is about. Defaults describe a plain 1 ms span (status unset, no usage, no content) that started "now"; ids are
 * random unless given, so two calls never collide by accident.
 */
import { randomBytes } from 'node:crypto';
import type { Span, SpanContent } from '../span/types';

export const randomTraceId = (): string => randomBytes(16).toString('hex');
export const randomSpanId = (): string => randomBytes(8).toString('hex');

/** Nanoseconds since the epoch for a millisecond instant (a Date, epoch ms, or an ISO string). */
export function nanos(at: Date | number | string): bigint {
  const ms = at instanceof Date ? at.getTime() : typeof at === 'number' ? at : Date.parse(at);
  if (!Number.isFinite(ms)) throw new Error(`nanos: not a time: ${String(at)}`);
  return BigInt(Math.trunc(ms)) * 1_000_000n;
}

export const emptyContent = (): SpanContent => ({
  systemInstructions: null,
  inputMessages: null,
  outputMessages: null,
  toolArguments: null,
  toolResult: null,
  retrievalQuery: null,
  retrievalDocuments: null,
});

export function makeSpan(overrides: Partial<Span> = {}): Span {
  return {
    projectId: 'default',
    traceId: randomTraceId(),
    spanId: randomSpanId(),
    parentSpanId: '',
    parentIsRemote: false,
    name: 'span',
    kind: 'internal',
    startTimeUnixNano: nanos(Date.now()),
    durationNs: 1_000_000n,
    serviceName: 'test-service',
    scopeName: 'test-scope',
    scopeVersion: '1.0.0',
    statusCode: 'unset',
    statusMessage: '',
    errorType: '',
    nodeType: 'span',
    operation: '',
    provider: '',
    requestModel: '',
    responseModel: '',
    agentName: '',
    agentId: '',
    conversationId: '',
    toolName: '',
    toolCallId: '',
    toolArgumentsPreview: '',
    finishReasons: [],
    inputTokens: 0,
    outputTokens: 0,
    cacheReadTokens: 0,
    cacheWriteTokens: 0,
    reasoningTokens: 0,
    usageIsAggregate: false,
    reportedCostUsd: null,
    costUsd: null,
    costSource: 'none',
    retrievalDocCount: null,
    retrievalTopScore: null,
    retrievalScores: [],
    guardrailName: '',
    guardrailVerdict: '',
    guardrailReason: '',
    evaluations: [],
    attributes: {},
    resourceAttributes: {},
    events: [],
    links: [],
    content: emptyContent(),
    ...overrides,
  };
}
