/**
 * The trace list's columns, in display order, and what clicking a header does. A column sorts only when the API
 * has a sort key for it; the others (the kinds of steps, agents, status) are shown but not sortable — they are
 * lists or categories with no order a reader would expect, and a sort done in the browser would order only the
 * rows loaded so far and contradict the pages still to come (status is a filter instead).
 */
import type { SortOrder, TraceSort } from '../queries/trace-list-params';

export type ColumnId =
  | 'start'
  | 'name'
  | 'contains'
  | 'service'
  | 'agents'
  | 'duration'
  | 'spans'
  | 'llmCalls'
  | 'tokens'
  | 'cost'
  | 'errors'
  | 'status';

export interface TraceColumn {
  id: ColumnId;
  label: string;
  /** What the header explains on hover. */
  description: string;
  sort: TraceSort | null;
  align: 'left' | 'right';
  /** The order a first click asks for: biggest first for amounts, alphabetical for text. */
  firstOrder: SortOrder;
  /** Fixed width in rem; null for the run's name, which takes the rest, so a long name never pushes numbers off-screen. */
  widthRem: number | null;
  /** Left out on narrower screens, so the run's name keeps room to be read. */
  wideOnly: boolean;
}

const column = (
  id: ColumnId,
  label: string,
  description: string,
  sort: TraceSort | null,
  align: 'left' | 'right',
  widthRem: number | null,
): TraceColumn => ({
  id,
  label,
  description,
  sort,
  align,
  widthRem,
  wideOnly: id === 'spans' || id === 'llmCalls',
  firstOrder: align === 'right' || sort === 'start' ? 'desc' : 'asc',
});

export const TRACE_COLUMNS: readonly TraceColumn[] = [
  column('start', 'Start', 'When the run started', 'start', 'left', 5),
  column('name', 'Run', 'The root span’s name', 'name', 'left', null),
  column('contains', 'Contains', 'The kinds of steps in the run', null, 'left', 7.5),
  column('service', 'Service', 'The root span’s service', 'service', 'left', 8),
  column('agents', 'Agents', 'Agents that took part', null, 'left', 11.5),
  column('duration', 'Duration', 'Wall time from the first span’s start to the last span’s end', 'duration', 'right', 5),
  column('spans', 'Spans', 'Spans in the run', 'spans', 'right', 4),
  column('llmCalls', 'LLM calls', 'Model calls in the run (hover a number for the models)', 'calls', 'right', 5.25),
  column('tokens', 'Tokens in/out', 'Input and output tokens of all model calls (sorted by their sum)', 'tokens', 'right', 6.5),
  column('cost', 'Cost', 'Cost of all model calls; calls without a known price are counted apart', 'cost', 'right', 5.75),
  column('errors', 'Errors', 'Spans that failed', 'errors', 'right', 4.5),
  column('status', 'Status', 'The run’s outcome, and how guardrails acted on it', null, 'left', 10),
];

export type AriaSort = 'ascending' | 'descending' | 'none';

/** The header's `aria-sort`: which column the list is sorted by, and which way. */
export function ariaSortOf(column: TraceColumn, sort: TraceSort, order: SortOrder): AriaSort {
  if (column.sort === null || column.sort !== sort) return 'none';
  return order === 'asc' ? 'ascending' : 'descending';
}

/** Clicking the sorted column reverses it; clicking another sorts by it in its natural first order. */
export function sortAfterClick(
  column: TraceColumn,
  sort: TraceSort,
  order: SortOrder,
): { sort: TraceSort; order: SortOrder } | null {
  if (column.sort === null) return null;
  if (column.sort === sort) return { sort, order: order === 'asc' ? 'desc' : 'asc' };
  return { sort: column.sort, order: column.firstOrder };
}
