import { eventRows } from '@/lib/span-view/events';
import type { ApiSpan } from '@/lib/span/api-types';
import { formatDurationMs } from '@/lib/ui/format';
import { PanelSection } from './PanelSection';
import { KeyValueList } from './KeyValueList';

/** The span's events in time order, offsets from the span's start; exceptions in red with the stack folded. */
export function EventsSection({ span }: { span: ApiSpan }) {
  const rows = eventRows(span);
  const exceptions = rows.filter((row) => row.isException).length;
  return (
    <PanelSection
      testId="panel-events"
      title="Events"
      tone={exceptions > 0 ? 'error' : 'normal'}
      note={exceptions > 0 ? `${rows.length} · ${exceptions} exception${exceptions > 1 ? 's' : ''}` : `${rows.length}`}
    >
      <ol className="relative flex flex-col gap-1.5 border-l border-line pl-3">
        {rows.map((row) => (
          <li key={row.key} data-testid="event" data-exception={row.isException} className="text-xs">
            <span aria-hidden className={`absolute -left-[3.5px] mt-1 h-1.5 w-1.5 rounded-full ${row.isException ? 'bg-error' : 'bg-line-strong'}`} />
            <div className="flex items-baseline gap-2">
              <span className="w-16 shrink-0 tabular-nums text-muted">{row.offsetMs === null ? '—' : `+${formatDurationMs(row.offsetMs)}`}</span>
              <span className={`font-mono font-semibold ${row.isException ? 'text-error' : ''}`}>{row.name}</span>
            </div>
            {row.isException && (row.exceptionType !== '' || row.exceptionMessage !== '') && (
              <p className="ml-[4.5rem] whitespace-pre-wrap break-words text-error">
                {row.exceptionType !== '' && <span className="font-mono font-semibold">{row.exceptionType}: </span>}
                {row.exceptionMessage}
              </p>
            )}
            {row.stacktrace !== '' && (
              <details className="ml-[4.5rem]">
                <summary className="cursor-pointer text-muted">Stack trace · {row.stacktrace.split('\n').length} lines</summary>
                <pre className="mt-0.5 max-h-72 overflow-auto whitespace-pre-wrap break-words rounded bg-page p-1.5 font-mono">{row.stacktrace}</pre>
              </details>
            )}
            <KeyValueList pairs={row.attributes} className="ml-[4.5rem]" />
          </li>
        ))}
      </ol>
    </PanelSection>
  );
}
