/**
 * Where the overview's figures lead: each number links to the trace list filtered to exactly the runs it
 * counts, so a click answers "which ones?". Also the "newest run N ago" wording.
 */
import { DEFAULT_VIEW, tracesHref, type TracesView } from './view-state';

const view = (patch: Partial<TracesView>): TracesView => ({ ...DEFAULT_VIEW, ...patch });

/** Runs that started in the last hour, newest first and live. */
export const lastHourHref = (): string => tracesHref(view({ range: { kind: 'preset', preset: '1h' }, live: true }));

/** Runs of the last hour in which something failed (the `status=error` bucket counts silent failures too). */
export const lastHourFailuresHref = (): string =>
  tracesHref(view({ range: { kind: 'preset', preset: '1h' }, filters: { status: 'error' } }));

/** Runs of the last hour in which a guardrail acted (blocked, failed a check, escalated or rewrote). */
export const lastHourGuardrailsHref = (): string =>
  tracesHref(view({ range: { kind: 'preset', preset: '1h' }, filters: { guardrail: 'any' } }));

/** Runs of the last 24 hours in which something failed. */
export const dayFailuresHref = (): string => tracesHref(view({ filters: { status: 'error' } }));

/** Today's runs (since `sinceIso`, up to `nowIso`), most expensive first. */
export function todayByCostHref(sinceIso: string, nowIso: string): string {
  const fromMs = Date.parse(sinceIso);
  const toMs = Date.parse(nowIso);
  if (!Number.isFinite(fromMs) || !Number.isFinite(toMs) || fromMs >= toMs) {
    return tracesHref(view({ sort: 'cost', order: 'desc' }));
  }
  // One minute past `now`, so runs that start while the reader follows the link are not cut off.
  return tracesHref(view({ range: { kind: 'custom', fromMs, toMs: toMs + 60_000 }, sort: 'cost', order: 'desc' }));
}

/** The last 24 hours, most expensive first. */
export const dayByCostHref = (): string => tracesHref(view({ sort: 'cost', order: 'desc' }));

/** "12 s", "3 min", "5 h", "2 d": how long ago, to the unit that matters. */
export function formatAge(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return 'just now';
  const s = Math.floor(ms / 1000);
  if (s < 5) return 'just now';
  if (s < 60) return `${s} s ago`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ago`;
  const h = Math.floor(m / 60);
  if (h < 48) return `${h} h ago`;
  return `${Math.floor(h / 24)} d ago`;
}
