/**
 * JSON shapes of API v1 (`/api/v1/...`). These are what the browser, scripts and the trace tree work with:
 * no bigint (nanosecond times travel as decimal strings), times also as ISO strings for people.
 */
import type {
  CostSource,
  Evaluation,
  GuardrailIntervention,
  GuardrailVerdict,
  NodeType,
  SpanContent,
  SpanKind,
  StatusCode,
} from './types';
import type { RuleId, Severity } from '../detectors/types';

export interface ApiSpanEvent {
  time: string;
  timeUnixNano: string;
  name: string;
  attributes: Record<string, string>;
}

export interface ApiSpanLink {
  traceId: string;
  spanId: string;
  attributes: Record<string, string>;
}

export interface ApiSpan {
  traceId: string;
  spanId: string;
  parentSpanId: string;
  parentIsRemote: boolean;
  name: string;
  kind: SpanKind;
  nodeType: NodeType;
  serviceName: string;
  scopeName: string;
  /** ISO 8601 with milliseconds. */
  startTime: string;
  startTimeUnixNano: string;
  /** Fractional milliseconds. */
  durationMs: number;
  statusCode: StatusCode;
  statusMessage: string;
  errorType: string;
  operation: string;
  provider: string;
  requestModel: string;
  responseModel: string;
  agentName: string;
  agentId: string;
  conversationId: string;
  toolName: string;
  toolCallId: string;
  /** Compact JSON of the tool call's arguments, cut to a few hundred characters. */
  toolArgumentsPreview: string;
  finishReasons: string[];
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
  reasoningTokens: number;
  /** The usage repeats the span's descendants; shown, never added to totals. */
  usageIsAggregate: boolean;
  costUsd: number | null;
  costSource: CostSource;
  retrievalDocCount: number | null;
  retrievalTopScore: number | null;
  retrievalScores: number[];
  guardrailName: string;
  guardrailVerdict: GuardrailVerdict | '';
  guardrailReason: string;
  evaluations: Evaluation[];
  attributes: Record<string, string>;
  resourceAttributes: Record<string, string>;
  events: ApiSpanEvent[];
  links: ApiSpanLink[];
}

/** A span's content (messages, tool arguments and results, documents), served apart from the span. */
export type ApiSpanContent = SpanContent;

export interface ApiTraceSummary {
  traceId: string;
  rootSpanId: string;
  rootName: string;
  serviceName: string;
  services: string[];
  startTime: string;
  startTimeUnixNano: string;
  durationMs: number;
  spanCount: number;
  errorCount: number;
  /** Root status: a run that reports success while errorCount > 0 is a silent failure candidate. */
  statusCode: StatusCode;
  agents: string[];
  models: string[];
  nodeTypes: NodeType[];
  llmCallCount: number;
  toolCallCount: number;
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
  reasoningTokens: number;
  costUsd: number;
  /** Model calls that could not be priced; their cost is unknown, not zero. */
  unpricedCount: number;
  /** The verdicts by which guardrails acted on the run, each once (`GUARDRAIL_INTERVENTIONS` order); empty when none did. */
  guardrailInterventions: GuardrailIntervention[];
}

/** An alert firing on a run, as the trace list shows it (the alerts API has the rest). */
export interface ApiRunAlert {
  ruleId: RuleId;
  severity: Severity;
  title: string;
}

/** A row of the trace list: the run's summary and the alerts firing on it (critical first, then newest). */
export interface ApiTraceListItem extends ApiTraceSummary {
  firingAlerts: ApiRunAlert[];
}

export interface ApiTraceList {
  traces: ApiTraceListItem[];
  nextCursor: string | null;
}

/** A span of another trace whose span link points into this one (a hand-off received, an evaluator's verdict). */
export interface ApiIncomingLink {
  fromTraceId: string;
  fromSpanId: string;
  fromName: string;
  fromServiceName: string;
  /** The span of this trace the link names ('' when it named the trace only). */
  toSpanId: string;
}

export interface ApiTraceDetail {
  trace: ApiTraceSummary;
  spans: ApiSpan[];
  /** Links from other traces into this one, so span links can be followed in both directions (at most 100). */
  incomingLinks: ApiIncomingLink[];
}
