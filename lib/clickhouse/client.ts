/**
 * The one way Loupe reaches ClickHouse: `@clickhouse/client` over HTTP, whether the server is the embedded
 * engine or a real server or cluster.
 */
import { ClickHouseLogLevel, createClient, type ClickHouseClient } from '@clickhouse/client';
import { clickhouseUrl, type Env } from '../env';

export type { ClickHouseClient };

export interface ClickHouseConfig {
  url: string;
  username: string;
  password: string;
  /** The Loupe database; queries name it explicitly, so a client may also be opened without it. */
  database: string;
  cluster?: string;
}

export function clickhouseConfig(env: Env): ClickHouseConfig {
  return {
    url: clickhouseUrl(env),
    username: env.CLICKHOUSE_USER,
    password: env.CLICKHOUSE_PASSWORD,
    database: env.CLICKHOUSE_DATABASE,
    cluster: env.CLICKHOUSE_CLUSTER,
  };
}

export function createClickHouse(config: ClickHouseConfig, options: { withDatabase?: boolean } = {}): ClickHouseClient {
  return createClient({
    url: config.url,
    username: config.username,
    password: config.password,
    database: options.withDatabase === false ? undefined : config.database,
    request_timeout: 60_000,
    // Connection failures surface as our Unavailable errors with their cause; the client's own warnings would
    // repeat each one on stderr.
    log: { level: ClickHouseLogLevel.ERROR },
    clickhouse_settings: {
      // Integers wider than 2^53 (nanosecond times) arrive as strings and are parsed exactly.
      output_format_json_quote_64bit_integers: 1,
      // A page that closes its tab stops its query instead of leaving it running.
      cancel_http_readonly_queries_on_client_close: 1,
    },
  });
}
