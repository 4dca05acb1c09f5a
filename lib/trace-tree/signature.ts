/**
 * Signatures of repeatable work, used to fold loops into one row. Two tool calls match when they name the same
 * tool with the same arguments; two model calls match when the same agent calls the same model. Arguments are
 * compared after JSON normalisation (keys sorted, whitespace dropped, a JSON string holding JSON unwrapped), so
 * `{"city":"Paris","unit":"C"}` and `{ "unit": "C", "city": "Paris" }` are the same call.
 */
import type { ApiSpan } from '@/lib/span/api-types';
import type { TraceNode } from './types';

/**
 * The collector lifts arguments into `toolArgumentsPreview`; these attribute keys are the fallback for spans that
 * still carry them (older rows, or data loaded from elsewhere), in priority order.
 */
export const TOOL_ARGUMENT_KEYS = ['gen_ai.tool.call.arguments', 'tool.parameters', 'ai.toolCall.args', 'input.value'];

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Whether a key is an array index, which JavaScript objects order before all other keys, numerically. */
function isArrayIndex(key: string): boolean {
  const n = Number(key);
  return Number.isInteger(n) && n >= 0 && n < 4_294_967_295 && String(n) === key;
}

/**
 * JSON with every object's keys sorted: the same text for the same value, whatever order its keys came in. Keys
 * come out as in an object built with sorted keys (array indexes first, numerically), which is how signatures were
 * written before, so that they stay the same.
 */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (!isPlainObject(value)) return JSON.stringify(value) ?? 'null';
  // Object.keys lists array indexes first, already in numeric order; the other keys follow in arrival order.
  const keys = Object.keys(value);
  let indexes = 0;
  while (indexes < keys.length && isArrayIndex(keys[indexes] as string)) indexes++;
  const ordered = indexes === 0 ? keys.sort() : [...keys.slice(0, indexes), ...keys.slice(indexes).sort()];
  let text = '';
  for (const key of ordered) text += `${text === '' ? '' : ','}${JSON.stringify(key)}:${canonicalJson(value[key])}`;
  return `{${text}}`;
}

function tryParse(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

/** Canonical text of a tool call's arguments; text that is not JSON is compared trimmed. */
export function normaliseArguments(raw: string): string {
  const parsed = tryParse(raw);
  if (!parsed.ok) return raw.trim();
  let value = parsed.value;
  // Some instrumentations JSON-encode an already encoded string: "{\"city\":\"Paris\"}".
  if (typeof value === 'string') {
    const inner = tryParse(value);
    if (inner.ok && typeof inner.value === 'object' && inner.value !== null) value = inner.value;
  }
  return canonicalJson(value);
}

export function toolArguments(span: ApiSpan): string | null {
  if (span.toolArgumentsPreview !== '') return span.toolArgumentsPreview;
  for (const key of TOOL_ARGUMENT_KEYS) {
    const raw = span.attributes[key];
    if (raw !== undefined) return raw;
  }
  return null;
}

/** The name a tool span is known by: its tool name, else its span name. */
export function toolLabel(span: ApiSpan): string {
  return span.toolName !== '' ? span.toolName : span.name;
}

export function modelLabel(span: ApiSpan): string {
  return span.responseModel !== '' ? span.responseModel : span.requestModel;
}

// NUL cannot occur in tool or model names, so joined fields cannot run into each other.
const SEP = '\u0000';

/** Null for spans that are never grouped (only tool and model calls repeat in a way worth folding). */
export function repeatSignature(node: TraceNode): string | null {
  const span = node.span;
  if (span.nodeType === 'tool') {
    const args = toolArguments(span);
    return ['tool', toolLabel(span), args === null ? '' : normaliseArguments(args)].join(SEP);
  }
  if (span.nodeType === 'llm') return ['llm', modelLabel(span), node.agent].join(SEP);
  return null;
}

/** 32-bit FNV-1a as 8 hex digits: a short, stable id part for a possibly long signature. */
export function hashString(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(16).padStart(8, '0');
}
