'use client';

import Link from 'next/link';
import { useEffect } from 'react';

/** The trace could not be loaded (ClickHouse unreachable, a query failed); the digest matches the server log. */
export default function TraceError({ error, retry }: { error: unknown; retry: () => void }) {
  useEffect(() => {
    console.error(error);
  }, [error]);
  const digest = error instanceof Error && 'digest' in error && typeof error.digest === 'string' ? error.digest : null;
  return (
    <section role="alert" className="mx-auto mt-16 max-w-md text-center" data-testid="trace-error">
      <h1 className="text-lg font-semibold text-error">This trace could not be loaded</h1>
      <p className="mt-2 text-muted">The trace store did not answer as expected. If ClickHouse was restarting, trying again helps.</p>
      {digest && <p className="mt-2 font-mono text-xs text-faint">Error digest: {digest}</p>}
      <div className="mt-4 flex justify-center gap-3">
        <button
          type="button"
          onClick={() => retry()}
          className="rounded-md border border-line-strong bg-panel px-3 py-1.5 hover:bg-page"
        >
          Try again
        </button>
        <Link href="/traces" className="px-3 py-1.5 text-accent hover:underline">
          Back to traces
        </Link>
      </div>
    </section>
  );
}
