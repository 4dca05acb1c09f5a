import { describe, expect, it } from 'vitest';
import {
  activeFilterCount,
  DEFAULT_VIEW,
  PAGE_SIZE,
  parseTracesView,
  traceListApiParams,
  tracesHref,
  tracesViewToSearch,
  withFilter,
  withRange,
  type TracesView,
} from './view-state';

const NOW = Date.parse('2026-11-23T19:00:00.000Z');
const parse = (search: string) => parseTracesView(new URLSearchParams(search));

describe('parseTracesView', () => {
  it('gives the default view for an empty URL', () => {
    expect(parse('')).toEqual({ view: DEFAULT_VIEW, ignored: [] });
  });

  it('reads every filter, the sort and live mode', () => {
    const { view, ignored } = parse(
      'range=1h&service=travel-api&agent=planner&model=gpt-4o&nodeType=tool&status=error&hasError=true' +
        '&minCostUsd=0.5&minDurationMs=2000&q=refund&sort=cost&order=asc&live=1',
    );
    expect(ignored).toEqual([]);
    expect(view).toEqual<TracesView>({
      range: { kind: 'preset', preset: '1h' },
      filters: {
        service: 'travel-api',
        agent: 'planner',
        model: 'gpt-4o',
        nodeType: 'tool',
        status: 'error',
        hasError: true,
        minCostUsd: 0.5,
        minDurationMs: 2000,
        q: 'refund',
      },
      sort: 'cost',
      order: 'asc',
      live: true,
    });
  });

  it('reads a custom window from ISO times or epoch milliseconds', () => {
    expect(parse('from=2026-11-23T10:00:00Z&to=1795453200000').view.range).toEqual({
      kind: 'custom',
      fromMs: Date.parse('2026-11-23T10:00:00Z'),
      toMs: 1795453200000,
    });
  });

  it.each<[string, string[]]>([
    ['range=2w', ['range']],
    ['range=custom', ['range']],
    ['from=tomorrow&to=2026-11-23T10:00:00Z', ['from', 'to']],
    ['from=2026-11-23T12:00:00Z&to=2026-11-23T10:00:00Z', ['from', 'to']],
    ['nodeType=robot', ['nodeType']],
    ['status=broken', ['status']],
    ['hasError=maybe', ['hasError']],
    ['minCostUsd=-1', ['minCostUsd']],
    ['minDurationMs=abc', ['minDurationMs']],
    ['sort=agents&order=up', ['sort', 'order']],
  ])('ignores the bad parameters of %s and keeps the rest', (search, ignored) => {
    const result = parse(`${search}&service=docs-qa`);
    expect(result.ignored).toEqual(ignored);
    expect(result.view.filters.service).toBe('docs-qa');
  });

  it('treats blank values as absent', () => {
    expect(parse('service=&q=%20%20&minCostUsd=').view).toEqual(DEFAULT_VIEW);
  });

  it('takes the first of repeated values from a Next.js searchParams record', () => {
    expect(parseTracesView({ service: ['a', 'b'], sort: 'duration', order: undefined }).view).toMatchObject({
      filters: { service: 'a' },
      sort: 'duration',
      order: 'desc',
    });
  });

  it('turns live mode off for a custom window, which does not follow the clock', () => {
    expect(parse('from=1000&to=2000&live=1').view.live).toBe(false);
  });
});

describe('tracesViewToSearch', () => {
  it('leaves defaults out', () => {
    expect(tracesViewToSearch(DEFAULT_VIEW)).toBe('');
    expect(tracesHref(DEFAULT_VIEW)).toBe('/traces');
  });

  it('round-trips every field through the URL', () => {
    const views: TracesView[] = [
      { ...DEFAULT_VIEW, range: { kind: 'preset', preset: '15m' }, live: true },
      {
        range: { kind: 'custom', fromMs: Date.parse('2026-11-23T10:00:00Z'), toMs: Date.parse('2026-11-23T11:00:00Z') },
        filters: { q: 'a&b=c', service: 'svc one', hasError: false, minCostUsd: 0, nodeType: 'guardrail' },
        sort: 'name',
        order: 'asc',
        live: false,
      },
    ];
    for (const view of views) expect(parse(tracesViewToSearch(view)).view).toEqual(view);
  });

  it('writes keys in a fixed order so equal views give equal URLs', () => {
    const a = withFilter(withFilter(DEFAULT_VIEW, 'agent', 'x'), 'service', 'y');
    const b = withFilter(withFilter(DEFAULT_VIEW, 'service', 'y'), 'agent', 'x');
    expect(tracesViewToSearch(a)).toBe('service=y&agent=x');
    expect(tracesViewToSearch(b)).toBe(tracesViewToSearch(a));
  });
});

describe('view changes', () => {
  it('sets and clears one filter without touching the others', () => {
    const view = withFilter({ ...DEFAULT_VIEW, filters: { agent: 'a' } }, 'model', 'm');
    expect(view.filters).toEqual({ agent: 'a', model: 'm' });
    expect(withFilter(view, 'agent', undefined).filters).toEqual({ model: 'm' });
    expect(withFilter(view, 'q', '').filters).toEqual({ agent: 'a', model: 'm' });
    expect(activeFilterCount(view)).toBe(2);
  });

  it('keeps live mode across presets and drops it for a custom window', () => {
    const live = { ...DEFAULT_VIEW, live: true };
    expect(withRange(live, { kind: 'preset', preset: '1h' }).live).toBe(true);
    expect(withRange(live, { kind: 'custom', fromMs: 1, toMs: 2 }).live).toBe(false);
  });
});

describe('traceListApiParams', () => {
  const view: TracesView = {
    ...DEFAULT_VIEW,
    range: { kind: 'preset', preset: '1h' },
    filters: { service: 'svc', hasError: true, minDurationMs: 1500 },
    sort: 'duration',
  };

  it('resolves the first page’s window against now', () => {
    expect(traceListApiParams(view, NOW)).toEqual({
      from: String(NOW - 3_600_000),
      to: String(NOW),
      service: 'svc',
      hasError: 'true',
      minDurationMs: '1500',
      sort: 'duration',
      order: 'desc',
      limit: String(PAGE_SIZE),
    });
  });

  it('sends a later page only its cursor besides filters and sort, so the cursor’s window holds', () => {
    const params = traceListApiParams(view, NOW, 'abc');
    expect(params.cursor).toBe('abc');
    expect(params).not.toHaveProperty('from');
    expect(params).not.toHaveProperty('to');
    expect(params.service).toBe('svc');
  });
});
