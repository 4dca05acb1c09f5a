import { memo } from 'react';

/** One retrieved document: rank, id, a score bar and the start of its text. */
export const DocumentRow = memo(function DocumentRow({
  rank,
  id,
  score,
  scoreFraction,
  preview,
  metadata,
}: {
  rank: number;
  id: string;
  score: number | null;
  scoreFraction: number;
  preview: string;
  metadata: string;
}) {
  return (
    <li data-testid="document" data-document-id={id} className="px-2 py-1.5 text-xs">
      <div className="flex items-center gap-2">
        <span className="w-5 shrink-0 text-right text-faint">{rank}</span>
        <span className="min-w-0 flex-1 truncate font-mono" title={id}>
          {id}
        </span>
        <span className="flex w-28 shrink-0 items-center gap-1.5" title={score === null ? 'no score' : `score ${score}`}>
          <span className="h-1.5 flex-1 overflow-hidden rounded bg-line" aria-hidden>
            <span className="block h-full rounded bg-warn" style={{ width: `${Math.round(scoreFraction * 100)}%` }} />
          </span>
          <span className="w-10 text-right tabular-nums">{score === null ? '—' : score.toFixed(3)}</span>
        </span>
      </div>
      {preview !== '' && <p className="ml-7 mt-0.5 whitespace-pre-wrap break-words text-muted">{preview}</p>}
      {metadata !== '' && (
        <details className="ml-7 mt-0.5">
          <summary className="cursor-pointer text-faint">metadata</summary>
          <pre className="mt-0.5 whitespace-pre-wrap break-words rounded bg-page p-1 font-mono">{metadata}</pre>
        </details>
      )}
    </li>
  );
});
