'use client';

import { useEffect } from 'react';

/**
 * A page that failed to render. Server errors arrive with only a digest (their message stays on the server), so
 * the digest is shown: it is what to search for in the server log.
 */
export default function ErrorPage({ error, retry }: { error: unknown; retry: () => void }) {
  useEffect(() => {
    console.error(error);
  }, [error]);
  const digest = error instanceof Error && 'digest' in error && typeof error.digest === 'string' ? error.digest : null;
  return (
    <section role="alert" className="mx-auto mt-16 max-w-md text-center">
      <h1 className="text-lg font-semibold text-error">Something went wrong</h1>
      <p className="mt-2 text-muted">This page could not be shown. If ClickHouse was restarting, trying again helps.</p>
      {digest && <p className="mt-2 font-mono text-xs text-faint">Error digest: {digest}</p>}
      <button
        type="button"
        onClick={() => retry()}
        className="mt-4 rounded-md border border-line-strong bg-panel px-3 py-1.5 hover:bg-page"
      >
        Try again
      </button>
    </section>
  );
}
