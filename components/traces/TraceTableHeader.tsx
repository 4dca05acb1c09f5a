import { ArrowDown, ArrowUp, ArrowUpDown } from 'lucide-react';
import type { SortOrder, TraceSort } from '@/lib/queries/trace-list-params';
import { ariaSortOf, sortAfterClick, TRACE_COLUMNS } from '@/lib/traces-view/columns';
import { WIDE_ONLY } from './table-classes';

interface Props {
  sort: TraceSort;
  order: SortOrder;
  onSort: (sort: TraceSort, order: SortOrder) => void;
}

/** The list's header row; a sortable column's label is a button that asks the API for that order. */
export function TraceTableHeader({ sort, order, onSort }: Props) {
  return (
    <thead className="sticky top-12 z-10 bg-panel shadow-[inset_0_-1px_0_var(--color-line-strong)]">
      <tr>
        {TRACE_COLUMNS.map((column) => {
          const ariaSort = ariaSortOf(column, sort, order);
          const next = sortAfterClick(column, sort, order);
          const Icon = ariaSort === 'ascending' ? ArrowUp : ariaSort === 'descending' ? ArrowDown : ArrowUpDown;
          return (
            <th
              key={column.id}
              scope="col"
              aria-sort={column.sort ? ariaSort : undefined}
              title={column.description}
              // A fixed-layout table takes its column widths from this first row.
              style={column.widthRem === null ? undefined : { width: `${column.widthRem}rem` }}
              className={`overflow-hidden whitespace-nowrap px-1.5 py-1.5 text-xs font-medium text-muted ${
                column.align === 'right' ? 'text-right' : 'text-left'
              } ${column.wideOnly ? WIDE_ONLY : ''}`}
            >
              {next ? (
                <button
                  type="button"
                  data-testid={`sort-${column.id}`}
                  onClick={() => onSort(next.sort, next.order)}
                  className={`inline-flex items-center gap-0.5 rounded hover:text-ink ${
                    ariaSort === 'none' ? '' : 'font-semibold text-ink'
                  } ${column.align === 'right' ? 'flex-row-reverse' : ''}`}
                >
                  {column.label}
                  <Icon aria-hidden size={11} className={ariaSort === 'none' ? 'opacity-40' : ''} />
                </button>
              ) : (
                column.label
              )}
            </th>
          );
        })}
      </tr>
    </thead>
  );
}
