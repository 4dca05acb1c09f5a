/**
 * Alerting inside the collector: the runner (evaluates rules, stores alert state, enqueues deliveries) and the
 * delivery worker (sends them), wired so that new deliveries wake the worker at once.
 */
import type { ClickHouseClient } from '@clickhouse/client';
import type { AlertingMetrics } from '../metrics';
import type { AlertOptions } from './config';
import { DeliveryWorker } from './delivery-worker';
import { AlertRunner } from './runner';

export { alertOptionsFromEnv, defaultAlertOptions, type AlertOptions } from './config';

export interface Alerting {
  runner: AlertRunner;
  worker: DeliveryWorker;
  start(): Promise<void>;
  stop(): Promise<void>;
}

export function createAlerting(deps: {
  client: ClickHouseClient;
  database: string;
  options: AlertOptions;
  log: (message: string) => void;
  metrics?: AlertingMetrics;
}): Alerting {
  const worker = new DeliveryWorker(deps);
  const runner = new AlertRunner({ ...deps, onEnqueued: () => worker.kick() });
  return {
    runner,
    worker,
    async start() {
      await runner.start();
      worker.start();
    },
    async stop() {
      await runner.stop();
      await worker.stop();
    },
  };
}
