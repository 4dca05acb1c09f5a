import { describe, expect, it } from 'vitest';
import { BadRequest } from '../errors';
import { parseCostQuery, parseRecomputeBody } from './params';
import { DAY_MS } from './period';

const NOW = Date.parse('2026-04-11T12:00:00Z');
const parse = (q: string) => parseCostQuery(new URLSearchParams(q), 'default', NOW);

describe('parseCostQuery', () => {
  it('defaults to the last 7 days, by model, daily', () => {
    expect(parse('')).toMatchObject({ fromMs: NOW - 7 * DAY_MS, toMs: NOW, dimension: 'model', bucket: 'day', limit: 10 });
  });

  it('takes days, groupBy over dimension, and hourly buckets for short ranges', () => {
    expect(parse('days=1&groupBy=agent&dimension=service')).toMatchObject({ fromMs: NOW - DAY_MS, dimension: 'agent', bucket: 'hour' });
  });

  it.each([
    ['dimension=colour', /^dimension: /],
    ['from=yesterday', /^from: expected an ISO 8601 time/],
    ['from=2026-04-12T00:00:00Z&to=2026-04-11T00:00:00Z', /^from: must be before to/],
    ['days=90&bucket=hour', /^bucket: hourly buckets/],
    ['table=secrets', /^table: /],
    ['limit=1000', /^limit: /],
  ])('%s → BadRequest naming the parameter', (q, message) => {
    expect(() => parse(q)).toThrow(BadRequest);
    expect(() => parse(q)).toThrow(message);
  });
});

describe('parseRecomputeBody', () => {
  it('accepts ISO times or epoch milliseconds', () => {
    expect(parseRecomputeBody({ from: '2026-04-01T00:00:00Z', to: Date.parse('2026-04-02T00:00:00Z') }, NOW)).toEqual({
      fromMs: Date.parse('2026-04-01T00:00:00Z'),
      toMs: Date.parse('2026-04-02T00:00:00Z'),
    });
  });

  it.each([[{}], [{ from: 'x', to: 'y' }], [null]])('rejects %j naming the field', (body) => {
    expect(() => parseRecomputeBody(body, NOW)).toThrow(/^(from|body): /);
  });
});
