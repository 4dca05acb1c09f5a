/**
 * The canonical span: what every convention is normalised into, what ClickHouse stores as typed columns,
 * and what the UI, the API and the detectors see. Absent strings are '', absent counts are 0, and absent
 * measurements that have a meaningful zero (a retrieval that found 0 documents) are null.
 */

export const NODE_TYPES = [
  'agent',
  'workflow',
  'llm',
  'embedding',
  'retrieval',
  'rerank',
  'tool',
  'guardrail',
  'evaluator',
  'memory',
  'chain',
  'span',
] as const;
export type NodeType = (typeof NODE_TYPES)[number];

export const SPAN_KINDS = ['unspecified', 'internal', 'server', 'client', 'producer', 'consumer'] as const;
export type SpanKind = (typeof SPAN_KINDS)[number];

export const STATUS_CODES = ['unset', 'ok', 'error'] as const;
export type StatusCode = (typeof STATUS_CODES)[number];

/** Where a span's cost came from. `none`: the span has no usage of its own to price. */
export const COST_SOURCES = ['reported', 'override', 'catalog', 'unpriced', 'none'] as const;
export type CostSource = (typeof COST_SOURCES)[number];

export const GUARDRAIL_VERDICTS = ['pass', 'fail', 'rewrite', 'escalate', 'block'] as const;
export type GuardrailVerdict = (typeof GUARDRAIL_VERDICTS)[number];

/**
 * The verdicts by which a guardrail acted on a run — stopped content, failed a check, handed a decision to a person,
 * changed content — in the order a run's summary lists them: the error verdicts first, as the trace page colours them.
 */
export const GUARDRAIL_INTERVENTIONS = ['block', 'fail', 'escalate', 'rewrite'] as const satisfies readonly GuardrailVerdict[];
export type GuardrailIntervention = (typeof GUARDRAIL_INTERVENTIONS)[number];

export interface Evaluation {
  name: string;
  score: number | null;
  label: string;
  explanation: string;
}

export interface SpanEvent {
  timeUnixNano: bigint;
  name: string;
  /** Values flattened to strings; structured values as JSON. */
  attributes: Record<string, string>;
}

export interface SpanLink {
  traceId: string;
  spanId: string;
  attributes: Record<string, string>;
}

/** A chat message in one shape whatever convention carried it. */
export interface Message {
  role: string; // system | user | assistant | tool, or what the source said
  parts: MessagePart[];
  name?: string;
  finishReason?: string;
}

export type MessagePart =
  | { type: 'text'; content: string }
  | { type: 'reasoning'; content: string }
  | { type: 'tool_call'; id?: string; name: string; arguments?: unknown }
  | { type: 'tool_call_response'; id?: string; response: unknown }
  | { type: string; [key: string]: unknown };

export interface RetrievedDocument {
  id: string;
  score: number | null;
  content?: string;
  metadata?: unknown;
}

/** Content, kept apart from the hot columns so that list and aggregate queries never read it. */
export interface SpanContent {
  systemInstructions: MessagePart[] | null;
  inputMessages: Message[] | null;
  outputMessages: Message[] | null;
  toolArguments: unknown;
  toolResult: unknown;
  retrievalQuery: string | null;
  retrievalDocuments: RetrievedDocument[] | null;
}

export interface TokenUsage {
  /** Includes cached (cache read and cache write) tokens. */
  inputTokens: number;
  /** Includes reasoning tokens. */
  outputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
  reasoningTokens: number;
}

export interface Span extends TokenUsage {
  projectId: string;
  traceId: string;
  spanId: string;
  parentSpanId: string;
  /** The parent lives in another process (W3C context arrived over the wire). */
  parentIsRemote: boolean;
  name: string;
  kind: SpanKind;
  startTimeUnixNano: bigint;
  durationNs: bigint;
  serviceName: string;
  scopeName: string;
  scopeVersion: string;
  statusCode: StatusCode;
  statusMessage: string;
  errorType: string;

  nodeType: NodeType;
  operation: string;
  provider: string;
  requestModel: string;
  responseModel: string;
  agentName: string;
  agentId: string;
  conversationId: string;
  toolName: string;
  toolCallId: string;
  /**
   * The tool call's arguments as compact JSON, cut to a few hundred characters: enough to show a summary in the
   * tree and to recognise the same call repeated, without reading content.
   */
  toolArgumentsPreview: string;
  finishReasons: string[];

  /**
   * True when the span's usage only repeats the sum of its descendants' model calls (an invoke_agent span
   * carrying its children's tokens). Such usage is shown on the span but never counted in any total.
   */
  usageIsAggregate: boolean;
  /** Cost the instrumentation reported (llm.cost.total, gen_ai.usage.cost); wins over any catalog price. */
  reportedCostUsd: number | null;
  /** Final cost in USD; null when the span has usage but no price (`unpriced`) or no usage (`none`). */
  costUsd: number | null;
  costSource: CostSource;

  retrievalDocCount: number | null;
  retrievalTopScore: number | null;
  retrievalScores: number[];

  guardrailName: string;
  guardrailVerdict: GuardrailVerdict | '';
  guardrailReason: string;

  evaluations: Evaluation[];

  /** Every attribute the span carried except content (moved to `content`), values flattened to strings. */
  attributes: Record<string, string>;
  resourceAttributes: Record<string, string>;
  events: SpanEvent[];
  links: SpanLink[];
  content: SpanContent;
}
