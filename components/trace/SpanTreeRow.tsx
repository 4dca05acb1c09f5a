'use client';

import { ArrowRight, ChevronDown, ChevronRight, CircleAlert, EyeOff, Server } from 'lucide-react';
import { memo, type ReactNode } from 'react';
import { NodeTypeIcon } from '@/components/NodeTypeIcon';
import type { SpanRowView } from '@/lib/trace-view/row-view';
import { NODE_TYPE_STYLE } from '@/lib/ui/node-types';
import { GuardrailBadge } from './GuardrailBadge';
import type { GuardrailVerdict } from '@/lib/span/types';
import { INDENT_PX, ROW_GRID, ROW_HEIGHT_PX } from '@/lib/trace-view/tree-layout';

export interface SpanTreeRowProps extends SpanRowView {
  index: number;
  top: number;
  selected: boolean;
  /** Named as evidence by an alert (`?highlight=`). */
  highlighted: boolean;
  /** False when a filter is on and this row is only shown as an ancestor of a match. */
  matched: boolean;
  onSelect: (id: string, index: number) => void;
  onToggle: (id: string, collapse: boolean) => void;
}

function Chip({ children, tone = 'muted', title, testId }: { children: ReactNode; tone?: 'muted' | 'error' | 'warn'; title?: string; testId?: string }) {
  const tones = {
    muted: 'border-line text-muted',
    error: 'border-error/40 bg-error-soft text-error',
    warn: 'border-warn/40 bg-warn-soft text-warn',
  };
  return (
    <span data-testid={testId} title={title} className={`shrink-0 rounded border px-1 text-[11px] leading-4 ${tones[tone]}`}>
      {children}
    </span>
  );
}

/** The type-specific facts after the name: model and finish, documents, tool arguments and status, verdict. */
function Details(p: SpanTreeRowProps) {
  switch (p.nodeType) {
    case 'llm':
    case 'embedding':
      return (
        <>
          {p.model && <span className="shrink-0 font-mono text-[11px] text-muted">{p.model}</span>}
          {p.finishReason && (
            <Chip tone={p.finishTruncated ? 'warn' : 'muted'} title={p.finishTruncated ? 'The model stopped at its output token limit: the answer is cut off' : 'Finish reason'} testId="finish-reason">
              {p.finishTruncated ? `⚠ ${p.finishReason}` : p.finishReason}
            </Chip>
          )}
        </>
      );
    case 'retrieval':
    case 'rerank':
      if (p.retrievalEmpty) {
        return (
          <Chip tone="warn" testId="retrieval-empty" title="The retrieval returned no documents: the next step ran without context">
            0 documents
          </Chip>
        );
      }
      return p.docCount === null ? null : (
        <span className="shrink-0 text-[11px] text-muted">
          {p.docCount} docs{p.topScore && ` · top ${p.topScore}`}
        </span>
      );
    case 'tool':
      return p.toolStatusLabel ? (
        <Chip tone={p.toolStatusError ? 'error' : 'muted'} title={p.errorMessage || undefined} testId="tool-status">
          {p.toolStatusLabel}
        </Chip>
      ) : null;
    case 'guardrail':
      return (
        <>
          <GuardrailBadge verdict={p.guardrailVerdict as GuardrailVerdict | ''} reason={p.guardrailReason || undefined} />
          {p.guardrailReason && <span className="min-w-0 truncate text-[11px] text-muted">{p.guardrailReason}</span>}
        </>
      );
    default:
      return null;
  }
}

function SpanTreeRowImpl(p: SpanTreeRowProps) {
  const style = NODE_TYPE_STYLE[p.nodeType];
  const background = p.selected ? 'bg-accent-soft' : p.errorOrigin ? 'bg-error-soft' : 'hover:bg-page';
  return (
    <div
      role="treeitem"
      aria-level={p.depth + 1}
      aria-selected={p.selected}
      aria-expanded={p.hasChildren ? !p.collapsed : undefined}
      data-testid="tree-row"
      data-highlighted={p.highlighted}
      data-span-id={p.id}
      data-node-type={p.nodeType}
      data-selected={p.selected}
      data-error-origin={p.errorOrigin}
      data-on-error-path={p.onErrorPath}
      data-hides-child-error={p.hidesChildError}
      data-index={p.index}
      onClick={() => p.onSelect(p.id, p.index)}
      className={`absolute left-0 right-0 cursor-pointer border-b border-line/60 ${ROW_GRID} ${background} ${p.onErrorPath ? 'shadow-[inset_3px_0_0_var(--color-error)]' : ''} ${p.matched ? '' : 'opacity-55'} ${p.highlighted ? 'outline outline-2 -outline-offset-2 outline-warn' : ''}`}
      style={{ top: p.top, height: ROW_HEIGHT_PX }}
    >
      <div className="flex min-w-0 items-center gap-1.5 overflow-hidden pr-2" style={{ paddingLeft: 8 + p.depth * INDENT_PX }}>
        {p.hasChildren ? (
          <button
            type="button"
            tabIndex={-1}
            aria-label={p.collapsed ? 'Expand' : 'Collapse'}
            onClick={(event) => {
              event.stopPropagation();
              p.onToggle(p.id, !p.collapsed);
            }}
            className="shrink-0 rounded text-muted hover:bg-line"
          >
            {p.collapsed ? <ChevronRight size={14} /> : <ChevronDown size={14} />}
          </button>
        ) : (
          <span className="w-3.5 shrink-0" />
        )}
        <NodeTypeIcon type={p.nodeType} size={12} />
        {p.agentBoundary && (
          <span className="flex shrink-0 items-center gap-0.5 rounded bg-[#f1ebfd] px-1 text-[11px] font-medium text-[#6d28d9]" title={`Control passes to agent ${p.agentBoundary}`} data-testid="agent-boundary">
            <ArrowRight size={11} aria-hidden />
            {p.agentBoundary}
          </span>
        )}
        {p.serviceBoundary && (
          <span className="flex shrink-0 items-center gap-0.5 rounded border border-line-strong px-1 text-[11px] text-muted" title={`Control passes to service ${p.serviceBoundary}`} data-testid="service-boundary">
            <ArrowRight size={11} aria-hidden />
            <Server size={11} aria-hidden />
            {p.serviceBoundary}
          </span>
        )}
        <span className={`min-w-[3rem] shrink-[0.3] truncate ${p.isError ? 'font-medium text-error' : ''}`} title={p.name}>
          {p.nodeType === 'tool' && p.toolName ? p.toolName : p.name}
        </span>
        {p.nodeType === 'agent' && p.agentName && !p.agentBoundary && !p.name.includes(p.agentName) && (
          <span className="shrink-0 text-[11px]" style={{ color: style.color }}>{p.agentName}</span>
        )}
        <Details {...p} />
        {p.errorOrigin && (
          <Chip tone="error" testId="error-origin" title={p.errorMessage || 'The first span that failed in this trace'}>
            <CircleAlert size={10} className="mr-0.5 inline" aria-hidden />
            first failure
          </Chip>
        )}
        {p.isError && !p.errorOrigin && p.nodeType !== 'tool' && (
          <CircleAlert size={13} className="shrink-0 text-error" aria-label="failed" />
        )}
        {p.missingParentId && (
          <Chip
            tone="warn"
            testId="missing-parent"
            title={`Its parent span ${p.missingParentId} has not arrived, so it is shown at the top level: the parent may still be running, or its service did not export it`}
          >
            parent missing
          </Chip>
        )}
        {p.hidesChildError && (
          <Chip tone="warn" testId="hides-child-error" title="Reports success although something below it failed">
            <EyeOff size={10} className="mr-0.5 inline" aria-hidden />
            hides failed child
          </Chip>
        )}
        {p.toolArgs && (
          <span className="min-w-0 flex-1 truncate font-mono text-[11px] text-muted" title={p.toolArgs} data-testid="tool-args">
            ({p.toolArgs})
          </span>
        )}
        {p.errorMessage && p.errorOrigin && !p.toolArgs && (
          <span className="min-w-0 flex-1 truncate text-[11px] text-error" title={p.errorMessage}>
            {p.errorMessage}
          </span>
        )}
      </div>
      <div className="truncate pr-2 text-right text-xs text-muted">{p.durationLabel}</div>
      <div className="truncate pr-2 text-right text-xs" data-testid="row-tokens" title={p.tokensTitle}>
        {p.ownTokensLabel && <span className={p.ownTokensAggregate ? 'text-faint line-through decoration-faint/50' : ''}>{p.ownTokensLabel}</span>}
        {p.subtreeTokensLabel && <span className="ml-1 text-muted">Σ {p.subtreeTokensLabel}</span>}
      </div>
      <div className="truncate pr-2 text-right text-xs" data-testid="row-cost" title={p.costTitle}>
        {p.ownCostLabel && <span className={p.ownCostLabel === 'unpriced' ? 'text-warn' : ''}>{p.ownCostLabel}</span>}
        {p.subtreeCostLabel && <span className="ml-1 text-muted">Σ {p.subtreeCostLabel}</span>}
      </div>
      <div className="relative h-full border-l border-line/60" aria-hidden>
        <div
          className="absolute top-1/2 h-2.5 -translate-y-1/2 rounded-sm"
          style={{
            left: `${p.barLeftPct}%`,
            width: `${p.barWidthPct}%`,
            backgroundColor: p.isError ? 'var(--color-error)' : style.color,
            opacity: p.barUnfinished ? 0.45 : 0.85,
          }}
        />
      </div>
    </div>
  );
}

export const SpanTreeRow = memo(SpanTreeRowImpl);
