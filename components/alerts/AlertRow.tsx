import { ArrowUpRight, Filter } from 'lucide-react';
import Link from 'next/link';
import { memo } from 'react';
import { formatAgo } from '@/lib/alerts/format';
import { ruleLabel } from '@/lib/alerts/rules-meta';
import type { AlertState, RuleId, Severity } from '@/lib/alerts/types';
import { ResolveAlertButton } from './ResolveAlert';
import { SeverityBadge } from './SeverityBadge';

export interface AlertRowProps {
  fingerprint: string;
  ruleId: RuleId;
  state: AlertState;
  severity: Severity;
  title: string;
  summary: string;
  traceId: string | null;
  /** The trace with the evidence highlighted (per-trace alerts). */
  traceLink: string | null;
  /** The trace list filtered to the spiking agent/model/service (windowed alerts). */
  dimensionLink: string | null;
  dimensionLabel: string | null;
  evidenceCount: number;
  measure: string | null;
  firedAtMs: number;
  resolvedAtMs: number | null;
  lastSeenMs: number;
  nowMs: number;
  /** Resolves the alert by hand; offered on firing alerts only. */
  onResolve?: (fingerprint: string) => void;
  /** A resolution of this alert is on its way. */
  resolving?: boolean;
}

const iso = (ms: number) => new Date(ms).toISOString().replace('T', ' ').slice(0, 19) + ' UTC';

/** One alert: what fired, the numbers, when, and the way into the trace that shows it. */
export const AlertRow = memo(function AlertRow(props: AlertRowProps) {
  const { ruleId, state, severity, title, summary, traceId, traceLink, dimensionLink, dimensionLabel } = props;
  const resolved = state === 'resolved';
  return (
    <li
      data-testid="alert-row"
      data-rule={ruleId}
      data-state={state}
      data-trace-id={traceId ?? ''}
      className="grid grid-cols-[auto_minmax(0,1fr)_auto] gap-x-3 border-b border-line px-3 py-2.5 last:border-b-0"
    >
      <div className="pt-0.5">
        <SeverityBadge severity={severity} state={state} />
      </div>
      <div className="min-w-0">
        <div className="flex min-w-0 items-baseline gap-2">
          <span className="shrink-0 text-xs font-medium text-muted">{ruleLabel(ruleId)}</span>
          <h3 className={`truncate font-medium ${resolved ? 'text-muted' : 'text-ink'}`} title={title}>
            {title}
          </h3>
        </div>
        <p className="mt-0.5 line-clamp-2 text-[13px] text-muted">{summary}</p>
        <div className="mt-1 flex flex-wrap items-center gap-x-3 gap-y-1 text-xs text-faint">
          {props.measure && <span className="text-muted">{props.measure}</span>}
          {dimensionLabel && <span className="text-muted">{dimensionLabel}</span>}
          {props.evidenceCount > 0 && (
            <span>
              {props.evidenceCount} evidence span{props.evidenceCount === 1 ? '' : 's'}
            </span>
          )}
          {traceId && <span className="font-mono">trace {traceId.slice(0, 12)}…</span>}
        </div>
      </div>
      <div className="flex flex-col items-end justify-between gap-1 text-xs">
        <span className="whitespace-nowrap text-muted" title={`Fired ${iso(props.firedAtMs)}, last seen ${iso(props.lastSeenMs)}`}>
          {props.resolvedAtMs !== null ? (
            <>
              resolved <time dateTime={new Date(props.resolvedAtMs).toISOString()}>{formatAgo(props.resolvedAtMs, props.nowMs)}</time>
            </>
          ) : (
            <>
              fired <time dateTime={new Date(props.firedAtMs).toISOString()}>{formatAgo(props.firedAtMs, props.nowMs)}</time>
            </>
          )}
        </span>
        {traceLink ? (
          <Link
            data-testid="alert-link"
            href={traceLink}
            className="inline-flex items-center gap-1 whitespace-nowrap rounded border border-line bg-panel px-2 py-0.5 font-medium text-accent hover:border-accent"
          >
            Open trace
            <ArrowUpRight size={13} aria-hidden />
          </Link>
        ) : dimensionLink ? (
          <Link
            data-testid="alert-link"
            href={dimensionLink}
            className="inline-flex items-center gap-1 whitespace-nowrap rounded border border-line bg-panel px-2 py-0.5 font-medium text-accent hover:border-accent"
          >
            <Filter size={12} aria-hidden />
            Its traces
          </Link>
        ) : null}
        {!resolved && props.onResolve && (
          <ResolveAlertButton
            fingerprint={props.fingerprint}
            onResolve={props.onResolve}
            resolving={props.resolving ?? false}
            className="rounded border border-line bg-panel px-2 py-0.5 hover:border-line-strong"
          />
        )}
      </div>
    </li>
  );
});
