'use client';

import { formatTimeOfDay } from '@/lib/traces-view/row-model';

interface Props {
  shown: number;
  failed: number;
  /** "in the last hour", or "between … and …". */
  rangePhrase: string;
  hasMore: boolean;
  loadingMore: boolean;
  onLoadMore: () => void;
  live: boolean;
  /** When the list was last fetched (epoch ms), 0 before the first fetch. */
  updatedAt: number;
  timeZone: string | undefined;
}

/** Below the list: how much of the range is shown, the next page, and when live mode last refreshed. */
export function TracesFooter({ shown, failed, rangePhrase, hasMore, loadingMore, onLoadMore, live, updatedAt, timeZone }: Props) {
  return (
    <div className="flex flex-wrap items-center justify-between gap-2 text-xs text-muted">
      <p data-testid="traces-count">
        {hasMore ? `First ${shown} runs` : `All ${shown} run${shown === 1 ? '' : 's'}`} {rangePhrase}
        {failed > 0 && (
          <>
            {' · '}
            <span className="font-medium text-error">{failed} with failures</span>
            {hasMore && ' among them'}
          </>
        )}
        {live && updatedAt > 0 && <span className="ml-2 text-ok">· live, updated {formatTimeOfDay(updatedAt, timeZone)}</span>}
      </p>
      {hasMore && (
        <button
          type="button"
          data-testid="load-more"
          onClick={onLoadMore}
          disabled={loadingMore}
          className="rounded-md border border-line-strong bg-panel px-3 py-1 text-xs font-medium text-ink hover:bg-page disabled:opacity-60"
        >
          {loadingMore ? 'Loading…' : 'Load more'}
        </button>
      )}
    </div>
  );
}
