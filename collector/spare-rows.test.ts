import { describe, expect, it } from 'vitest';
import { makeSpan } from '../lib/testing/span-factory';
import { MAX_SPARE_BYTES, SPARE_ROWS, SpareRows } from './spare-rows';

describe('SpareRows', () => {
  it('hands back the buffers it was given, emptied, and makes new ones when it has none', () => {
    const spare = new SpareRows(1024);
    const first = spare.take();
    first.spanRows.add(makeSpan({ name: 'kept?' }));
    const grown = first.spanRows.capacity;
    spare.give(first);
    const again = spare.take();
    expect(again.spanRows).toBe(first.spanRows);
    expect(again.contentRows).toBe(first.contentRows);
    expect(again.spanRows.length).toBe(0);
    expect(again.spanRows.body().length).toBe(0);
    expect(again.spanRows.capacity).toBe(grown);
    expect(spare.take().spanRows === first.spanRows).toBe(false);
  });

  it(`keeps at most ${SPARE_ROWS} sets, and none that grew past the limit`, () => {
    const spare = new SpareRows(1024);
    const sets = [spare.take(), spare.take(), spare.take()];
    for (const rows of sets) spare.give(rows);
    const given = sets.map((rows) => rows.spanRows);
    const taken = [spare.take(), spare.take(), spare.take()].map((rows) => rows.spanRows);
    expect(taken.filter((rows) => given.includes(rows))).toHaveLength(SPARE_ROWS);

    const huge = new SpareRows(MAX_SPARE_BYTES);
    const big = huge.take();
    huge.give(big);
    // Identity compared as a boolean: `not.toBe` would compare the two 64 MiB buffers byte by byte to explain itself.
    expect(huge.take().spanRows === big.spanRows).toBe(false);
  });
});
