'use client';

import type { SortOrder, TraceSort } from '@/lib/queries/trace-list-params';
import type { TraceRowModel } from '@/lib/traces-view/row-model';
import { TraceRow } from './TraceRow';
import { TraceTableHeader } from './TraceTableHeader';

interface Props {
  rows: readonly TraceRowModel[];
  /** Trace ids that arrived with the latest live refresh. */
  arrived: ReadonlySet<string>;
  sort: TraceSort;
  order: SortOrder;
  onSort: (sort: TraceSort, order: SortOrder) => void;
  /** A new view is loading; the rows shown belong to the previous one. */
  stale: boolean;
}

/** The runs, one row each, under a header whose sortable labels re-sort through the API. */
export function TracesTable({ rows, arrived, sort, order, onSort, stale }: Props) {
  return (
    <div className={`rounded-md border border-line bg-panel transition-opacity ${stale ? 'opacity-60' : ''}`}>
    <table data-testid="traces-table" aria-busy={stale} className="w-full table-fixed border-collapse">
      <caption className="sr-only">Traces, one run per row</caption>
      <TraceTableHeader sort={sort} order={order} onSort={onSort} />
      <tbody>
        {rows.map((row) => (
          <TraceRow key={row.traceId} {...row} isNew={arrived.has(row.traceId)} />
        ))}
      </tbody>
    </table>
    </div>
  );
}
