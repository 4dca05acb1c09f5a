import { AlertTriangle, X } from 'lucide-react';
import { NodeTypeIcon } from '@/components/NodeTypeIcon';
import { costFact, finishReasonsOf, modelsOf, startLabel, startOffsetMs, tokenFacts } from '@/lib/span-view/facts';
import type { ApiSpan } from '@/lib/span/api-types';
import { formatDurationMs, formatTokens } from '@/lib/ui/format';
import { NODE_TYPE_STYLE } from '@/lib/ui/node-types';
import { Fact } from './Fact';

/** Who, what, how long, how much: the facts of the selected span, the error first when there is one. */
export function PanelHeader({ span, traceStartNs, onClose }: { span: ApiSpan; traceStartNs?: string; onClose?: () => void }) {
  const offset = startOffsetMs(span.startTimeUnixNano, traceStartNs);
  const models = modelsOf(span);
  const reasons = finishReasonsOf(span);
  const tokens = tokenFacts(span);
  const cost = costFact(span);
  const isError = span.statusCode === 'error';

  return (
    <header className="border-b border-line px-4 pb-3 pt-3">
      <div className="flex items-start gap-2">
        <NodeTypeIcon type={span.nodeType} size={16} />
        <div className="min-w-0 flex-1">
          <h2 data-testid="span-panel-title" className="break-words text-base font-semibold leading-tight" title={span.name}>
            {span.name}
          </h2>
          <p className="mt-0.5 text-xs text-muted">
            {NODE_TYPE_STYLE[span.nodeType].label}
            {span.operation !== '' && span.operation !== span.name && <> · {span.operation}</>}
            {span.toolName !== '' && <> · tool {span.toolName}</>}
            {span.statusCode === 'ok' && <span className="ml-1.5 rounded bg-ok-soft px-1 font-medium text-ok">OK</span>}
          </p>
        </div>
        {onClose && (
          <button
            type="button"
            onClick={onClose}
            aria-label="Close span details"
            className="rounded p-1 text-muted hover:bg-page hover:text-ink"
          >
            <X size={16} aria-hidden />
          </button>
        )}
      </div>

      {isError && (
        <div role="alert" data-testid="span-panel-error" className="mt-2 rounded border border-error/30 bg-error-soft px-2 py-1.5 text-error">
          <div className="flex items-center gap-1.5 text-xs font-semibold">
            <AlertTriangle size={13} aria-hidden />
            Error{span.errorType !== '' && <span className="font-mono font-normal">{span.errorType}</span>}
          </div>
          {span.statusMessage !== '' && <p className="mt-0.5 whitespace-pre-wrap break-words text-xs">{span.statusMessage}</p>}
        </div>
      )}

      <dl className="mt-2 grid grid-cols-[max-content_1fr] gap-x-3 gap-y-0.5 text-xs">
        <Fact label="Duration">{formatDurationMs(span.durationMs)}</Fact>
        <Fact label="Start">
          <span title={span.startTime}>{startLabel(offset, span.startTime)}</span>
        </Fact>
        <Fact label="Service">{span.serviceName || '—'}</Fact>
        {span.agentName !== '' && <Fact label="Agent">{span.agentName}</Fact>}
        {models.length > 0 && (
          <Fact label={models.length > 1 ? 'Models' : 'Model'}>
            <span className="font-mono">{models.join(' → ')}</span>
            {span.provider !== '' && <span className="text-muted"> ({span.provider})</span>}
          </Fact>
        )}
        {reasons.length > 0 && (
          <Fact label="Finish">
            {reasons.map((r, i) => (
              <span
                key={i}
                data-testid="finish-reason"
                data-truncated={r.truncated}
                title={r.truncated ? 'The answer was cut off at the output token limit' : undefined}
                className={`mr-1 rounded px-1 font-mono ${r.truncated ? 'bg-warn-soft font-semibold text-warn' : 'bg-page'}`}
              >
                {r.reason}
                {r.truncated && ' (cut off)'}
              </span>
            ))}
          </Fact>
        )}
        {tokens.length > 0 && (
          <Fact label="Tokens">
            <span data-testid="span-panel-tokens" className={span.usageIsAggregate ? 'text-muted' : undefined}>
              {tokens.map((t, i) => (
                <span key={t.key} title={`${t.value.toLocaleString('en-US')} ${t.label} tokens`}>
                  {i > 0 && <span className="text-faint"> · </span>}
                  {formatTokens(t.value)} {t.label}
                </span>
              ))}
            </span>
          </Fact>
        )}
        {cost && (
          <Fact label="Cost">
            <span data-testid="span-panel-cost" data-cost-source={cost.source}>
              <span className={cost.tone === 'unpriced' ? 'font-semibold text-warn' : 'font-semibold'}>{cost.label}</span>
              <span className="text-muted"> · {cost.sourceLabel}</span>
            </span>
          </Fact>
        )}
      </dl>
      {span.usageIsAggregate && tokens.length > 0 && (
        <p data-testid="span-panel-aggregate-note" className="mt-1.5 text-xs text-muted">
          This usage repeats the model calls below this span: shown here, not counted again in any total.
        </p>
      )}
    </header>
  );
}
