import { describe, expect, it } from 'vitest';
import {
  dayByCostHref,
  dayFailuresHref,
  formatAge,
  lastHourFailuresHref,
  lastHourGuardrailsHref,
  lastHourHref,
  todayByCostHref,
} from './overview-links';
import { parseTracesView } from './view-state';

const viewOf = (href: string) => parseTracesView(new URL(href, 'http://loupe.test').searchParams).view;

describe('overview links', () => {
  it('lead to the trace list filtered to the runs each figure counts', () => {
    expect(viewOf(lastHourHref())).toMatchObject({ range: { kind: 'preset', preset: '1h' }, live: true, filters: {} });
    expect(viewOf(lastHourFailuresHref())).toMatchObject({ range: { preset: '1h' }, filters: { status: 'error' } });
    expect(viewOf(lastHourGuardrailsHref())).toMatchObject({ range: { preset: '1h' }, filters: { guardrail: 'any' } });
    expect(viewOf(dayFailuresHref())).toMatchObject({ range: { preset: '24h' }, filters: { status: 'error' } });
    expect(viewOf(dayByCostHref())).toMatchObject({ sort: 'cost', order: 'desc' });
  });

  it('link today’s spend to a window from midnight to a minute past now, by cost', () => {
    expect(viewOf(todayByCostHref('2026-11-23T00:00:00.000Z', '2026-11-23T19:00:00.000Z'))).toMatchObject({
      range: {
        kind: 'custom',
        fromMs: Date.parse('2026-11-23T00:00:00.000Z'),
        toMs: Date.parse('2026-11-23T19:01:00.000Z'),
      },
      sort: 'cost',
    });
    expect(viewOf(todayByCostHref('garbage', '2026-11-23T19:00:00.000Z')).range).toMatchObject({ kind: 'preset' });
  });
});

describe('formatAge', () => {
  it.each<[number, string]>([
    [-5, 'just now'],
    [Number.NaN, 'just now'],
    [3_000, 'just now'],
    [42_000, '42 s ago'],
    [5 * 60_000, '5 min ago'],
    [3 * 3_600_000, '3 h ago'],
    [47 * 3_600_000, '47 h ago'],
    [72 * 3_600_000, '3 d ago'],
  ])('%d ms → %s', (ms, text) => {
    expect(formatAge(ms)).toBe(text);
  });
});
