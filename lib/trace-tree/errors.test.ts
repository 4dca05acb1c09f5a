import { describe, expect, it } from 'vitest';
import type { ApiSpan } from '@/lib/span/api-types';
import { buildTree } from './build-tree';
import { isErrorSpan } from './errors';
import { makeSpan, spansFromText } from './test-fixtures';

describe('isErrorSpan', () => {
  it.each<{ name: string; span: Partial<ApiSpan>; expected: boolean }>([
    { name: 'status error', span: { statusCode: 'error' as const }, expected: true },
    { name: 'status ok', span: { statusCode: 'ok' as const }, expected: false },
    { name: 'tool with HTTP 500', span: { nodeType: 'tool' as const, attributes: { 'http.response.status_code': '500' } }, expected: true },
    { name: 'tool with HTTP 404 (old key)', span: { nodeType: 'tool' as const, attributes: { 'http.status_code': '404' } }, expected: true },
    { name: 'tool with HTTP 200', span: { nodeType: 'tool' as const, attributes: { 'http.response.status_code': '200' } }, expected: false },
    { name: 'tool with HTTP 399', span: { nodeType: 'tool' as const, attributes: { 'http.response.status_code': '399' } }, expected: false },
    { name: 'tool with error.type column', span: { nodeType: 'tool' as const, errorType: 'TimeoutError' }, expected: true },
    { name: 'tool with error.type attribute', span: { nodeType: 'tool' as const, attributes: { 'error.type': 'ValueError' } }, expected: true },
    { name: 'llm with HTTP 500 and status unset', span: { nodeType: 'llm' as const, attributes: { 'http.response.status_code': '500' } }, expected: false },
    { name: 'tool with a non-numeric status', span: { nodeType: 'tool' as const, attributes: { 'http.response.status_code': 'n/a' } }, expected: false },
  ])('$name → $expected', ({ span, expected }) => {
    expect(isErrorSpan(makeSpan({ spanId: 'x', ...span }))).toBe(expected);
  });
});

describe('error origin, path and silent failures', () => {
  /**
   * fetch fails first (ends at 6 ms) and the error travels up through worker and agent; the run reports ok.
   * retry fails later; parse is a parent that failed because its child did, so it is not an origin.
   */
  const tree = buildTree(spansFromText(`
    run      type=workflow status=ok start=0 dur=100
      agent    type=agent agent=a status=error start=1 dur=50
        worker   type=chain start=2 dur=20
          fetch    type=tool tool=http http=503 start=3 dur=3
        parse    type=chain status=error start=30 dur=20
          retry    type=tool tool=http status=error start=31 dur=10
      after    type=llm status=ok start=60 dur=5
  `));
  const flags = (id: string) => {
    const n = tree.byId.get(id)!;
    return { isError: n.isError, errorOrigin: n.errorOrigin, onErrorPath: n.onErrorPath, hidesChildError: n.hidesChildError };
  };

  it.each([
    { id: 'fetch', isError: true, errorOrigin: true, onErrorPath: true, hidesChildError: false },
    { id: 'worker', isError: false, errorOrigin: false, onErrorPath: true, hidesChildError: true },
    { id: 'agent', isError: true, errorOrigin: false, onErrorPath: true, hidesChildError: false },
    { id: 'run', isError: false, errorOrigin: false, onErrorPath: true, hidesChildError: true },
    { id: 'parse', isError: true, errorOrigin: false, onErrorPath: false, hidesChildError: false },
    { id: 'retry', isError: true, errorOrigin: false, onErrorPath: false, hidesChildError: false },
    { id: 'after', isError: false, errorOrigin: false, onErrorPath: false, hidesChildError: false },
  ])('$id', ({ id, ...expected }) => {
    expect(flags(id)).toEqual(expected);
  });

  it('names the origin on the tree and counts every error', () => {
    expect(tree.errorOriginId).toBe('fetch');
    expect(tree.totals.errorCount).toBe(4);
  });

  it('picks the earliest-ending leaf error, not the earliest-starting one', () => {
    const t = buildTree(spansFromText(`
      root
        slow  status=error start=1 dur=50
        quick status=error start=5 dur=2
    `));
    expect(t.errorOriginId).toBe('quick');
  });

  it('has no origin and no flags when nothing failed', () => {
    const t = buildTree(spansFromText(`
      root status=ok
        a
    `));
    expect(t.errorOriginId).toBeNull();
    expect(t.preorder.some((n) => n.onErrorPath || n.hidesChildError)).toBe(false);
  });
});
