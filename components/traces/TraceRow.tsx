'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { memo, type MouseEvent } from 'react';
import type { GuardrailIntervention } from '@/lib/span/types';
import { splitList, type TraceRowModel } from '@/lib/traces-view/row-model';
import { AgentChips } from './AgentChips';
import { GuardrailInterventionsBadge } from './GuardrailInterventionsBadge';
import { RunAlertsBadge } from './RunAlertsBadge';
import { NodeTypeIcons } from './NodeTypeIcons';
import { TraceOutcomeBadge } from './TraceOutcomeBadge';
import { WIDE_ONLY } from './table-classes';

export interface TraceRowProps extends TraceRowModel {
  /** Arrived with the latest live refresh. */
  isNew: boolean;
}

const cell = 'overflow-hidden px-1.5 py-1.5 align-middle';
const num = `${cell} text-right whitespace-nowrap`;

/**
 * One run of the trace list. The run's name is the link (focusable, announced, opens in a new tab on a middle
 * click); a plain click anywhere else on the row opens the trace too, unless the reader was selecting text.
 */
function TraceRowImpl(props: TraceRowProps) {
  const router = useRouter();
  const open = (event: MouseEvent<HTMLTableRowElement>) => {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) return;
    if (event.target instanceof Element && event.target.closest('a, button')) return;
    if (window.getSelection()?.toString()) return;
    router.push(props.href);
  };
  const failed = props.outcome === 'failed' || props.outcome === 'silent-failure';
  return (
    <tr
      data-testid="trace-row"
      data-trace-id={props.traceId}
      data-outcome={props.outcome}
      onClick={open}
      className={`cursor-pointer border-b border-line last:border-b-0 hover:bg-accent-soft/50 ${
        props.isNew ? 'bg-accent-soft/70' : failed ? 'bg-error-soft/40' : ''
      }`}
    >
      <td className={`${cell} font-mono text-xs leading-tight text-muted`}>
        <time dateTime={props.startIso} title={props.startIso}>
          {props.startLabel}
        </time>
      </td>
      <td className={cell}>
        <Link
          href={props.href}
          className="block truncate font-medium text-ink hover:text-accent hover:underline"
          title={props.rootName}
          data-testid="trace-row-link"
        >
          {props.isNew && <span className="mr-1.5 rounded bg-accent px-1 text-[10px] font-semibold text-white">NEW</span>}
          {props.rootName || <span className="text-faint">(unnamed root)</span>}
        </Link>
      </td>
      <td className={cell}>
        <NodeTypeIcons nodeTypes={props.nodeTypes} />
      </td>
      <td className={`${cell} text-muted`}>
        <span className="flex items-center gap-1">
          <span className="truncate" title={props.serviceName}>
            {props.serviceName}
          </span>
          {props.otherServices > 0 && (
            <span className="shrink-0 text-xs text-faint" title={`Crossed ${props.otherServices} more service(s)`}>
              +{props.otherServices}
            </span>
          )}
        </span>
      </td>
      <td className={cell}>
        <AgentChips agents={props.agents} />
      </td>
      <td className={`${num} text-muted`}>{props.durationLabel}</td>
      <td className={`${num} ${WIDE_ONLY} text-muted`}>{props.spanCount}</td>
      <td className={`${num} ${WIDE_ONLY} text-muted`} title={props.models ? `Models: ${props.models}` : undefined}>
        {props.llmCallCount}
      </td>
      <td className={`${num} text-muted`} title={props.tokensTitle} data-testid="trace-row-tokens">
        {props.tokensLabel}
      </td>
      <td
        className={`${num} ${props.unpricedCount > 0 ? 'text-warn' : 'text-ink'}`}
        data-testid="trace-row-cost"
        title={props.unpricedCount > 0 ? `${props.unpricedCount} model call(s) have no known price; their cost is not included` : undefined}
      >
        {props.costLabel}
      </td>
      <td
        className={`${num} ${props.errorCount > 0 ? 'font-semibold text-error' : 'text-faint'}`}
        data-testid="trace-row-errors"
        aria-label={`${props.errorCount} failed span${props.errorCount === 1 ? '' : 's'}`}
      >
        {props.errorCount}
      </td>
      <td className={cell}>
        {/* Side by side when they fit; a long outcome and the guardrail and alert badges wrap rather than clip. */}
        <span className="flex flex-wrap items-center gap-1">
          <TraceOutcomeBadge outcome={props.outcome} errorCount={props.errorCount} />
          <GuardrailInterventionsBadge
            testId="trace-row-guardrails"
            verdicts={splitList(props.guardrailInterventions) as GuardrailIntervention[]}
          />
          <RunAlertsBadge rules={splitList(props.alertRules)} severity={props.alertSeverity} title={props.alertsTitle} />
        </span>
      </td>
    </tr>
  );
}

export const TraceRow = memo(TraceRowImpl);
