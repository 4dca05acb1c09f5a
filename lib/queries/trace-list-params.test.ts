import { describe, expect, it } from 'vitest';
import { BadRequest } from '../errors';
import {
  DEFAULT_WINDOW_MS,
  encodeCursor,
  parseFacetParams,
  parseTraceListParams,
  traceListInputFromSearch,
} from './trace-list-params';

const NOW = Date.parse('2025-06-01T12:00:00.000Z');
const TRACE = 'ab'.repeat(16);

describe('parseTraceListParams', () => {
  it('defaults to the last 24 hours, newest first, 50 rows', () => {
    const q = parseTraceListParams({ projectId: 'default' }, NOW);
    expect(q).toMatchObject({ sort: 'start', order: 'desc', limit: 50, toMs: NOW, fromMs: NOW - DEFAULT_WINDOW_MS, after: null });
  });

  it.each([
    ['ISO', '2025-05-31T00:00:00Z', Date.parse('2025-05-31T00:00:00Z')],
    ['epoch ms', '1748649600000', 1748649600000],
    ['number', 1748649600000, 1748649600000],
  ])('reads from as %s', (_label, from, expected) => {
    expect(parseTraceListParams({ projectId: 'p', from }, NOW).fromMs).toBe(expected);
  });

  it('reads every filter from URL strings', () => {
    const q = parseTraceListParams(
      {
        projectId: 'p',
        service: 'api',
        agent: 'planner',
        model: 'gpt-4o',
        status: 'error',
        q: 'Run',
        hasError: 'true',
        minCostUsd: '0.5',
        minDurationMs: '1500',
        nodeType: 'tool',
        sort: 'cost',
        order: 'asc',
        limit: '10',
      },
      NOW,
    );
    expect(q).toMatchObject({
      service: 'api',
      agent: 'planner',
      model: 'gpt-4o',
      status: 'error',
      q: 'Run',
      hasError: true,
      minCostUsd: 0.5,
      minDurationMs: 1500,
      nodeType: 'tool',
      sort: 'cost',
      order: 'asc',
      limit: 10,
    });
  });

  it('treats empty parameters (an untouched form field) as absent', () => {
    const q = parseTraceListParams({ projectId: 'p', service: '', status: '', sort: '', limit: '' }, NOW);
    expect(q).toMatchObject({ service: undefined, status: undefined, sort: 'start', limit: 50 });
  });

  it.each([
    [{ limit: '0' }, 'limit'],
    [{ limit: '501' }, 'limit'],
    [{ limit: 'ten' }, 'limit'],
    [{ sort: 'random' }, 'sort'],
    [{ order: 'up' }, 'order'],
    [{ status: 'failed' }, 'status'],
    [{ nodeType: 'robot' }, 'nodeType'],
    [{ hasError: 'yes' }, 'hasError'],
    [{ minCostUsd: '-1' }, 'minCostUsd'],
    [{ minDurationMs: 'slow' }, 'minDurationMs'],
    [{ from: 'yesterday' }, 'from'],
    [{ projectId: 'bad project' }, 'projectId'],
    [{ from: '2025-06-01T12:00:00Z', to: '2025-06-01T11:00:00Z' }, 'from: must be earlier'],
  ])('rejects %j naming %s', (bad, named) => {
    const run = () => parseTraceListParams({ projectId: 'p', ...bad }, NOW);
    expect(run).toThrow(BadRequest);
    expect(run).toThrow(named);
  });
});

describe('cursor', () => {
  const base = { projectId: 'p', sort: 'cost', order: 'desc' } as const;

  it('round-trips the position and pins the window of the first page', () => {
    const first = parseTraceListParams(base, NOW);
    const cursor = encodeCursor(first, { value: '1500000000', traceId: TRACE });
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    const later = parseTraceListParams({ ...base, cursor }, NOW + 60_000);
    expect(later.after).toEqual({ value: '1500000000', traceId: TRACE });
    expect([later.fromMs, later.toMs]).toEqual([first.fromMs, first.toMs]);
  });

  it('lets an explicit window override the pinned one', () => {
    const cursor = encodeCursor(parseTraceListParams(base, NOW), { value: '1', traceId: TRACE });
    const q = parseTraceListParams({ ...base, cursor, from: '0', to: '1000' }, NOW);
    expect([q.fromMs, q.toMs]).toEqual([0, 1000]);
  });

  const forge = (payload: unknown) => Buffer.from(JSON.stringify(payload)).toString('base64url');
  const valid = { s: 'cost', o: 'desc', v: '12', t: TRACE, f: 0, u: 1000 };

  it.each([
    ['not base64url', 'a+b/c='],
    ['not JSON', Buffer.from('{oops').toString('base64url')],
    ['missing fields', forge({ s: 'cost' })],
    ['a non-hex trace id', forge({ ...valid, t: 'z'.repeat(32) })],
    ['a non-integer numeric value', forge({ ...valid, v: '1; DROP TABLE spans' })],
    ['an Int64 overflow', forge({ ...valid, v: '9223372036854775808' })],
  ])('rejects a cursor with %s', (_label, cursor) => {
    const run = () => parseTraceListParams({ ...base, cursor }, NOW);
    expect(run).toThrow(BadRequest);
    expect(run).toThrow('cursor: malformed');
  });

  it('rejects a cursor minted for another sort', () => {
    const cursor = forge({ ...valid, s: 'start' });
    expect(() => parseTraceListParams({ ...base, cursor }, NOW)).toThrow('belongs to sort=start');
  });

  it('accepts any text as the value of a text sort', () => {
    const cursor = forge({ ...valid, s: 'name', v: "it's 100% ok" });
    expect(parseTraceListParams({ ...base, sort: 'name', cursor }, NOW).after?.value).toBe("it's 100% ok");
  });
});

describe('traceListInputFromSearch', () => {
  it('keeps known keys and ignores the rest (including projectId, which comes from the project resolver)', () => {
    const search = new URLSearchParams('sort=cost&limit=5&projectId=x&utm_source=mail&q=a%20b');
    expect(traceListInputFromSearch(search)).toEqual({ sort: 'cost', limit: '5', q: 'a b' });
  });
});

describe('parseFacetParams', () => {
  it('defaults to the last 24 hours and validates the window', () => {
    expect(parseFacetParams({ projectId: 'p' }, NOW)).toEqual({ projectId: 'p', fromMs: NOW - DEFAULT_WINDOW_MS, toMs: NOW });
    expect(() => parseFacetParams({ projectId: 'p', from: '2000', to: '1000' }, NOW)).toThrow(BadRequest);
  });
});
