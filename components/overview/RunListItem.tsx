import Link from 'next/link';
import { memo } from 'react';
import { AgentChips } from '@/components/traces/AgentChips';
import { RunAlertsBadge } from '@/components/traces/RunAlertsBadge';
import { TraceOutcomeBadge } from '@/components/traces/TraceOutcomeBadge';
import type { Severity } from '@/lib/alerts/types';
import { splitList, type TraceOutcome } from '@/lib/traces-view/row-model';

export interface RunListItemProps {
  traceId: string;
  href: string;
  startIso: string;
  startLabel: string;
  rootName: string;
  serviceName: string;
  agents: string;
  durationLabel: string;
  llmCallCount: number;
  tokensLabel: string;
  costLabel: string;
  errorCount: number;
  outcome: TraceOutcome;
  /** The rules of the alerts firing on the run (a `joinList`), the first one's severity, and every alert's title. */
  alertRules: string;
  alertSeverity: Severity | '';
  alertsTitle: string;
  /** Which figure leads: the cost (expensive runs) or the failure (failed runs). */
  emphasis: 'cost' | 'failure';
}

/** A run in one of the overview's short lists; the whole item links to the trace. */
function RunListItemImpl(props: RunListItemProps) {
  return (
    <li data-testid="overview-run" data-trace-id={props.traceId}>
      <Link
        href={props.href}
        className="grid grid-cols-[1fr_auto] items-center gap-x-3 gap-y-0.5 px-3 py-2 hover:bg-accent-soft/50"
      >
        <span className="flex min-w-0 items-center gap-2">
          <span className="truncate font-medium text-ink" title={props.rootName}>
            {props.rootName || '(unnamed root)'}
          </span>
          <RunAlertsBadge rules={splitList(props.alertRules)} severity={props.alertSeverity} title={props.alertsTitle} />
        </span>
        {props.emphasis === 'cost' ? (
          <span className="text-right font-semibold text-ink" data-testid="overview-run-cost">
            {props.costLabel}
          </span>
        ) : (
          <span className="justify-self-end">
            <TraceOutcomeBadge outcome={props.outcome} errorCount={props.errorCount} />
          </span>
        )}
        <span className="flex min-w-0 items-center gap-2 text-xs text-muted">
          <time dateTime={props.startIso} className="font-mono">
            {props.startLabel}
          </time>
          <span className="truncate">{props.serviceName}</span>
          <AgentChips agents={props.agents} />
        </span>
        <span className="text-right text-xs whitespace-nowrap text-muted">
          {props.emphasis === 'cost' ? (
            `${props.llmCallCount} calls · ${props.tokensLabel} tok · ${props.durationLabel}`
          ) : (
            <>
              <span className={props.errorCount > 0 ? 'font-semibold text-error' : ''}>
                {props.errorCount} failed span{props.errorCount === 1 ? '' : 's'}
              </span>
              {` · ${props.costLabel}`}
            </>
          )}
        </span>
      </Link>
    </li>
  );
}

export const RunListItem = memo(RunListItemImpl);
