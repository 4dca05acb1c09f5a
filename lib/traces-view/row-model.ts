/**
 * What one row of the trace list shows, computed from a trace summary: the outcome (including the run that said
 * OK while steps failed), the formatted numbers, and the start time in the reader's zone.
 *
 * The row component is memoised, so every field is a primitive: lists (agents, node types) travel as one string
 * joined with a separator that names cannot contain, which makes an unchanged row compare equal however many
 * times live mode refetches it.
 */
import { ruleLabel } from '../alerts/rules-meta';
import type { ApiRunAlert, ApiTraceListItem, ApiTraceSummary } from '../span/api-types';
import { NODE_TYPES, type NodeType, type StatusCode } from '../span/types';
import { formatDurationMs, formatTokens, formatUsd } from '../ui/format';

/**
 * - `failed`: the root reported an error.
 * - `silent-failure`: the root reported success (or nothing) while at least one span failed: the run most
 *   likely to be believed when it should not be.
 * - `ok`: the root reported OK and no span failed.
 * - `unset`: no span failed and the root set no status, which is what most instrumentations do on success.
 */
export type TraceOutcome = 'failed' | 'silent-failure' | 'ok' | 'unset';

export function traceOutcome(trace: Pick<ApiTraceSummary, 'statusCode' | 'errorCount'>): TraceOutcome {
  if (trace.statusCode === 'error') return 'failed';
  if (trace.errorCount > 0) return 'silent-failure';
  return trace.statusCode === 'ok' ? 'ok' : 'unset';
}

/** Control characters never appear in service, agent or node type names we display. */
const LIST_SEPARATOR = '\u001f';

export function joinList(values: readonly string[]): string {
  return values.join(LIST_SEPARATOR);
}

export function splitList(joined: string): string[] {
  return joined === '' ? [] : joined.split(LIST_SEPARATOR);
}

/** Node types in the fixed order of `NODE_TYPES`, so the icons of two rows line up column by column. */
export function orderedNodeTypes(types: readonly NodeType[]): NodeType[] {
  const present = new Set(types);
  return NODE_TYPES.filter((type) => present.has(type));
}

/** Node types that say least about a run; the first left out when a row has no room for every icon. */
const GENERIC_NODE_TYPES: readonly NodeType[] = ['span', 'chain'];

/**
 * At most `max` node types to draw as icons, and how many were left out. Generic types go first, then the
 * list is cut with room for the "+N" marker.
 */
export function visibleNodeTypes(types: readonly NodeType[], max: number): { shown: NodeType[]; hidden: number } {
  if (types.length <= max) return { shown: [...types], hidden: 0 };
  const specific = types.filter((type) => !GENERIC_NODE_TYPES.includes(type));
  const shown = specific.length <= max ? specific : specific.slice(0, Math.max(0, max - 1));
  return { shown, hidden: types.length - shown.length };
}

export interface TraceRowModel {
  traceId: string;
  href: string;
  startIso: string;
  startLabel: string;
  rootName: string;
  serviceName: string;
  /** Services besides the root's that the run crossed. */
  otherServices: number;
  agents: string;
  nodeTypes: string;
  durationLabel: string;
  spanCount: number;
  llmCallCount: number;
  toolCallCount: number;
  models: string;
  tokensLabel: string;
  tokensTitle: string;
  costLabel: string;
  costUsd: number;
  unpricedCount: number;
  errorCount: number;
  statusCode: StatusCode;
  outcome: TraceOutcome;
  /** The verdicts by which guardrails acted on the run, comma-separated (a string, so rows compare cheaply). */
  guardrailInterventions: string;
  /** The rules of the alerts firing on the run, each once, critical first (see `runAlerts`); '' when none. */
  alertRules: string;
  /** The severity of the first of them; '' when none. */
  alertSeverity: ApiRunAlert['severity'] | '';
  /** Every alert shown, one per line: rule, then title. */
  alertsTitle: string;
}

export interface ClockContext {
  /** The reader's calendar day in `timeZone` (see `dayKey`): a start on that day shows its time alone. */
  today: string;
  /** An IANA zone; undefined means the runtime's own. */
  timeZone?: string;
}

const dayFormats = new Map<string, Intl.DateTimeFormat>();
function formatIn(timeZone: string | undefined, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${timeZone ?? ''}|${JSON.stringify(options)}`;
  let format = dayFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { ...options, timeZone });
    dayFormats.set(key, format);
  }
  return format;
}

/** The calendar day of an instant in a zone, as "2026-11-23". */
export function dayKey(ms: number, timeZone?: string): string {
  const parts = formatIn(timeZone, { year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(ms);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

/** "19:23:18" in the zone. */
export function formatTimeOfDay(ms: number, timeZone?: string): string {
  return formatIn(timeZone, { hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' }).format(ms);
}

/** "19:23:18" for a start on the reader's day, "Nov 22 19:23:18" for any other. */
export function formatStartTime(ms: number, clock: ClockContext): string {
  const time = formatTimeOfDay(ms, clock.timeZone);
  if (dayKey(ms, clock.timeZone) === clock.today) return time;
  return `${formatIn(clock.timeZone, { month: 'short', day: 'numeric' }).format(ms)} ${time}`;
}

/**
 * The alerts a row shows: each rule once, in the API's order (critical first, then newest). A silent failure the
 * outcome badge already names is left out, so the row does not say it twice.
 */
export function runAlerts(alerts: readonly ApiRunAlert[], outcome: TraceOutcome): ApiRunAlert[] {
  const seen = new Set<string>();
  return alerts.filter((alert) => {
    if (alert.ruleId === 'silent_failure' && outcome === 'silent-failure') return false;
    if (seen.has(alert.ruleId)) return false;
    seen.add(alert.ruleId);
    return true;
  });
}

/** A row of the trace list, or of the overview's run lists. */
export function toTraceRowModel(trace: ApiTraceListItem, clock: ClockContext): TraceRowModel {
  const outcome = traceOutcome(trace);
  const firing = trace.firingAlerts;
  const alerts = runAlerts(firing, outcome);
  const startMs = Date.parse(trace.startTime);
  const cached = trace.cacheReadTokens > 0 ? ` (${formatTokens(trace.cacheReadTokens)} cached)` : '';
  return {
    traceId: trace.traceId,
    href: `/traces/${trace.traceId}`,
    startIso: trace.startTime,
    startLabel: Number.isFinite(startMs) ? formatStartTime(startMs, clock) : trace.startTime,
    rootName: trace.rootName,
    serviceName: trace.serviceName,
    otherServices: trace.services.filter((service) => service !== trace.serviceName).length,
    agents: joinList(trace.agents),
    nodeTypes: joinList(orderedNodeTypes(trace.nodeTypes)),
    durationLabel: formatDurationMs(trace.durationMs),
    spanCount: trace.spanCount,
    llmCallCount: trace.llmCallCount,
    toolCallCount: trace.toolCallCount,
    models: trace.models.join(', '),
    tokensLabel: `${formatTokens(trace.inputTokens)} / ${formatTokens(trace.outputTokens)}`,
    tokensTitle: `${trace.inputTokens.toLocaleString('en-US')} input${cached}, ${trace.outputTokens.toLocaleString('en-US')} output tokens`,
    costLabel: formatUsd(trace.costUsd, { unpriced: trace.unpricedCount }),
    costUsd: trace.costUsd,
    unpricedCount: trace.unpricedCount,
    errorCount: trace.errorCount,
    statusCode: trace.statusCode,
    outcome,
    guardrailInterventions: joinList(trace.guardrailInterventions),
    alertRules: joinList(alerts.map((alert) => alert.ruleId)),
    alertSeverity: alerts[0]?.severity ?? '',
    alertsTitle: firing.map((alert) => `${ruleLabel(alert.ruleId)}: ${alert.title}`).join('\n'),
  };
}

/** Runs in which something failed: the root, or a span under a root that reported success. */
export function countFailed(rows: readonly Pick<TraceRowModel, 'outcome'>[]): number {
  return rows.filter((row) => row.outcome === 'failed' || row.outcome === 'silent-failure').length;
}

/**
 * The rows of all loaded pages, each trace once. A trace can appear on two pages when live mode refetches while
 * the list grows; the first occurrence (the newer page) wins so React keys stay unique.
 */
export function uniqueTraces<Trace extends ApiTraceSummary>(pages: readonly { traces: readonly Trace[] }[]): Trace[] {
  const seen = new Set<string>();
  const rows: Trace[] = [];
  for (const page of pages) {
    for (const trace of page.traces) {
      if (seen.has(trace.traceId)) continue;
      seen.add(trace.traceId);
      rows.push(trace);
    }
  }
  return rows;
}

/**
 * Traces that arrived since the previous refresh, to highlight them: ids not seen before that sit above the
 * last row seen before. Rows past it are a page that "Load more" appended, not arrivals. The first load has no
 * previous set, and nothing in it is new.
 */
export function arrivedTraceIds(previous: ReadonlySet<string> | null, current: readonly string[]): Set<string> {
  if (previous === null) return new Set();
  let lastKnown = -1;
  current.forEach((id, index) => {
    if (previous.has(id)) lastKnown = index;
  });
  return new Set(current.slice(0, Math.max(lastKnown, 0)).filter((id) => !previous.has(id)));
}
