import { formatCount, formatDurationMs, formatUsd } from '@/lib/ui/format';
import type { ApiTraceSummary } from '@/lib/span/api-types';

/** What a large trace shows while its spans load: the run's name and size, so the wait is explained. */
export function TraceLoading({ summary, error }: { summary: ApiTraceSummary; error: Error | null }) {
  return (
    <div className="flex flex-col gap-3">
      <header className="rounded-md border border-line bg-panel px-4 py-3" data-testid="trace-loading">
        <h1 className="truncate text-lg font-semibold">{summary.rootName}</h1>
        <p className="mt-1 text-sm text-muted">
          {summary.serviceName} · {formatDurationMs(summary.durationMs)} · {formatUsd(summary.costUsd, { unpriced: summary.unpricedCount })}
        </p>
      </header>
      <p className="rounded-md border border-line bg-panel p-4 text-sm text-muted" role="status">
        {error ? (
          <span className="text-error">Could not load the spans of this trace: {error.message}</span>
        ) : (
          <>Loading {formatCount(summary.spanCount)} spans…</>
        )}
      </p>
    </div>
  );
}
