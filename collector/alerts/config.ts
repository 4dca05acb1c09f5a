/**
 * Settings of the alert runner and the delivery worker. The process takes them from the environment; tests pass
 * short intervals and a fast backoff.
 */
import { DEFAULT_BACKOFF, type BackoffOptions } from '../../lib/alerts/backoff';
import { publicWebUrl, readEnv } from '../../lib/env';

export interface AlertOptions {
  /** A trace is evaluated once it has received no spans for this long. */
  quietMs: number;
  /** How often the windowed (rate) rules run. */
  windowIntervalMs: number;
  /**
   * At start, traces updated within quietMs + this margin are evaluated again, so a trace whose evaluation a
   * restart interrupted is not forgotten. Fingerprints make the repeat harmless.
   */
  resumeMarginMs: number;
  /** Base of the links in webhook bodies. */
  publicUrl: string;
  delivery: {
    /**
     * How often due deliveries are looked for while there are some (new alerts and scheduled retries also wake the
     * worker at once). Each look that finds nothing doubles the wait, up to `idlePollMaxMs`.
     */
    pollMs: number;
    /** The longest wait of an idle worker: deliveries another collector left are found within it. */
    idlePollMaxMs: number;
    backoff: BackoffOptions;
    /** Per request to a receiver. */
    timeoutMs: number;
    /** Deliveries picked up per round. */
    batchSize: number;
    /**
     * After claiming deliveries, a worker waits this long and reads the claims back; only the deliveries it still
     * holds are sent, so two collectors that picked up the same delivery do not both post it.
     */
    claimSettleMs: number;
  };
}

export const WINDOW_LOOKBACK_MS = 8 * 24 * 60 * 60 * 1000;

export function defaultAlertOptions(overrides: Partial<Omit<AlertOptions, 'delivery'>> & { delivery?: Partial<AlertOptions['delivery']> } = {}): AlertOptions {
  return {
    quietMs: 5_000,
    windowIntervalMs: 60_000,
    resumeMarginMs: 10 * 60_000,
    publicUrl: 'http://localhost:3000',
    ...overrides,
    delivery: { pollMs: 1_000, idlePollMaxMs: 10_000, backoff: DEFAULT_BACKOFF, timeoutMs: 10_000, batchSize: 50, claimSettleMs: 100, ...overrides.delivery },
  };
}

export function alertOptionsFromEnv(source: Record<string, string | undefined> = process.env): AlertOptions {
  const env = readEnv(source);
  return defaultAlertOptions({
    ...(env.LOUPE_ALERT_QUIET_MS !== undefined ? { quietMs: env.LOUPE_ALERT_QUIET_MS } : {}),
    publicUrl: publicWebUrl(env),
  });
}
