/**
 * Version 5 of the schema: `spans` and `span_contents` keep parts in the compact format (all columns in one file) up
 * to 64 MiB, instead of ClickHouse's default of 10 MiB.
 *
 * A collector batch of 10,000 spans is about 11 MiB: above the default, each such insert wrote a wide part — a file
 * and a marks file per column, and the spans table has some sixty once its maps and arrays are counted — and merges
 * of a few batches' parts wrote wide parts again. bench/span-insert (RowBinary, plain String columns, 3 rounds):
 * inserts of 10,000 spans cost ClickHouse 21.5 ms per 1,000 spans with the default and 13.8 ms with compact parts;
 * inserts of 8,000 spans (9 MiB, compact either way) 16.5 and 16.7 ms. Merged parts past 64 MiB become wide as
 * before, so reads of a few columns over much data keep their column files.
 *
 * `MODIFY SETTING` to the value a table already has does nothing, so the statements can run again; existing parts
 * keep their format until they are merged.
 */
import type { DdlTarget } from './ddl';
import { onCluster, table } from './ddl';

export const COMPACT_PART_MAX_BYTES = 64 * 1024 * 1024;

export function compactPartsMigrationStatements(t: DdlTarget): string[] {
  return ['spans', 'span_contents'].map(
    (name) => `ALTER TABLE ${table(t, name)}${onCluster(t)}\n  MODIFY SETTING min_bytes_for_wide_part = ${COMPACT_PART_MAX_BYTES}`,
  );
}
