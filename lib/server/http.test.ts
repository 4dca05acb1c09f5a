import { afterEach, beforeEach, describe, expect, it, vi, type MockInstance } from 'vitest';
import { BadRequest, NotFound, StorageError, Unavailable } from '../errors';
import { errorResponse, handle, parseSpanId, parseTraceId, projectOf } from './http';

const request = (url: string, headers: Record<string, string> = {}) => new Request(`http://loupe.test${url}`, { headers });

describe('projectOf', () => {
  it.each([
    ['the header', request('/api/v1/traces?project=q', { 'x-loupe-project': 'from-header' }), 'from-header'],
    ['the query parameter', request('/api/v1/traces?project=from-query'), 'from-query'],
    ['the default', request('/api/v1/traces'), 'default'],
  ])('takes %s first', (_label, req, expected) => {
    expect(projectOf(req, 'default')).toBe(expected);
  });

  it('rejects a project id that is not one', () => {
    expect(() => projectOf(request('/x?project=a%20b'), 'default')).toThrow(BadRequest);
  });
});

describe('ids from URLs', () => {
  it('normalises upper-case hex to the stored lower case', () => {
    expect(parseTraceId('AB'.repeat(16))).toBe('ab'.repeat(16));
    expect(parseSpanId('0123456789ABCDEF')).toBe('0123456789abcdef');
  });

  it.each(['', 'ab'.repeat(15), 'ab'.repeat(17), 'g'.repeat(32)])('rejects trace id %j', (id) => {
    expect(() => parseTraceId(id)).toThrow(/traceId: expected 32 hexadecimal digits/);
  });

  it.each(['', '0123', 'x'.repeat(16)])('rejects span id %j', (id) => {
    expect(() => parseSpanId(id)).toThrow(/spanId: expected 16 hexadecimal digits/);
  });
});

describe('responses', () => {
  let log: MockInstance<typeof console.error>;
  beforeEach(() => {
    log = vi.spyOn(console, 'error').mockImplementation(() => undefined);
  });
  afterEach(() => log.mockRestore());

  it('serves JSON that no cache keeps', async () => {
    const res = await handle(request('/x'), async () => ({ ok: 1 }));
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(await res.json()).toEqual({ ok: 1 });
  });

  it.each([
    [new BadRequest('limit: too big'), 400, 'limit: too big'],
    [new NotFound('Trace x not found'), 404, 'Trace x not found'],
    [new Unavailable('ClickHouse is unreachable', 7), 503, 'ClickHouse is unreachable'],
  ])('maps %s to its status with its message', async (error, status, message) => {
    const res = errorResponse(error, request('/x'));
    expect(res.status).toBe(status);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(await res.json()).toEqual({ error: message });
  });

  it('tells a client when to retry after ClickHouse was unreachable', () => {
    expect(errorResponse(new Unavailable('down', 7), request('/x')).headers.get('retry-after')).toBe('7');
  });

  it('keeps SQL details of a defect out of the response but logs them', async () => {
    const res = errorResponse(new StorageError('ClickHouse query traces.list failed: Code: 62. Syntax', 'traces.list'), request('/x'));
    expect(res.status).toBe(500);
    expect((await res.json()).error).not.toContain('Code: 62');
    expect(log).toHaveBeenCalledOnce();
  });
});
