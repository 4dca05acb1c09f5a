import { httpStatusOf } from '@/lib/span-view/facts';
import { prettyJson } from '@/lib/span-view/pretty-json';
import type { ApiSpan } from '@/lib/span/api-types';
import type { SpanContent } from '@/lib/span/types';
import { JsonBlock } from './JsonBlock';
import { PanelSection } from './PanelSection';

/**
 * What the tool was called with and what it returned. A failed call (error status or HTTP ≥ 400) says so
 * above the JSON, since the result of a failed call is usually empty and the reason lives elsewhere.
 */
export function ToolCallSection({ span, content, loading }: { span: ApiSpan; content: SpanContent | undefined; loading: boolean }) {
  const status = httpStatusOf(span.attributes);
  const httpFailed = status !== null && status >= 400;
  const failed = span.statusCode === 'error' || httpFailed;
  // Without content (not captured, or it failed to load), the short preview on the span still shows the call.
  const args = content ? prettyJson(content.toolArguments) : prettyJson(span.toolArgumentsPreview);
  const result = prettyJson(content?.toolResult);
  return (
    <PanelSection
      testId="panel-tool-call"
      title="Tool call"
      tone={failed ? 'error' : 'normal'}
      note={
        <>
          <span className="font-mono">{span.toolName || span.name}</span>
          {status !== null && <span className={httpFailed ? 'font-semibold text-error' : undefined}> · HTTP {status}</span>}
        </>
      }
    >
      {failed && (
        <p data-testid="tool-call-failed" role="status" className="mb-2 rounded border border-error/30 bg-error-soft px-2 py-1 text-xs text-error">
          <span className="font-semibold">
            {httpFailed ? `Failed with HTTP ${status}` : 'Failed'}
            {span.errorType !== '' && span.errorType !== String(status) && ` · ${span.errorType}`}
          </span>
          {span.statusMessage !== '' && <span className="break-words"> — {span.statusMessage}</span>}
        </p>
      )}
      <div className="flex flex-col gap-2">
        {span.toolCallId !== '' && (
          <p className="text-xs text-muted">
            call id <span className="font-mono">{span.toolCallId}</span>
          </p>
        )}
        {loading ? <p className="text-xs text-faint">Loading arguments…</p> : <JsonBlock value={args} label="Arguments" />}
        {!loading && <JsonBlock value={result} label="Result" tone={failed ? 'error' : 'normal'} />}
      </div>
    </PanelSection>
  );
}
