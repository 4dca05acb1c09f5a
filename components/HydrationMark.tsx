'use client';

import { useEffect } from 'react';

/**
 * Marks the page interactive (`<html data-hydrated>`) once React has hydrated it. Rendered last in the layout, so
 * its effect runs after every component before it has mounted. A select changed before that is reset by hydration
 * without an onChange; the end-to-end tests wait for this mark before they touch a page.
 */
export function HydrationMark() {
  useEffect(() => {
    document.documentElement.dataset.hydrated = 'true';
  }, []);
  return null;
}
