/**
 * The shape of one convention's mapping table. Each convention (OTel GenAI, OpenInference, OpenLLMetry,
 * Vercel AI SDK) is described by one such table; `conventions.ts` merges them in priority order.
 */
import type { Attributes, OtlpSpan } from '@/lib/otlp/types';
import type { NodeType, Span, SpanKind, TokenUsage } from '@/lib/span/types';

export type StringField =
  | 'operation'
  | 'provider'
  | 'requestModel'
  | 'responseModel'
  | 'agentName'
  | 'agentId'
  | 'conversationId'
  | 'toolName'
  | 'toolCallId'
  | 'errorType'
  | 'guardrailName'
  | 'guardrailReason';

export type TokenField = keyof TokenUsage;

/** One attribute that can fill a canonical string field, with an optional value normaliser. */
export interface StringSource {
  key: string;
  normalise?: (value: string) => string;
}

/** An attribute whose (lower-cased) value names the node type directly. */
export interface NodeTypeKeyRule {
  key: string;
  values: ReadonlyMap<string, NodeType>;
}

/** A fallback: the node type when any of these attributes is present. */
export interface NodeTypePresenceRule {
  anyOf: readonly string[];
  nodeType: NodeType;
}

/**
 * Whether a span's usage is its own or an aggregate of its descendants. Rules are tried in order; the first
 * whose every given condition matches decides.
 */
export interface UsageRule {
  operation?: string;
  nodeType?: NodeType;
  kind?: SpanKind;
  aggregate: boolean;
  why: string;
}

/** What a convention's extractor sees: the raw span, and the span being built (fill only what is empty). */
export interface ExtractContext {
  span: OtlpSpan;
  attrs: Attributes;
  out: Span;
  /** Indexed content prefixes present on this span (extractors skip the scan when theirs is absent). */
  seenPrefixes: ReadonlySet<string>;
}

export interface ConventionTable {
  name: string;
  /** Attributes that name the node type outright, best first. */
  nodeTypeKeys: readonly NodeTypeKeyRule[];
  /** Presence fallbacks, tried only after every convention's `nodeTypeKeys` failed. */
  nodeTypeFallbacks: readonly NodeTypePresenceRule[];
  /** Exact span names that name the node type (legacy SDKs whose span name is the operation id). */
  spanNameNodeTypes: ReadonlyMap<string, NodeType>;
  strings: Partial<Record<StringField, readonly StringSource[]>>;
  /** Token counts, best first. Input includes cached tokens; output includes reasoning tokens. */
  tokens: Partial<Record<TokenField, readonly string[]>>;
  costKeys: readonly string[];
  finishReasonKeys: readonly string[];
  usageRules: readonly UsageRule[];
  /** Attributes that are content: moved to `span.content`, never kept in `attributes`. */
  contentKeys: readonly string[];
  /** Flattened content such as `llm.input_messages.`: any `<prefix><N>.…` attribute with a numeric N is content. */
  contentPrefixes: readonly string[];
  /** Indexed prefixes that are not content but whose presence extractors need to know (`evaluations.`). */
  watchedPrefixes?: readonly string[];
  /** Per event name, the event attributes that are content (stripped from the events kept on the span). */
  eventContentKeys?: ReadonlyMap<string, readonly string[]>;
  /** Convention-specific shapes (flattened messages, events) that a key list cannot express. */
  extract?: (ctx: ExtractContext) => void;
}
