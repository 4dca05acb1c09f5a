/**
 * Retry schedule for webhook deliveries: exponential (base, 2×base, 4×base …) and capped, with no limit on the
 * number of attempts, because an alert must reach a receiver that is down for an hour once it comes back.
 */

export interface BackoffOptions {
  /** Delay after the first failed attempt. */
  baseMs: number;
  /** No wait is longer than this. */
  maxMs: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 1_000, maxMs: 5 * 60_000 };

/** The wait after `failedAttempts` failures (1 → base). */
export function backoffDelayMs(failedAttempts: number, options: BackoffOptions = DEFAULT_BACKOFF): number {
  const n = Math.max(1, Math.floor(failedAttempts));
  // 2^30 × base already exceeds any sensible cap; clamping the exponent keeps the product finite.
  const delay = options.baseMs * 2 ** Math.min(n - 1, 30);
  return Math.min(Math.max(0, options.maxMs), Math.max(0, delay));
}
