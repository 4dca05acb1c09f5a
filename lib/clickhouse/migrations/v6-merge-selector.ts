/**
 * Version 6 of the schema: `spans` and `span_contents` merge their parts ten at a time rather than five
 * (`merge_selector_base` = 10, ClickHouse's default being 5).
 *
 * Merges rewrite every span several times over its life, and with collector batches of a few thousand spans they
 * were a third of ClickHouse's CPU while ingesting. A larger base lets more parts of a similar size gather before
 * they are merged, so each byte is rewritten fewer times (about log₁₀ rather than log₅ of the number of inserts); a
 * partition holds a few more parts between merges, which reads by trace id (a primary-key lookup per part) hardly
 * notice. bench/span-insert.ts-style measurement, 200,000 spans in inserts of 4,500 (RowBinary, compact parts, three
 * rounds): ClickHouse 38.0 ms per 1,000 spans with base 5, 35.8 with 8, 31.8 with 10, 31.3 with 16.
 *
 * The setting is recent: on a ClickHouse server that does not know it the migration is recorded as skipped and the
 * tables keep the default. `MODIFY SETTING` to the value a table already has does nothing, so it can run again.
 */
import type { DdlTarget } from './ddl';
import { onCluster, table } from './ddl';

export const MERGE_SELECTOR_BASE = 10;

export const MERGE_SELECTOR_SETTINGS = ['merge_selector_base'] as const;

export function mergeSelectorMigrationStatements(t: DdlTarget): string[] {
  return ['spans', 'span_contents'].map(
    (name) => `ALTER TABLE ${table(t, name)}${onCluster(t)}\n  MODIFY SETTING merge_selector_base = ${MERGE_SELECTOR_BASE}`,
  );
}
