'use client';

import { useSyncExternalStore } from 'react';

const never = () => () => {};

/**
 * The zone to show times in: UTC while rendering on the server and hydrating (the server cannot know the
 * reader's zone, and the hydrated HTML must match it), the browser's own zone from then on. Without this, every
 * time on the page would be a hydration mismatch for anyone outside the server's zone.
 */
export function useReaderTimeZone(): string | undefined {
  const hydrated = useSyncExternalStore(
    never,
    () => true,
    () => false,
  );
  return hydrated ? undefined : 'UTC';
}
