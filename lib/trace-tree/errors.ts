/**
 * Where the trace went wrong. Runs after the rollups (it reads `subtree.errorCount`), in O(n):
 * - the origin is the earliest-ending error span with no erroring descendant (the first thing that broke, not
 *   the parents that merely passed the failure on);
 * - the path from it up to its root is marked so the page can draw how the error travelled;
 * - a span that reports OK or unset while a descendant failed is flagged: the run "succeeded" and hid it.
 */
import type { ApiSpan } from '@/lib/span/api-types';
import { compareBigint } from './time';
import type { TraceNode } from './types';

export const HTTP_STATUS_KEYS = ['http.response.status_code', 'http.status_code'];

function httpStatus(span: ApiSpan): number | null {
  for (const key of HTTP_STATUS_KEYS) {
    const raw = span.attributes[key];
    if (raw === undefined) continue;
    const status = Number(raw);
    if (Number.isFinite(status)) return status;
  }
  return null;
}

/**
 * Status `error` fails any span. A tool can also fail without saying so in its status: many tool wrappers
 * record the HTTP response (a 404 or 500 from the API it called) or an `error.type` and leave the status unset.
 */
export function isErrorSpan(span: ApiSpan): boolean {
  if (span.statusCode === 'error') return true;
  if (span.nodeType !== 'tool') return false;
  const status = httpStatus(span);
  if (status !== null && status >= 400) return true;
  return span.errorType !== '' || (span.attributes['error.type'] ?? '') !== '';
}

function endsEarlier(a: TraceNode, b: TraceNode): boolean {
  const byEnd = compareBigint(a.endNs, b.endNs);
  if (byEnd !== 0) return byEnd < 0;
  const byStart = compareBigint(a.startNs, b.startNs);
  if (byStart !== 0) return byStart < 0;
  return a.id < b.id;
}

/** Sets errorOrigin, onErrorPath and hidesChildError; returns the origin's id. */
export function markErrors(preorder: readonly TraceNode[], byId: ReadonlyMap<string, TraceNode>): string | null {
  let origin: TraceNode | null = null;
  for (const node of preorder) {
    const errorsBelow = node.subtree.errorCount - (node.isError ? 1 : 0);
    node.hidesChildError = !node.isError && errorsBelow > 0;
    if (node.isError && errorsBelow === 0 && (origin === null || endsEarlier(node, origin))) origin = node;
  }
  if (origin === null) return null;
  origin.errorOrigin = true;
  for (let at: TraceNode | undefined = origin; at; at = at.parentId === null ? undefined : byId.get(at.parentId)) {
    at.onErrorPath = true;
  }
  return origin.id;
}
