'use client';

import { useEffect, useLayoutEffect, useRef } from 'react';

/** Below the sticky page header and the table's own header. */
const HEADERS_PX = 80;

interface Anchor {
  id: string;
  top: number;
}

function firstVisibleRow(): Anchor | null {
  for (const row of document.querySelectorAll<HTMLElement>('[data-testid="trace-row"]')) {
    const top = row.getBoundingClientRect().top;
    if (top >= HEADERS_PX) return { id: row.dataset.traceId ?? '', top };
  }
  return null;
}

/**
 * Keeps the row the reader is looking at where it is when a live refresh inserts rows above it. Someone at the
 * top of the page sees new runs slide in; someone reading further down is not pushed away from the run they
 * were reading. (Browsers' own scroll anchoring does not hold here reliably, so the offset is corrected by hand.)
 */
export function useKeepRowsInPlace(rowsKey: string, enabled: boolean): void {
  const anchor = useRef<Anchor | null>(null);
  useEffect(() => {
    const record = () => {
      anchor.current = firstVisibleRow();
    };
    record();
    window.addEventListener('scroll', record, { passive: true });
    return () => window.removeEventListener('scroll', record);
  }, []);
  useLayoutEffect(() => {
    const saved = anchor.current;
    if (enabled && saved && window.scrollY > 0) {
      const row = document.querySelector(`[data-testid="trace-row"][data-trace-id="${CSS.escape(saved.id)}"]`);
      const delta = row ? row.getBoundingClientRect().top - saved.top : 0;
      if (Math.abs(delta) >= 1) window.scrollBy(0, delta);
    }
    anchor.current = firstVisibleRow();
  }, [rowsKey, enabled]);
}
