/**
 * One decoded OTLP span → the canonical `Span`.
 * Approach: one pass over the attributes, one Map lookup per key (`key-index.ts`), keeps for each canonical
 * field the valid reading with the best rank in the merged priority order, splits content from the rest, and
 * notes which flattened content prefixes occur; convention extractors then fill content and structured fields
 * in the same priority order, each only where the field is still empty. Cost: O(attributes + events + content
 * size), no regexes, every table built once at module load.
 */
import type { AttributeValue, Attributes, OtlpEvent, OtlpScope, OtlpSpan } from '@/lib/otlp/types';
import { SPAN_KINDS, STATUS_CODES } from '@/lib/span/types';
import type { NodeType, Span, SpanEvent, SpanKind, StatusCode } from '@/lib/span/types';
import { EVENT_CONTENT_KEYS, EXTRACTORS, NODE_TYPE_FALLBACKS, NODE_TYPE_KEYS, SPAN_NAME_NODE_TYPES } from './conventions';
import { INDEXED_PREFIXES, INDEXED_PREFIX_LENGTHS, KEY_INDEX, STRING_FIELDS, TOKEN_FIELDS } from './key-index';
import type { KeyRole } from './key-index';
import type { StringField, TokenField } from './convention';
import { readGuardrail } from './guardrail';
import { nodeTypeForOperation } from './node-types';
import { finishUsage } from './usage';
import { asCount, asNumber, asString, asStringArray, flattenAttributeValue, flattenAttributes } from './values';

export interface NormalizeInput {
  span: OtlpSpan;
  resource: Attributes;
  scope: OtlpScope;
  projectId: string;
}

const HAS_IS_REMOTE = 0x100;
const IS_REMOTE = 0x200;
const EXCEPTION_EVENTS: ReadonlySet<string> = new Set(['exception', 'gen_ai.client.operation.exception']);

/** The indexed prefix (`llm.input_messages.` followed by a digit) a key starts with, if any. */
function indexedPrefixOf(key: string): string | undefined {
  for (const length of INDEXED_PREFIX_LENGTHS) {
    const c = key.charCodeAt(length);
    if (c < 48 || c > 57) continue;
    const prefix = key.slice(0, length);
    if (INDEXED_PREFIXES.has(prefix)) return prefix;
  }
  return undefined;
}

/**
 * The best-ranked valid reading of each canonical scalar seen so far in the attribute pass. One instance serves
 * every span (`reset` before each): normalising is synchronous, and four arrays per span were a tenth of what
 * ingest allocated.
 */
class Readings {
  readonly strings: string[] = new Array<string>(STRING_FIELDS.length).fill('');
  readonly stringRanks: number[] = new Array<number>(STRING_FIELDS.length).fill(Infinity);
  readonly tokens: number[] = new Array<number>(TOKEN_FIELDS.length).fill(0);
  readonly tokenRanks: number[] = new Array<number>(TOKEN_FIELDS.length).fill(Infinity);
  cost: number | null = null;
  costRank = Infinity;
  finishReasons: string[] = [];
  finishRank = Infinity;

  reset(): this {
    this.strings.fill('');
    this.stringRanks.fill(Infinity);
    this.tokens.fill(0);
    this.tokenRanks.fill(Infinity);
    this.cost = null;
    this.costRank = Infinity;
    this.finishReasons = [];
    this.finishRank = Infinity;
    return this;
  }

  read(role: KeyRole, v: AttributeValue): void {
    switch (role.kind) {
      case 'string': {
        if (role.rank >= (this.stringRanks[role.field] as number)) return;
        const raw = asString(v);
        if (raw === '') return;
        this.strings[role.field] = role.normalise === undefined ? raw : role.normalise(raw);
        this.stringRanks[role.field] = role.rank;
        return;
      }
      case 'token': {
        if (role.rank >= (this.tokenRanks[role.field] as number)) return;
        const n = asCount(v);
        if (n === null) return;
        this.tokens[role.field] = n;
        this.tokenRanks[role.field] = role.rank;
        return;
      }
      case 'cost': {
        const cost = role.rank < this.costRank ? asNumber(v) : null;
        if (cost === null || cost < 0) return;
        this.cost = cost;
        this.costRank = role.rank;
        return;
      }
      case 'finishReasons': {
        const reasons = role.rank < this.finishRank ? asStringArray(v) : [];
        if (reasons.length === 0) return;
        this.finishReasons = reasons;
        this.finishRank = role.rank;
      }
    }
  }

  applyTo(out: Span): void {
    for (let i = 0; i < STRING_FIELDS.length; i++) out[STRING_FIELDS[i] as StringField] = this.strings[i] as string;
    for (let i = 0; i < TOKEN_FIELDS.length; i++) out[TOKEN_FIELDS[i] as TokenField] = this.tokens[i] as number;
    out.reportedCostUsd = this.cost;
    out.finishReasons = this.finishReasons;
  }
}

interface Scan {
  attributes: Record<string, string>;
  seenPrefixes: ReadonlySet<string>;
  readings: Readings;
}

const readingsOfThisSpan = new Readings();
const NO_PREFIXES: ReadonlySet<string> = new Set();

/** The one pass over the attributes: canonical readings, content split off, indexed prefixes noted. */
function scanAttributes(attrs: Attributes): Scan {
  const attributes: Record<string, string> = {};
  // Most spans have no flattened content: the set is made for the first prefix seen.
  let seenPrefixes: Set<string> | null = null;
  const readings = readingsOfThisSpan.reset();
  for (const key in attrs) {
    const v = attrs[key] as AttributeValue;
    const info = KEY_INDEX.get(key);
    if (info !== undefined) {
      for (const role of info.roles) readings.read(role, v);
      if (info.content) continue;
    } else {
      const prefix = indexedPrefixOf(key);
      if (prefix !== undefined) {
        (seenPrefixes ??= new Set()).add(prefix);
        if (INDEXED_PREFIXES.get(prefix) === true) continue;
      }
    }
    attributes[key] = flattenAttributeValue(v);
  }
  return { attributes, seenPrefixes: seenPrefixes ?? NO_PREFIXES, readings };
}

function resolveNodeType(span: OtlpSpan, attrs: Attributes): { nodeType: NodeType; operationFromName: string } {
  for (const rule of NODE_TYPE_KEYS) {
    const v = attrs[rule.key];
    if (typeof v !== 'string' || v === '') continue;
    const t = rule.values.get(v) ?? rule.values.get(v.toLowerCase());
    if (t !== undefined) return { nodeType: t, operationFromName: '' };
  }
  const byName = SPAN_NAME_NODE_TYPES.get(span.name);
  if (byName !== undefined) return { nodeType: byName, operationFromName: '' };
  for (const rule of NODE_TYPE_FALLBACKS) {
    for (const key of rule.anyOf) {
      if (attrs[key] !== undefined) return { nodeType: rule.nodeType, operationFromName: '' };
    }
  }
  // Span names `{operation} {target}` (`chat gpt-4o`, `execute_tool get_weather`) name the operation.
  const space = span.name.indexOf(' ');
  const head = space === -1 ? span.name : span.name.slice(0, space);
  const t = nodeTypeForOperation(head);
  if (t !== undefined) return { nodeType: t, operationFromName: head };
  return { nodeType: 'span', operationFromName: '' };
}

function convertEvent(event: OtlpEvent): SpanEvent {
  const strip = EVENT_CONTENT_KEYS.get(event.name);
  const attributes: Record<string, string> = {};
  for (const key in event.attributes) {
    if (strip !== undefined && strip.has(key)) continue;
    attributes[key] = flattenAttributeValue(event.attributes[key] as AttributeValue);
  }
  return { timeUnixNano: event.timeUnixNano, name: event.name, attributes };
}

/**
 * Resource attributes flattened once per resource: the spans of one resource in an export share the record (and
 * the insert encodes it once, see `span-binary-columns.ts`). Nothing mutates a span's resource attributes.
 */
const flatResources = new WeakMap<Attributes, Record<string, string>>();

function flatResource(resource: Attributes): Record<string, string> {
  let flat = flatResources.get(resource);
  if (flat === undefined) flatResources.set(resource, (flat = flattenAttributes(resource)));
  return flat;
}

function emptySpan(input: NormalizeInput, scan: Scan): Span {
  const { span, resource, scope, projectId } = input;
  const flags = span.flags;
  return {
    projectId,
    traceId: span.traceId,
    spanId: span.spanId,
    parentSpanId: span.parentSpanId,
    parentIsRemote: (flags & HAS_IS_REMOTE) !== 0 && (flags & IS_REMOTE) !== 0,
    name: span.name,
    kind: (SPAN_KINDS[span.kind] ?? 'unspecified') as SpanKind,
    startTimeUnixNano: span.startTimeUnixNano,
    durationNs: span.endTimeUnixNano > span.startTimeUnixNano ? span.endTimeUnixNano - span.startTimeUnixNano : 0n,
    serviceName: asString(resource['service.name']) || 'unknown_service',
    scopeName: scope.name,
    scopeVersion: scope.version,
    statusCode: (STATUS_CODES[span.status.code] ?? 'unset') as StatusCode,
    statusMessage: span.status.message,
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
    attributes: scan.attributes,
    resourceAttributes: flatResource(resource),
    events: span.events.map(convertEvent),
    links: span.links.map((l) => ({ traceId: l.traceId, spanId: l.spanId, attributes: flattenAttributes(l.attributes) })),
    content: {
      systemInstructions: null,
      inputMessages: null,
      outputMessages: null,
      toolArguments: null,
      toolResult: null,
      retrievalQuery: null,
      retrievalDocuments: null,
    },
  };
}

export const TOOL_ARGUMENTS_PREVIEW_CHARS = 300;

/** Compact JSON (text stays text), cut at a fixed length so the hot column stays small whatever a tool was given. */
export function previewArguments(args: unknown): string {
  const text = typeof args === 'string' ? args : JSON.stringify(args) ?? '';
  return text.length > TOOL_ARGUMENTS_PREVIEW_CHARS ? `${text.slice(0, TOOL_ARGUMENTS_PREVIEW_CHARS - 1)}…` : text;
}

/** Derived fields that any convention's content may have fed. */
function finishDerived(out: Span, span: OtlpSpan): void {
  const docs = out.content.retrievalDocuments;
  if (docs !== null && out.retrievalScores.length === 0) {
    for (const doc of docs) if (doc.score !== null) out.retrievalScores.push(doc.score);
  }
  // A loop, not Math.max(...scores): spreading a retrieval of many thousand hits would overflow the stack.
  for (const score of out.retrievalScores) {
    if (out.retrievalTopScore === null || score > out.retrievalTopScore) out.retrievalTopScore = score;
  }
  if (out.finishReasons.length === 0 && out.content.outputMessages !== null) {
    for (const m of out.content.outputMessages) if (m.finishReason !== undefined) out.finishReasons.push(m.finishReason);
  }
  if (out.content.toolArguments !== null) out.toolArgumentsPreview = previewArguments(out.content.toolArguments);
  if (out.errorType === '' && out.statusCode === 'error') {
    const exception = span.events.find((e) => EXCEPTION_EVENTS.has(e.name));
    if (exception !== undefined) out.errorType = asString(exception.attributes['exception.type']);
  }
}

export function normalizeSpan(input: NormalizeInput): Span {
  const { span } = input;
  const attrs = span.attributes;
  const scan = scanAttributes(attrs);
  const out = emptySpan(input, scan);
  scan.readings.applyTo(out);
  const { nodeType, operationFromName } = resolveNodeType(span, attrs);
  out.nodeType = nodeType;
  if (out.operation === '') out.operation = operationFromName;

  const ctx = { span, attrs, out, seenPrefixes: scan.seenPrefixes };
  for (const extract of EXTRACTORS) extract(ctx);

  const guardrail = readGuardrail(attrs, span.events);
  out.guardrailVerdict = guardrail.verdict;
  if (out.guardrailReason === '') out.guardrailReason = guardrail.reason;
  finishDerived(out, span);
  finishUsage(out);
  return out;
}
