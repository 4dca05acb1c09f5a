import { describe, expect, it } from 'vitest';
import { TRACE_SORTS } from '../queries/trace-list-params';
import { ariaSortOf, sortAfterClick, TRACE_COLUMNS, type ColumnId, type TraceColumn } from './columns';

const col = (id: ColumnId): TraceColumn => {
  const found = TRACE_COLUMNS.find((c) => c.id === id);
  if (!found) throw new Error(`no column ${id}`);
  return found;
};

describe('TRACE_COLUMNS', () => {
  it('offers every sort the API has, each on exactly one column', () => {
    const sorts = TRACE_COLUMNS.flatMap((c) => (c.sort ? [c.sort] : []));
    expect([...sorts].sort()).toEqual([...TRACE_SORTS].sort());
  });

  it('leaves out only the span and model call counts on narrower screens', () => {
    expect(TRACE_COLUMNS.filter((c) => c.wideOnly).map((c) => c.id)).toEqual(['spans', 'llmCalls']);
  });

  it('gives every column but the run name a fixed width', () => {
    expect(TRACE_COLUMNS.filter((c) => c.widthRem === null).map((c) => c.id)).toEqual(['name']);
  });
});

describe('sortAfterClick', () => {
  it.each<[ColumnId, string, string, { sort: string; order: string } | null]>([
    ['cost', 'start', 'desc', { sort: 'cost', order: 'desc' }],
    ['name', 'start', 'desc', { sort: 'name', order: 'asc' }],
    ['service', 'cost', 'desc', { sort: 'service', order: 'asc' }],
    ['start', 'cost', 'asc', { sort: 'start', order: 'desc' }],
    ['cost', 'cost', 'desc', { sort: 'cost', order: 'asc' }],
    ['cost', 'cost', 'asc', { sort: 'cost', order: 'desc' }],
    ['agents', 'start', 'desc', null],
    ['status', 'start', 'desc', null],
  ])('clicking %s while sorted by %s %s gives %j', (id, sort, order, expected) => {
    expect(sortAfterClick(col(id), sort as never, order as never)).toEqual(expected);
  });
});

describe('ariaSortOf', () => {
  it('marks only the sorted column, with its direction', () => {
    expect(ariaSortOf(col('duration'), 'duration', 'asc')).toBe('ascending');
    expect(ariaSortOf(col('duration'), 'duration', 'desc')).toBe('descending');
    expect(ariaSortOf(col('duration'), 'cost', 'desc')).toBe('none');
    expect(ariaSortOf(col('agents'), 'start', 'desc')).toBe('none');
  });
});
