/**
 * The trace list's view (time range, filters, sort, live) and its round trip through the URL, so that a view can
 * be shared, bookmarked and reloaded. The URL uses the API's own parameter names wherever one exists, so a
 * page URL and the API request it makes read alike.
 *
 * Parsing is lenient per parameter: a link with one bad value (a typo, a node type that no longer exists) still
 * opens the page with everything else applied, and reports which parameters it ignored, instead of failing as
 * the API does for a script.
 */
import { z } from 'zod';
import { TRACE_SORTS, type SortOrder, type TraceSort } from '../queries/trace-list-params';
import { GUARDRAIL_INTERVENTIONS, NODE_TYPES, STATUS_CODES, type GuardrailIntervention, type NodeType, type StatusCode } from '../span/types';
import { DEFAULT_PRESET, RANGE_PRESETS, resolveRange, type TimeRange } from './time-range';

export interface TracesFilters {
  service?: string;
  agent?: string;
  model?: string;
  nodeType?: NodeType;
  status?: StatusCode;
  hasError?: boolean;
  /** Runs a guardrail intervened in: by any verdict but a pass, or by this one. */
  guardrail?: 'any' | GuardrailIntervention;
  minCostUsd?: number;
  minDurationMs?: number;
  q?: string;
}

export interface TracesView {
  range: TimeRange;
  filters: TracesFilters;
  sort: TraceSort;
  order: SortOrder;
  live: boolean;
}

export const DEFAULT_VIEW: TracesView = {
  range: { kind: 'preset', preset: DEFAULT_PRESET },
  filters: {},
  sort: 'start',
  order: 'desc',
  live: false,
};

/** Rows per page of the list. */
export const PAGE_SIZE = 50;

export type SearchInput = URLSearchParams | Readonly<Record<string, string | string[] | undefined>>;

const text = z.string().trim().min(1).max(256);
const instant = z
  .string()
  .trim()
  .transform((value, ctx) => {
    const ms = /^\d+$/.test(value) ? Number(value) : Date.parse(value);
    if (!Number.isFinite(ms) || ms < 0 || ms > 8.64e15) {
      ctx.addIssue({ code: 'custom', message: 'not a time' });
      return z.NEVER;
    }
    return ms;
  });
const amount = (max: number) => z.coerce.number().finite().nonnegative().max(max);

/** One schema per URL parameter; each is checked on its own so one bad value spoils only itself. */
const FILTER_SCHEMAS = {
  service: text,
  agent: text,
  model: text,
  nodeType: z.enum(NODE_TYPES),
  status: z.enum(STATUS_CODES),
  hasError: z.enum(['true', 'false']).transform((v) => v === 'true'),
  guardrail: z.enum(['any', ...GUARDRAIL_INTERVENTIONS]),
  minCostUsd: amount(1e9),
  minDurationMs: amount(1e12),
  q: text,
} satisfies { [K in keyof TracesFilters]-?: z.ZodType<TracesFilters[K]> };

type FilterKey = keyof typeof FILTER_SCHEMAS;
export const FILTER_KEYS = Object.keys(FILTER_SCHEMAS) as FilterKey[];

function reader(input: SearchInput): (key: string) => string | undefined {
  // Duck-typed: Next's ReadonlyURLSearchParams comes from another realm in some bundles.
  if (typeof input.get === 'function') {
    const search = input as URLSearchParams;
    return (key) => search.get(key) ?? undefined;
  }
  const record = input as Readonly<Record<string, string | string[] | undefined>>;
  return (key) => {
    const value = record[key];
    return Array.isArray(value) ? value[0] : value;
  };
}

function parseRange(get: (key: string) => string | undefined, ignored: string[]): TimeRange {
  const rawRange = get('range');
  const rawFrom = get('from');
  const rawTo = get('to');
  if (rawRange !== undefined && rawRange !== 'custom') {
    const preset = z.enum(RANGE_PRESETS).safeParse(rawRange);
    if (preset.success) return { kind: 'preset', preset: preset.data };
    ignored.push('range');
    return DEFAULT_VIEW.range;
  }
  if (rawFrom === undefined && rawTo === undefined) {
    if (rawRange === 'custom') ignored.push('range');
    return DEFAULT_VIEW.range;
  }
  const from = instant.safeParse(rawFrom ?? '');
  const to = instant.safeParse(rawTo ?? '');
  if (from.success && to.success && from.data < to.data) return { kind: 'custom', fromMs: from.data, toMs: to.data };
  ignored.push(...(['from', 'to'] as const).filter((key) => get(key) !== undefined));
  return DEFAULT_VIEW.range;
}

/** Reads a view from URL parameters; invalid parameters fall back to their defaults and are listed. */
export function parseTracesView(input: SearchInput): { view: TracesView; ignored: string[] } {
  const get = reader(input);
  const ignored: string[] = [];
  const range = parseRange(get, ignored);
  const filters: Record<string, unknown> = {};
  for (const key of FILTER_KEYS) {
    const raw = get(key);
    if (raw === undefined || raw.trim() === '') continue;
    const parsed = FILTER_SCHEMAS[key].safeParse(raw);
    if (parsed.success) filters[key] = parsed.data;
    else ignored.push(key);
  }
  const sort = z.enum(TRACE_SORTS).safeParse(get('sort') ?? DEFAULT_VIEW.sort);
  if (!sort.success) ignored.push('sort');
  const order = z.enum(['asc', 'desc']).safeParse(get('order') ?? DEFAULT_VIEW.order);
  if (!order.success) ignored.push('order');
  return {
    view: {
      range,
      filters: filters as TracesFilters,
      sort: sort.success ? sort.data : DEFAULT_VIEW.sort,
      order: order.success ? order.data : DEFAULT_VIEW.order,
      // Live follows the clock, which a fixed custom window does not.
      live: range.kind === 'preset' && (get('live') === '1' || get('live') === 'true'),
    },
    ignored,
  };
}

/** The view as a query string (no leading '?'): defaults left out, keys in a fixed order, so equal views give equal URLs. */
export function tracesViewToSearch(view: TracesView): string {
  const params = new URLSearchParams();
  if (view.range.kind === 'custom') {
    params.set('from', new Date(view.range.fromMs).toISOString());
    params.set('to', new Date(view.range.toMs).toISOString());
  } else if (view.range.preset !== DEFAULT_PRESET) {
    params.set('range', view.range.preset);
  }
  for (const key of FILTER_KEYS) {
    const value = view.filters[key];
    if (value !== undefined && value !== '') params.set(key, String(value));
  }
  if (view.sort !== DEFAULT_VIEW.sort || view.order !== DEFAULT_VIEW.order) {
    params.set('sort', view.sort);
    params.set('order', view.order);
  }
  if (view.live && view.range.kind === 'preset') params.set('live', '1');
  return params.toString();
}

/** The `/traces` link for a view. */
export function tracesHref(view: TracesView): string {
  const search = tracesViewToSearch(view);
  return search ? `/traces?${search}` : '/traces';
}

/**
 * The view with one filter set or cleared (`undefined` or '' clears it). Changing a filter keeps sort and range;
 * live mode is kept too, so narrowing a live view keeps it live.
 */
export function withFilter<K extends FilterKey>(view: TracesView, key: K, value: TracesFilters[K] | undefined): TracesView {
  const filters: TracesFilters = { ...view.filters };
  if (value === undefined || value === '') delete filters[key];
  else filters[key] = value;
  return { ...view, filters };
}

export function withRange(view: TracesView, range: TimeRange): TracesView {
  return { ...view, range, live: range.kind === 'preset' && view.live };
}

export function activeFilterCount(view: TracesView): number {
  return FILTER_KEYS.filter((key) => view.filters[key] !== undefined).length;
}

/**
 * The API parameters of the list's first page: the window resolved against `now`, every filter, the sort.
 * Later pages send only the cursor besides the filters, so that the window their cursor pinned is kept.
 */
export function traceListApiParams(view: TracesView, nowMs: number, cursor?: string): Record<string, string> {
  const params: Record<string, string> = {};
  if (cursor === undefined) {
    const { fromMs, toMs } = resolveRange(view.range, nowMs);
    params.from = String(fromMs);
    params.to = String(toMs);
  } else {
    params.cursor = cursor;
  }
  for (const key of FILTER_KEYS) {
    const value = view.filters[key];
    if (value !== undefined) params[key] = String(value);
  }
  params.sort = view.sort;
  params.order = view.order;
  params.limit = String(PAGE_SIZE);
  return params;
}
