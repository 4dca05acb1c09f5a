/**
 * What the panel header says about a span, decided once here so the component only lays it out: the models
 * (requested and answered, when they differ), finish reasons with `length` flagged (the answer was cut off at
 * the token limit), the token breakdown, the cost with where it came from, the HTTP status of a tool call, and
 * which sections have something to show.
 */
import type { ApiSpan } from '@/lib/span/api-types';
import type { CostSource, GuardrailVerdict, SpanContent } from '@/lib/span/types';
import { formatDurationMs, formatUsd } from '@/lib/ui/format';
import { hasMessages } from './conversation';

export interface FinishReason {
  reason: string;
  /** Cut off at the output token limit: the answer is incomplete. */
  truncated: boolean;
}

export interface CostFact {
  label: string;
  source: CostSource;
  sourceLabel: string;
  /** `unpriced`: cost unknown, which is not the same as free. */
  tone: 'normal' | 'unpriced';
}

export interface TokenFact {
  key: 'input' | 'output' | 'cacheRead' | 'cacheWrite' | 'reasoning';
  label: string;
  value: number;
}

const COST_SOURCE_LABELS: Readonly<Record<CostSource, string>> = {
  reported: 'reported by the instrumentation',
  override: 'project price override',
  catalog: 'catalog price',
  unpriced: 'no price known for this model',
  none: 'no usage of its own',
};

export function modelsOf(span: Pick<ApiSpan, 'requestModel' | 'responseModel'>): string[] {
  const models = [span.requestModel, span.responseModel].filter((m) => m !== '');
  return [...new Set(models)];
}

export function finishReasonsOf(span: Pick<ApiSpan, 'finishReasons'>): FinishReason[] {
  return span.finishReasons.map((reason) => ({ reason, truncated: reason === 'length' || reason === 'max_tokens' }));
}

/** The token counts worth showing: input and output always when there is usage, the others when non-zero. */
export function tokenFacts(span: ApiSpan): TokenFact[] {
  const all: TokenFact[] = [
    { key: 'input', label: 'in', value: span.inputTokens },
    { key: 'output', label: 'out', value: span.outputTokens },
    { key: 'cacheRead', label: 'cache read', value: span.cacheReadTokens },
    { key: 'cacheWrite', label: 'cache write', value: span.cacheWriteTokens },
    { key: 'reasoning', label: 'reasoning', value: span.reasoningTokens },
  ];
  if (all.every((fact) => fact.value === 0)) return [];
  return all.filter((fact) => fact.key === 'input' || fact.key === 'output' || fact.value > 0);
}

/** The cost line, or null for a span with no usage of its own and nothing reported. */
export function costFact(span: Pick<ApiSpan, 'costUsd' | 'costSource'>): CostFact | null {
  if (span.costSource === 'none' && span.costUsd === null) return null;
  return {
    label: formatUsd(span.costUsd),
    source: span.costSource,
    sourceLabel: COST_SOURCE_LABELS[span.costSource],
    tone: span.costUsd === null ? 'unpriced' : 'normal',
  };
}

/** Milliseconds from the trace's start to the span's, or null when either time is unreadable. */
export function startOffsetMs(spanStartNs: string, traceStartNs: string | undefined): number | null {
  if (traceStartNs === undefined) return null;
  try {
    return Number(BigInt(spanStartNs) - BigInt(traceStartNs)) / 1e6;
  } catch {
    return null;
  }
}

/** `at the trace start`, `+1.20 s into the trace`, or the absolute time when the offset is unknown. */
export function startLabel(offsetMs: number | null, startTime: string): string {
  if (offsetMs === null) return startTime;
  if (Math.abs(offsetMs) < 0.0005) return 'at the trace start';
  if (offsetMs < 0) return `${formatDurationMs(-offsetMs)} before the trace start`;
  return `+${formatDurationMs(offsetMs)} into the trace`;
}

/** The HTTP status a span answered with, from the current or the older attribute name; null when absent. */
export function httpStatusOf(attributes: Readonly<Record<string, string>>): number | null {
  const raw = attributes['http.response.status_code'] ?? attributes['http.status_code'];
  if (raw === undefined) return null;
  const status = Number(raw);
  return Number.isInteger(status) ? status : null;
}

export interface VerdictStyle {
  label: string;
  tone: 'ok' | 'warn' | 'error';
  meaning: string;
}

export const VERDICT_STYLE: Readonly<Record<GuardrailVerdict, VerdictStyle>> = {
  pass: { label: 'pass', tone: 'ok', meaning: 'allowed unchanged' },
  rewrite: { label: 'rewrite', tone: 'warn', meaning: 'allowed after changing the content' },
  escalate: { label: 'escalate', tone: 'warn', meaning: 'sent to a human for a decision' },
  fail: { label: 'fail', tone: 'error', meaning: 'the check failed' },
  block: { label: 'block', tone: 'error', meaning: 'the content was stopped' },
};

export interface PanelSections {
  messages: boolean;
  toolCall: boolean;
  documents: boolean;
  guardrail: boolean;
  evaluations: boolean;
  events: boolean;
  links: boolean;
  resource: boolean;
}

/**
 * Which sections apply. Sections that depend on content also open on what the span itself says (a tool span,
 * a retrieval with a document count), so that content which failed to load still leaves them visible.
 */
export function panelSections(span: ApiSpan, content: SpanContent | undefined): PanelSections {
  return {
    messages: content !== undefined && hasMessages(content),
    toolCall:
      span.nodeType === 'tool' ||
      span.toolName !== '' ||
      (content !== undefined && (content.toolArguments != null || content.toolResult != null)),
    documents:
      span.nodeType === 'retrieval' ||
      span.nodeType === 'rerank' ||
      span.retrievalDocCount !== null ||
      (content?.retrievalDocuments != null),
    guardrail: span.nodeType === 'guardrail' || span.guardrailVerdict !== '' || span.guardrailName !== '',
    evaluations: span.evaluations.length > 0,
    events: span.events.length > 0,
    links: span.links.length > 0,
    resource: Object.keys(span.resourceAttributes).length > 0,
  };
}
