/**
 * Row buffers kept for the next export or batch instead of made anew. A new buffer grows by doubling to the size of
 * an export (about a megabyte of rows) or of a batch (several), and V8 counts each such buffer as external memory:
 * once the external memory held has grown by 64 MiB since the last full garbage collection, another starts, which
 * marks the whole heap — the trace memory's spans included — whether or not the heap needs it (and a batch's
 * buffers, held through its inserts, are old enough by then that only such a collection frees them). Allocated
 * afresh, the batch writer's buffers started every mark-compact of a bench/ingest run once its heap had grown
 * (`--trace-incremental-marking`: "external memory pressure"); reused, they are allocated once.
 */
import { RowBinaryRows } from '../lib/clickhouse/row-binary';
import { CONTENT_BINARY_COLUMNS, SPAN_BINARY_COLUMNS, type ContentInsertRow } from '../lib/queries/span-binary-columns';
import type { Span } from '../lib/span/types';

export interface Rows {
  spanRows: RowBinaryRows<Span>;
  contentRows: RowBinaryRows<ContentInsertRow>;
}

/** Buffers kept at most: the batch being gathered and the one being inserted. */
export const SPARE_ROWS = 2;
/** Buffers that grew past this together (a one-off batch of huge contents) are let go rather than held for ever. */
export const MAX_SPARE_BYTES = 64 * 1024 * 1024;

export class SpareRows {
  private readonly spare: Rows[] = [];

  constructor(private readonly initialBytes: number) {}

  take(): Rows {
    return (
      this.spare.pop() ?? {
        spanRows: new RowBinaryRows(SPAN_BINARY_COLUMNS, this.initialBytes),
        contentRows: new RowBinaryRows(CONTENT_BINARY_COLUMNS, this.initialBytes),
      }
    );
  }

  /** Keeps the buffers of `rows`, emptied, for a later `take`: only once nothing reads their bytes any more. */
  give(rows: Rows): void {
    if (this.spare.length >= SPARE_ROWS) return;
    if (rows.spanRows.capacity + rows.contentRows.capacity > MAX_SPARE_BYTES) return;
    rows.spanRows.clear();
    rows.contentRows.clear();
    // The rows alone: a batch passed in also holds its remembered spans and waiters, which must not be kept alive.
    this.spare.push({ spanRows: rows.spanRows, contentRows: rows.contentRows });
  }
}
