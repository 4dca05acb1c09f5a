import { describe, expect, it } from 'vitest';
import { eventRows, linkRows, spanHref } from './events';

const START = '1795461777500000000';

describe('eventRows', () => {
  const rows = eventRows({
    startTimeUnixNano: START,
    events: [
      {
        time: '',
        timeUnixNano: '1795461777565000123',
        name: 'exception',
        attributes: {
          'exception.type': 'TimeoutError',
          'exception.message': 'request timed out after 10000 ms',
          'exception.stacktrace': 'TimeoutError: request timed out\n    at call (tool.ts:12)',
          'exception.escaped': 'true',
        },
      },
      { time: '', timeUnixNano: '1795461777510000000', name: 'retry', attributes: { b: '2', a: '1' } },
      { time: '', timeUnixNano: 'garbage', name: 'odd', attributes: {} },
    ],
  });

  it('orders events by time with offsets from the span start, unreadable times last', () => {
    expect(rows.map((r) => [r.name, r.offsetMs])).toEqual([
      ['retry', 10],
      ['exception', 65.000123],
      ['odd', null],
    ]);
  });

  it('pulls the exception apart from its other attributes', () => {
    const exception = rows[1]!;
    expect(exception).toMatchObject({
      isException: true,
      exceptionType: 'TimeoutError',
      exceptionMessage: 'request timed out after 10000 ms',
      attributes: [['exception.escaped', 'true']],
    });
    expect(exception.stacktrace.split('\n')).toHaveLength(2);
  });

  it('sorts plain event attributes by key', () => {
    expect(rows[0]!.attributes).toEqual([
      ['a', '1'],
      ['b', '2'],
    ]);
  });
});

describe('linkRows', () => {
  it('links to the span of the other trace and tells same-trace links apart', () => {
    const rows = linkRows({
      traceId: 'aaaa',
      links: [
        { traceId: 'bbbb', spanId: '0123456789abcdef', attributes: { 'link.kind': 'handoff' } },
        { traceId: 'aaaa', spanId: 'fedcba9876543210', attributes: {} },
      ],
    });
    expect(rows.map((r) => [r.href, r.sameTrace, r.attributes])).toEqual([
      ['/traces/bbbb?span=0123456789abcdef', false, [['link.kind', 'handoff']]],
      ['/traces/aaaa?span=fedcba9876543210', true, []],
    ]);
  });

  it('links to the trace alone when the span id is missing', () => {
    expect(spanHref('bbbb', '')).toBe('/traces/bbbb');
  });
});
