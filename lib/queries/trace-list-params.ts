/**
 * The trace list's query parameters and its pagination cursor. Both arrive from URLs, so both are validated
 * here and every failure is a BadRequest naming the parameter that was wrong.
 *
 * Pagination is keyset: the cursor carries the sort value and trace id of the last row served, and the next page
 * asks for rows strictly after that pair. Unlike OFFSET, a trace that arrives between two page loads cannot shift
 * rows across the page boundary (no row shown twice, none skipped). The cursor also pins the time window, so that
 * the default "last 24 hours" does not slide while someone pages through it.
 */
import { z } from 'zod';
import { BadRequest } from '../errors';
import { GUARDRAIL_INTERVENTIONS, NODE_TYPES, STATUS_CODES } from '../span/types';

export const TRACE_SORTS = ['start', 'duration', 'cost', 'spans', 'calls', 'tokens', 'errors', 'name', 'service'] as const;
export type TraceSort = (typeof TRACE_SORTS)[number];
export type SortOrder = 'asc' | 'desc';

export const DEFAULT_WINDOW_MS = 24 * 60 * 60 * 1000;
export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 500;

export const PROJECT_ID = /^[A-Za-z0-9_.-]{1,64}$/;

const blankToUndefined = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(blankToUndefined, schema.optional());

/** An instant as ISO 8601 or epoch milliseconds, to epoch milliseconds. */
const instant = z.union([z.number(), z.string().trim()]).transform((value, ctx) => {
  const ms = typeof value === 'number' || /^\d+$/.test(value) ? Number(value) : Date.parse(value);
  if (!Number.isFinite(ms) || ms < 0 || ms > 8.64e15) {
    ctx.addIssue({ code: 'custom', message: 'expected an ISO 8601 time or epoch milliseconds' });
    return z.NEVER;
  }
  return Math.trunc(ms);
});

const flag = z.union([z.boolean(), z.enum(['true', 'false', '1', '0'])]).transform((v) => v === true || v === 'true' || v === '1');

/**
 * `status` sorts every trace into exactly one bucket: `error` is a root that failed or any span that failed
 * (a run that reported success while a step failed must not hide under `ok`); `ok` and `unset` are the root's
 * status for traces with no failed span. `guardrail` keeps the runs a guardrail acted on: `any` verdict other than a
 * pass, or one of them (`block`, `fail`, `escalate`, `rewrite`).
 */
export const traceListParams = z.object({
  projectId: z.string().regex(PROJECT_ID, 'expected 1-64 letters, digits, _ . or -'),
  from: optional(instant),
  to: optional(instant),
  service: optional(z.string().max(256)),
  agent: optional(z.string().max(256)),
  model: optional(z.string().max(256)),
  status: optional(z.enum(STATUS_CODES)),
  q: optional(z.string().max(256)),
  hasError: optional(flag),
  minCostUsd: optional(z.coerce.number().nonnegative()),
  minDurationMs: optional(z.coerce.number().nonnegative().max(1e12)),
  nodeType: optional(z.enum(NODE_TYPES)),
  guardrail: optional(z.enum(['any', ...GUARDRAIL_INTERVENTIONS])),
  sort: z.preprocess(blankToUndefined, z.enum(TRACE_SORTS).default('start')),
  order: z.preprocess(blankToUndefined, z.enum(['asc', 'desc']).default('desc')),
  limit: z.preprocess(blankToUndefined, z.coerce.number().int().min(1).max(MAX_LIMIT).default(DEFAULT_LIMIT)),
  cursor: optional(z.string().max(2048)),
});
export type TraceListInput = z.input<typeof traceListParams>;
export type TraceListParams = z.output<typeof traceListParams>;

/** Keys of `traceListParams` that a URL may carry (the project comes from a header or `project`). */
export const TRACE_LIST_QUERY_KEYS = Object.keys(traceListParams.shape).filter((k) => k !== 'projectId');

/** The resolved request: the window is concrete and the cursor decoded. */
export interface TraceListQuery extends Omit<TraceListParams, 'from' | 'to' | 'cursor'> {
  fromMs: number;
  toMs: number;
  after: CursorPosition | null;
}

export interface CursorPosition {
  /** The last row's sort value: a decimal integer for numeric sorts, the text itself for name and service. */
  value: string;
  traceId: string;
}

const cursorSchema = z.object({
  s: z.enum(TRACE_SORTS),
  o: z.enum(['asc', 'desc']),
  v: z.string().max(1024),
  t: z.string().regex(/^[0-9a-f]{32}$/),
  f: z.number().int().nonnegative(),
  u: z.number().int().nonnegative(),
});
type CursorPayload = z.infer<typeof cursorSchema>;

/** Sorts whose key is an Int64 in SQL; their cursor value must be one, or ClickHouse would reject the query. */
export const NUMERIC_SORTS: ReadonlySet<TraceSort> = new Set(['start', 'duration', 'cost', 'spans', 'tokens']);
const INT64_MAX = 2n ** 63n - 1n;
const isInt64 = (text: string) => /^-?\d{1,19}$/.test(text) && BigInt(text) <= INT64_MAX && BigInt(text) >= -INT64_MAX - 1n;

export function encodeCursor(query: Pick<TraceListQuery, 'sort' | 'order' | 'fromMs' | 'toMs'>, at: CursorPosition) {
  const payload: CursorPayload = { s: query.sort, o: query.order, v: at.value, t: at.traceId, f: query.fromMs, u: query.toMs };
  return Buffer.from(JSON.stringify(payload), 'utf8').toString('base64url');
}

function decodeCursor(cursor: string): CursorPayload {
  let decoded: unknown;
  try {
    if (!/^[A-Za-z0-9_-]+$/.test(cursor)) throw new Error('not base64url');
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new BadRequest('cursor: malformed; pass back the nextCursor of the previous page unchanged');
  }
  const parsed = cursorSchema.safeParse(decoded);
  if (!parsed.success || (NUMERIC_SORTS.has(parsed.data.s) && !isInt64(parsed.data.v))) {
    throw new BadRequest('cursor: malformed; pass back the nextCursor of the previous page unchanged');
  }
  return parsed.data;
}

function describeIssues(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.join('.') || 'parameters'}: ${issue.message}`).join('; ');
}

/**
 * Validates raw parameters (strings from a URL, or typed values from code) and resolves the window and the
 * cursor. `now` is injectable so tests can pin "the last 24 hours".
 */
export function parseTraceListParams(input: Record<string, unknown>, now = Date.now()): TraceListQuery {
  const parsed = traceListParams.safeParse(input);
  if (!parsed.success) throw new BadRequest(`Invalid trace list parameters: ${describeIssues(parsed.error)}`);
  const { from, to, cursor, ...rest } = parsed.data;
  const payload = cursor === undefined ? null : decodeCursor(cursor);
  if (payload && (payload.s !== rest.sort || payload.o !== rest.order)) {
    throw new BadRequest(
      `cursor: it belongs to sort=${payload.s}&order=${payload.o}, not sort=${rest.sort}&order=${rest.order}; start again without a cursor`,
    );
  }
  // An explicit window always wins; otherwise a cursor keeps the window its first page resolved.
  const toMs = to ?? payload?.u ?? now;
  const fromMs = from ?? payload?.f ?? toMs - DEFAULT_WINDOW_MS;
  if (fromMs >= toMs) throw new BadRequest('from: must be earlier than to');
  return { ...rest, fromMs, toMs, after: payload ? { value: payload.v, traceId: payload.t } : null };
}

/** Reads the trace list parameters from a URL's query string; unknown keys are ignored. */
export function traceListInputFromSearch(search: URLSearchParams): Record<string, string> {
  const input: Record<string, string> = {};
  for (const key of TRACE_LIST_QUERY_KEYS) {
    const value = search.get(key);
    if (value !== null) input[key] = value;
  }
  return input;
}

export const facetParams = z.object({
  projectId: traceListParams.shape.projectId,
  from: optional(instant),
  to: optional(instant),
});

export interface FacetQuery {
  projectId: string;
  fromMs: number;
  toMs: number;
}

/** Validates the facet parameters; the window defaults to the last 24 hours like the trace list's. */
export function parseFacetParams(input: Record<string, unknown>, now = Date.now()): FacetQuery {
  const parsed = facetParams.safeParse(input);
  if (!parsed.success) throw new BadRequest(`Invalid facet parameters: ${describeIssues(parsed.error)}`);
  const toMs = parsed.data.to ?? now;
  const fromMs = parsed.data.from ?? toMs - DEFAULT_WINDOW_MS;
  if (fromMs >= toMs) throw new BadRequest('from: must be earlier than to');
  return { projectId: parsed.data.projectId, fromMs, toMs };
}
