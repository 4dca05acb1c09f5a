import { TriangleAlert } from 'lucide-react';
import type { SilentFailure } from '@/lib/trace-view/trace-facts';

/**
 * The run reported success while something inside it failed: the most dangerous outcome, because nothing else
 * on the page (or in the caller) says so. Shown above the tree with a direct link to the failing span.
 */
export function SilentFailureWarning({ failure, onOpen }: { failure: SilentFailure; onOpen: (spanId: string) => void }) {
  return (
    <div role="alert" data-testid="silent-failure-warning" className="flex items-start gap-2 rounded-md border border-error/50 bg-error-soft px-3 py-2 text-sm">
      <TriangleAlert size={16} className="mt-0.5 shrink-0 text-error" aria-hidden />
      <div className="min-w-0">
        <span className="font-semibold text-error">Silent failure: </span>
        <span>
          {failure.rootName} reported success, but {failure.errorCount === 1 ? 'a span' : `${failure.errorCount} spans`} inside it failed.
          First failure:{' '}
        </span>
        <a
          href={`?span=${failure.spanId}`}
          onClick={(event) => {
            event.preventDefault();
            onOpen(failure.spanId);
          }}
          className="font-medium text-error underline"
          data-testid="silent-failure-link"
        >
          {failure.spanName}
        </a>
        {failure.message && <span className="text-muted"> — {failure.message}</span>}
      </div>
    </div>
  );
}
