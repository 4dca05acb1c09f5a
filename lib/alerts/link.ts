/**
 * The link from an alert to its evidence: the trace page with the first evidence span selected and every
 * evidence span highlighted. Shared by the alerts page, the API and webhook bodies so all three open the same view.
 */

/** `/traces/{traceId}?span={first}&highlight={a,b,c}`; null for an alert that is not about one trace. */
export function traceLinkPath(traceId: string | null, evidenceSpanIds: readonly string[]): string | null {
  if (!traceId) return null;
  const path = `/traces/${encodeURIComponent(traceId)}`;
  const first = evidenceSpanIds[0];
  if (first === undefined) return path;
  // Span ids are hex, so the comma-separated list needs no escaping beyond the ids themselves.
  const highlight = evidenceSpanIds.map(encodeURIComponent).join(',');
  return `${path}?span=${encodeURIComponent(first)}&highlight=${highlight}`;
}

/** An absolute link for readers outside the app (webhook receivers). */
export function absoluteLink(publicUrl: string, path: string | null): string | null {
  if (path === null) return null;
  return `${publicUrl.replace(/\/+$/, '')}${path}`;
}

/** For windowed alerts: the trace list filtered to the agent, model or service whose rate spiked. */
export function dimensionLinkPath(dimension: { kind: 'agent' | 'model' | 'service'; name: string } | null): string | null {
  if (!dimension) return null;
  return `/traces?${new URLSearchParams({ [dimension.kind]: dimension.name }).toString()}`;
}
