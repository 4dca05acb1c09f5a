/**
 * Test helpers: `makeSpan` builds an ApiSpan with defaults, `spansFromText` builds a trace from an indented
 * drawing, one span per line, two spaces per level:
 *
 *   run        type=workflow dur=100
 *     planner  type=agent agent=planner start=1 dur=90
 *       call   type=llm model=gpt-4o in=100 out=20 cost=0.01
 *
 * Tokens on each line are `key=value` or bare flags: type, agent, svc, model, tool, args (no spaces), start and
 * dur (ms from the trace start; default start = line number, dur = 1), status, in, out, cr, cw, reason, cost,
 * http, errtype, parent (overrides the drawn parent), verdict (a guardrail's), and the flags agg, unpriced, remote.
 */
import type { ApiSpan } from '@/lib/span/api-types';
import { GUARDRAIL_VERDICTS, NODE_TYPES, STATUS_CODES, type GuardrailVerdict, type NodeType, type StatusCode } from '@/lib/span/types';
import type { Row } from './types';

export const BASE_NS = 1_700_000_000_000_000_000n;

export function at(ms: number): string {
  return (BASE_NS + BigInt(Math.round(ms * 1e6))).toString();
}

export function makeSpan(overrides: Partial<ApiSpan> & { spanId: string }): ApiSpan {
  const startTimeUnixNano = overrides.startTimeUnixNano ?? at(0);
  return {
    traceId: 't1',
    parentSpanId: '',
    parentIsRemote: false,
    name: overrides.spanId,
    kind: 'internal',
    nodeType: 'span',
    serviceName: 'svc',
    scopeName: '',
    startTime: new Date(Number(BigInt(startTimeUnixNano) / 1_000_000n)).toISOString(),
    startTimeUnixNano,
    durationMs: 1,
    statusCode: 'unset',
    statusMessage: '',
    errorType: '',
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
    ...overrides,
  };
}

function asNodeType(value: string): NodeType {
  const found = NODE_TYPES.find((type) => type === value);
  if (!found) throw new Error(`unknown node type in fixture: ${value}`);
  return found;
}

function asStatus(value: string): StatusCode {
  const found = STATUS_CODES.find((status) => status === value);
  if (!found) throw new Error(`unknown status in fixture: ${value}`);
  return found;
}

function asVerdict(value: string): GuardrailVerdict {
  const found = GUARDRAIL_VERDICTS.find((verdict) => verdict === value);
  if (!found) throw new Error(`unknown guardrail verdict in fixture: ${value}`);
  return found;
}

function applyToken(span: ApiSpan, key: string, value: string): void {
  const attributes = span.attributes;
  switch (key) {
    case 'type': span.nodeType = asNodeType(value); break;
    case 'agent': span.agentName = value; break;
    case 'svc': span.serviceName = value; break;
    case 'model': span.requestModel = value; break;
    case 'tool': span.toolName = value; break;
    case 'args': attributes['gen_ai.tool.call.arguments'] = value; break;
    case 'start': span.startTimeUnixNano = at(Number(value)); break;
    case 'dur': span.durationMs = Number(value); break;
    case 'status': span.statusCode = asStatus(value); break;
    case 'in': span.inputTokens = Number(value); break;
    case 'out': span.outputTokens = Number(value); break;
    case 'cr': span.cacheReadTokens = Number(value); break;
    case 'cw': span.cacheWriteTokens = Number(value); break;
    case 'reason': span.reasoningTokens = Number(value); break;
    case 'cost': span.costUsd = Number(value); span.costSource = 'catalog'; break;
    case 'http': attributes['http.response.status_code'] = value; break;
    case 'errtype': span.errorType = value; break;
    case 'parent': span.parentSpanId = value; break;
    case 'agg': span.usageIsAggregate = true; break;
    case 'unpriced': span.costUsd = null; span.costSource = 'unpriced'; break;
    case 'remote': span.parentIsRemote = true; break;
    case 'verdict': span.guardrailVerdict = asVerdict(value); break;
    default: throw new Error(`unknown fixture key: ${key}`);
  }
}

export function spansFromText(text: string): ApiSpan[] {
  const spans: ApiSpan[] = [];
  const parents: string[] = [];
  const lines = text.split('\n').filter((line) => line.trim() !== '');
  const indent = Math.min(...lines.map((line) => line.length - line.trimStart().length));
  lines.forEach((line, lineNo) => {
    const level = (line.length - line.trimStart().length - indent) / 2;
    const [id, ...tokens] = line.trim().split(/\s+/);
    if (!id || !Number.isInteger(level)) throw new Error(`bad fixture line: ${line}`);
    parents.length = level;
    const span = makeSpan({ spanId: id, parentSpanId: parents[level - 1] ?? '', startTimeUnixNano: at(lineNo) });
    for (const token of tokens) {
      const eq = token.indexOf('=');
      applyToken(span, eq < 0 ? token : token.slice(0, eq), eq < 0 ? '' : token.slice(eq + 1));
    }
    span.startTime = new Date(Number(BigInt(span.startTimeUnixNano) / 1_000_000n)).toISOString();
    parents[level] = id;
    spans.push(span);
  });
  return spans;
}

/** A chain root → s1 → s2 → … of `depth` spans, each starting 1 µs after its parent. */
export function chain(depth: number, perSpan: Partial<ApiSpan> = {}): ApiSpan[] {
  const spans: ApiSpan[] = [];
  for (let i = 0; i < depth; i++) {
    spans.push(makeSpan({
      ...perSpan,
      spanId: `s${i}`,
      parentSpanId: i === 0 ? '' : `s${i - 1}`,
      startTimeUnixNano: (BASE_NS + BigInt(i) * 1000n).toString(),
    }));
  }
  return spans;
}

/** Rows drawn back as text, two spaces per depth: `id` for spans, `[label ×count]` or `[label ×count]+` for groups. */
export function drawRows(rows: readonly Row[]): string {
  return rows
    .map((row) => {
      const pad = '  '.repeat(row.depth);
      if (row.kind === 'span') return `${pad}${row.id}${row.collapsed ? ' (collapsed)' : ''}`;
      return `${pad}[${row.group.label} ×${row.group.count}]${row.expanded ? '+' : ''}`;
    })
    .join('\n');
}

/** The expected drawing, written indented in a test, with the common indentation removed. */
export function dedent(text: string): string {
  const lines = text.split('\n').filter((line) => line.trim() !== '');
  const indent = Math.min(...lines.map((line) => line.length - line.trimStart().length));
  return lines.map((line) => line.slice(indent).trimEnd()).join('\n');
}
