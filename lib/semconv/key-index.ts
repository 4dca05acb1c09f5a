/**
 * Every attribute key any convention reads, indexed once at module load: key → the canonical fields it can
 * fill, each with its rank in the merged priority order, and whether the key is content. Normalising then
 * walks the span's own attributes once (about 20) with one Map lookup each, instead of probing the span for
 * the hundred-odd keys the tables list, most of which any given span does not carry.
 */
import type { StringField, StringSource, TokenField } from './convention';
import { CONVENTIONS, merge } from './conventions';

export const STRING_FIELDS: readonly StringField[] = [
  'operation',
  'provider',
  'requestModel',
  'responseModel',
  'agentName',
  'agentId',
  'conversationId',
  'toolName',
  'toolCallId',
  'errorType',
  'guardrailName',
  'guardrailReason',
];
export const TOKEN_FIELDS: readonly TokenField[] = [
  'inputTokens',
  'outputTokens',
  'cacheReadTokens',
  'cacheWriteTokens',
  'reasoningTokens',
];

export type RoleKind = 'string' | 'token' | 'cost' | 'finishReasons';

export interface KeyRole {
  kind: RoleKind;
  /** Index into STRING_FIELDS or TOKEN_FIELDS; 0 for the single-valued kinds. */
  field: number;
  /** Position in the merged priority list of that field: lower wins. */
  rank: number;
  normalise?: (value: string) => string;
}

export interface KeyInfo {
  content: boolean;
  roles: KeyRole[];
}

function infoFor(index: Map<string, KeyInfo>, key: string): KeyInfo {
  let info = index.get(key);
  if (info === undefined) {
    info = { content: false, roles: [] };
    index.set(key, info);
  }
  return info;
}

function build(): Map<string, KeyInfo> {
  const index = new Map<string, KeyInfo>();
  STRING_FIELDS.forEach((field, i) => {
    merge<StringSource>((t) => t.strings[field]).forEach((source, rank) => {
      infoFor(index, source.key).roles.push({ kind: 'string', field: i, rank, normalise: source.normalise });
    });
  });
  TOKEN_FIELDS.forEach((field, i) => {
    merge((t) => t.tokens[field]).forEach((key, rank) => {
      infoFor(index, key).roles.push({ kind: 'token', field: i, rank });
    });
  });
  merge((t) => t.costKeys).forEach((key, rank) => infoFor(index, key).roles.push({ kind: 'cost', field: 0, rank }));
  merge((t) => t.finishReasonKeys).forEach((key, rank) =>
    infoFor(index, key).roles.push({ kind: 'finishReasons', field: 0, rank }),
  );
  for (const key of merge((t) => t.contentKeys)) infoFor(index, key).content = true;
  return index;
}

export const KEY_INDEX: ReadonlyMap<string, KeyInfo> = build();

/**
 * Indexed prefixes (`llm.input_messages.` + digit): content ones are moved out of `attributes`, watched ones
 * only noted. Grouped by length so that a key is tested with a charCodeAt per distinct length, and sliced
 * only when a digit sits right after a candidate prefix.
 */
export const INDEXED_PREFIXES: ReadonlyMap<string, boolean> = new Map([
  ...CONVENTIONS.flatMap((t) => t.watchedPrefixes ?? []).map((p): [string, boolean] => [p, false]),
  ...CONVENTIONS.flatMap((t) => t.contentPrefixes).map((p): [string, boolean] => [p, true]),
]);
export const INDEXED_PREFIX_LENGTHS: readonly number[] = [...new Set([...INDEXED_PREFIXES.keys()].map((p) => p.length))];
