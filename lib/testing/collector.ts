/**
 * A collector running in the test process against a test database, with settings that make tests quick
 * (short batch wait, frequent health probe).
 */
import { startCollector, type CollectorOptions, type RunningCollector } from '../../collector/collector';
import type { TestDatabase } from './clickhouse';

export type TestCollector = RunningCollector;

export function startTestCollector(db: TestDatabase, overrides: Partial<CollectorOptions> = {}): Promise<TestCollector> {
  return startCollector({
    clickhouse: { url: db.url, username: 'default', password: '', database: db.database },
    host: '127.0.0.1',
    port: 0,
    defaultProject: 'default',
    maxBodyBytes: 4 * 1024 * 1024,
    maxBatchSpans: 5_000,
    maxWaitMs: 20,
    healthIntervalMs: 200,
    log: () => undefined,
    ...overrides,
  });
}
