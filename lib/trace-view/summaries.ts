/**
 * Short texts for one row of the trace tree: what a tool was called with, how it ended, what a retrieval
 * found, how a model call finished, and the one-line summary of a group of repeated siblings. Each is a pure
 * function of the span, so the tree, the panel and tests all read the same words.
 */
import type { ApiSpan } from '@/lib/span/api-types';
import type { TokenUsage } from '@/lib/span/types';
import type { SiblingGroup } from '@/lib/trace-tree';
import { formatDurationMs, formatTokens, formatUsd } from '@/lib/ui/format';

export const ARGS_SUMMARY_MAX = 60;

function clip(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, Math.max(max - 1, 0))}…`;
}

function valueText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === null || typeof value !== 'object') return String(value);
  return JSON.stringify(value);
}

/**
 * `{"city":"Paris","unit":"C"}` → `city=Paris, unit=C`, cut to `max` characters. Text that is not a JSON object
 * (a bare string, an array, or arguments already cut short by the collector) is shown as it is, cut.
 */
export function toolArgsSummary(raw: string, max = ARGS_SUMMARY_MAX): string {
  if (raw.trim() === '') return '';
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return clip(raw, max);
  }
  if (typeof parsed === 'string') return clip(parsed, max);
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return clip(raw, max);
  const entries = Object.entries(parsed as Record<string, unknown>);
  if (entries.length === 0) return '(no arguments)';
  return clip(entries.map(([key, value]) => `${key}=${valueText(value)}`).join(', '), max);
}

export interface ToolStatus {
  /** "HTTP 403", "error: Timeout", "error", "ok", or '' when the span says nothing. */
  label: string;
  isError: boolean;
  /** The status message or exception text, for a tooltip. */
  detail: string;
}

const HTTP_STATUS_KEYS = ['http.response.status_code', 'http.status_code'];

export function toolStatus(span: ApiSpan): ToolStatus {
  const detail = span.statusMessage;
  for (const key of HTTP_STATUS_KEYS) {
    const status = Number(span.attributes[key]);
    if (span.attributes[key] !== undefined && Number.isFinite(status)) {
      return { label: `HTTP ${status}`, isError: status >= 400 || span.statusCode === 'error', detail };
    }
  }
  const errorType = span.errorType !== '' ? span.errorType : (span.attributes['error.type'] ?? '');
  if (errorType !== '') return { label: `error: ${clip(errorType, 24)}`, isError: true, detail };
  if (span.statusCode === 'error') return { label: 'error', isError: true, detail };
  if (span.statusCode === 'ok') return { label: 'ok', isError: false, detail };
  return { label: '', isError: false, detail };
}

export interface RetrievalSummary {
  /** Null when the span did not report a count. */
  docCount: number | null;
  topScore: string;
  /** Zero documents: the agent went on without context, the classic source of a confident wrong answer. */
  empty: boolean;
}

export function retrievalSummary(span: ApiSpan): RetrievalSummary {
  const count = span.retrievalDocCount;
  const score = span.retrievalTopScore;
  return {
    docCount: count,
    topScore: score !== null && Number.isFinite(score) ? score.toFixed(2) : '',
    empty: count === 0,
  };
}

/** Finish reasons joined; `truncated` when the model stopped at its token limit (`length`, `max_tokens`). */
export function finishSummary(span: ApiSpan): { label: string; truncated: boolean } {
  const reasons = span.finishReasons.filter((reason) => reason !== '');
  const truncated = reasons.some((reason) => /^(length|max_tokens|max_output_tokens)$/i.test(reason));
  return { label: reasons.join(', '), truncated };
}

export function totalTokens(tokens: TokenUsage): number {
  return tokens.inputTokens + tokens.outputTokens;
}

/** "in 1.2k · out 340 · cached 800 · reasoning 120", the zero parts after in/out left out. */
export function tokenBreakdown(tokens: TokenUsage): string {
  const parts = [`in ${formatTokens(tokens.inputTokens)}`, `out ${formatTokens(tokens.outputTokens)}`];
  if (tokens.cacheReadTokens > 0) parts.push(`cached ${formatTokens(tokens.cacheReadTokens)}`);
  if (tokens.cacheWriteTokens > 0) parts.push(`cache write ${formatTokens(tokens.cacheWriteTokens)}`);
  if (tokens.reasoningTokens > 0) parts.push(`reasoning ${formatTokens(tokens.reasoningTokens)}`);
  return parts.join(' · ');
}

/** "get_weather ×12": what a folded row shows; its duration, tokens and cost stand in the row's own columns. */
export function groupLabel(group: SiblingGroup): string {
  return `${group.label || '(unnamed)'} ×${group.count}`;
}

/** "get_weather ×12 · 8.4 s · 3.1k tok · $0.84" (the cost says "+ N unpriced" when some calls had no price). */
export function groupSummary(group: SiblingGroup): string {
  const tokens = totalTokens(group.tokens);
  const parts = [groupLabel(group), formatDurationMs(group.durationNs / 1e6)];
  if (tokens > 0) parts.push(`${formatTokens(tokens)} tok`);
  if (group.costUsd > 0 || group.unpricedCount > 0 || group.kind === 'llm') {
    parts.push(formatUsd(group.costUsd, { unpriced: group.unpricedCount }));
  }
  return parts.join(' · ');
}
