/**
 * Keeps the collector's copy of every project's price overrides current: loaded once before the collector accepts
 * spans, then again every `intervalMs`, so an override saved in the UI prices new spans within seconds without a
 * read per request. A failed reload keeps the last list (and logs why): pricing with slightly old overrides beats
 * refusing spans while ClickHouse is briefly unreachable.
 */
import type { ClickHouseClient } from '@clickhouse/client';
import type { PriceOverride } from '../lib/pricing';
import { listPriceOverrides } from '../lib/queries/price-overrides';

export interface PriceOverrideLoader {
  current(): readonly PriceOverride[];
  /** Loads now; resolves when done (used at start and by tests). */
  reload(): Promise<void>;
  stop(): void;
}

export async function startPriceOverrideLoader(options: {
  client: ClickHouseClient;
  database: string;
  intervalMs?: number;
  log: (message: string) => void;
}): Promise<PriceOverrideLoader> {
  let overrides: readonly PriceOverride[] = [];
  let failing = false;
  const reload = async () => {
    try {
      overrides = await listPriceOverrides(options.client, options.database, null);
      if (failing) options.log('collector: price overrides loaded again');
      failing = false;
    } catch (error) {
      if (!failing) {
        options.log(`collector: could not load price overrides, keeping the last ${overrides.length}: ${String(error)}`);
      }
      failing = true;
    }
  };
  await reload();
  const timer = setInterval(() => void reload(), options.intervalMs ?? 10_000);
  timer.unref();
  return { current: () => overrides, reload, stop: () => clearInterval(timer) };
}
