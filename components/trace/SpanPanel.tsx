'use client';

import { useQuery } from '@tanstack/react-query';
import { spanContentQuery } from '@/lib/api-client/span-content';
import { traceDetailQuery } from '@/lib/api-client/trace';
import { panelSections } from '@/lib/span-view/facts';
import type { ApiSpan } from '@/lib/span/api-types';
import { AttributesSection } from './panel/AttributesSection';
import { DocumentsSection } from './panel/DocumentsSection';
import { EvaluationsSection } from './panel/EvaluationsSection';
import { EventsSection } from './panel/EventsSection';
import { GuardrailSection } from './panel/GuardrailSection';
import { LinksSection } from './panel/LinksSection';
import { MessagesSection } from './panel/MessagesSection';
import { PanelHeader } from './panel/PanelHeader';
import { ToolCallSection } from './panel/ToolCallSection';

/**
 * Everything about the selected span. The span itself (from the trace) renders at once; its content (messages,
 * tool arguments and results, documents) loads separately, and a failure to load it is reported in place
 * without hiding the sections the span alone can fill.
 */
export function SpanPanel({
  traceId,
  span,
  onSelectSpan,
  onClose,
}: {
  traceId: string;
  span: ApiSpan;
  onSelectSpan?: (spanId: string) => void;
  onClose?: () => void;
}) {
  const content = useQuery(spanContentQuery(traceId, span.spanId));
  // Shares the page's cached trace; only the start time is needed, for the span's offset into the run.
  const traceStart = useQuery({ ...traceDetailQuery(traceId), select: (detail) => detail.trace.startTimeUnixNano });
  const sections = panelSections(span, content.data);

  return (
    <aside
      data-testid="span-panel"
      data-span-id={span.spanId}
      aria-label={`Span ${span.name}`}
      className="flex h-full min-h-0 flex-col bg-panel"
    >
      <PanelHeader span={span} traceStartNs={traceStart.data} onClose={onClose} />
      <div className="min-h-0 flex-1 overflow-y-auto">
        {content.isPending && (
          <p data-testid="span-content-loading" role="status" className="border-b border-line px-4 py-2 text-xs text-muted">
            Loading content…
          </p>
        )}
        {content.isError && (
          <div data-testid="span-content-error" role="alert" className="flex items-center gap-2 border-b border-line bg-error-soft px-4 py-2 text-xs text-error">
            <span className="min-w-0 flex-1 break-words">Content could not be loaded: {content.error.message}</span>
            <button type="button" onClick={() => void content.refetch()} className="rounded border border-error/40 px-2 py-0.5 hover:bg-panel">
              Retry
            </button>
          </div>
        )}
        {sections.guardrail && <GuardrailSection span={span} />}
        {sections.messages && content.data && <MessagesSection content={content.data} />}
        {sections.toolCall && <ToolCallSection span={span} content={content.data} loading={content.isPending} />}
        {sections.documents && <DocumentsSection span={span} content={content.data} />}
        {sections.evaluations && <EvaluationsSection evaluations={span.evaluations} />}
        {sections.events && <EventsSection span={span} />}
        {sections.links && <LinksSection span={span} onSelectSpan={onSelectSpan} />}
        <AttributesSection testId="panel-attributes" title="Attributes" attributes={span.attributes} />
        {sections.resource && (
          <AttributesSection testId="panel-resource" title="Resource" attributes={span.resourceAttributes} defaultOpen={false} />
        )}
        <p className="px-4 py-2 font-mono text-[11px] text-faint">
          span {span.spanId}
          {span.parentSpanId !== '' && ` · parent ${span.parentSpanId}${span.parentIsRemote ? ' (remote)' : ''}`} · {span.kind} ·{' '}
          {span.scopeName || 'no scope'}
        </p>
      </div>
    </aside>
  );
}
