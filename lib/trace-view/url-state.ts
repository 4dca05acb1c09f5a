/**
 * The trace page's state in its URL, so a link pasted into an incident channel opens the same view:
 * `?span=` (the selected span), `focus=` (a subtree), and the filters `type`, `errors`, `tool`, `agent`,
 * `minCost`, `q`, and `highlight` (span ids an alert named as evidence, comma-separated). Parsing is lenient: a malformed value is dropped, never an error, because a half-broken link
 * should still open the trace.
 */
import { NODE_TYPES, type NodeType } from '@/lib/span/types';
import type { TreeFilter } from '@/lib/trace-tree';

export interface TraceViewFilter {
  nodeTypes: NodeType[];
  errorsOnly: boolean;
  tool: string;
  agent: string;
  /** Null when no minimum is set. */
  minCostUsd: number | null;
  text: string;
}

export interface TraceViewState {
  spanId: string | null;
  focusId: string | null;
  filter: TraceViewFilter;
  /** Spans to mark, e.g. an alert's evidence; kept in the URL so the link stays shareable. */
  highlightIds: string[];
}

/** An alert names at most this many evidence spans; more in a hand-made link are ignored. */
export const MAX_HIGHLIGHTS = 200;

export const EMPTY_FILTER: TraceViewFilter = {
  nodeTypes: [],
  errorsOnly: false,
  tool: '',
  agent: '',
  minCostUsd: null,
  text: '',
};

const SPAN_ID = /^[0-9a-f]{16}$/;
const MAX_TEXT = 200;

type RawParams = URLSearchParams | Record<string, string | string[] | undefined>;

function first(params: RawParams, key: string): string {
  if (params instanceof URLSearchParams) return params.get(key) ?? '';
  const value = params[key];
  return (Array.isArray(value) ? value[0] : value) ?? '';
}

function spanIdOf(raw: string): string | null {
  const id = raw.trim().toLowerCase();
  return SPAN_ID.test(id) ? id : null;
}

function spanIdsOf(raw: string): string[] {
  const ids: string[] = [];
  for (const part of raw.split(',')) {
    const id = spanIdOf(part);
    if (id !== null && !ids.includes(id)) ids.push(id);
    if (ids.length >= MAX_HIGHLIGHTS) break;
  }
  return ids;
}

function nodeTypesOf(raw: string): NodeType[] {
  const wanted = new Set(raw.split(',').map((part) => part.trim().toLowerCase()));
  return NODE_TYPES.filter((type) => wanted.has(type));
}

function costOf(raw: string): number | null {
  if (raw.trim() === '') return null;
  const value = Number(raw);
  return Number.isFinite(value) && value >= 0 ? value : null;
}

export function parseTraceViewState(params: RawParams): TraceViewState {
  return {
    spanId: spanIdOf(first(params, 'span')),
    focusId: spanIdOf(first(params, 'focus')),
    filter: {
      nodeTypes: nodeTypesOf(first(params, 'type')),
      errorsOnly: ['1', 'true'].includes(first(params, 'errors')),
      tool: first(params, 'tool').trim().slice(0, MAX_TEXT),
      agent: first(params, 'agent').trim().slice(0, MAX_TEXT),
      minCostUsd: costOf(first(params, 'minCost')),
      text: first(params, 'q').slice(0, MAX_TEXT),
    },
    highlightIds: spanIdsOf(first(params, 'highlight')),
  };
}

/** The query string for a state ('' when there is nothing to say), keys in a fixed order. */
export function traceViewSearch(state: TraceViewState): string {
  const params = new URLSearchParams();
  const { filter } = state;
  if (state.spanId) params.set('span', state.spanId);
  if (state.focusId) params.set('focus', state.focusId);
  if (filter.nodeTypes.length > 0) params.set('type', filter.nodeTypes.join(','));
  if (filter.errorsOnly) params.set('errors', '1');
  if (filter.tool !== '') params.set('tool', filter.tool);
  if (filter.agent !== '') params.set('agent', filter.agent);
  if (filter.minCostUsd !== null) params.set('minCost', String(filter.minCostUsd));
  if (filter.text.trim() !== '') params.set('q', filter.text);
  if (state.highlightIds.length > 0) params.set('highlight', state.highlightIds.join(','));
  const search = params.toString();
  return search === '' ? '' : `?${search}`;
}

export function isFilterActive(filter: TraceViewFilter): boolean {
  return (
    filter.nodeTypes.length > 0 ||
    filter.errorsOnly ||
    filter.tool !== '' ||
    filter.agent !== '' ||
    filter.minCostUsd !== null ||
    filter.text.trim() !== ''
  );
}

/** The page's filter in the shape `filterTree` takes; null when nothing filters. */
export function toTreeFilter(filter: TraceViewFilter): TreeFilter | null {
  if (!isFilterActive(filter)) return null;
  return {
    nodeTypes: filter.nodeTypes,
    errorsOnly: filter.errorsOnly,
    toolName: filter.tool,
    agentName: filter.agent,
    minCostUsd: filter.minCostUsd ?? undefined,
    text: filter.text,
  };
}
