/**
 * Environment for every Loupe process, validated once. Defaults let one stack run with no configuration;
 * every port and the data directory can be changed so that two stacks run side by side.
 */
import { z } from 'zod';

const port = (fallback: number) => z.coerce.number().int().min(1).max(65535).default(fallback);
const optionalText = z.string().trim().min(1).optional();

const schema = z.object({
  LOUPE_HOST: z.string().default('127.0.0.1'),
  LOUPE_WEB_PORT: port(3000),
  LOUPE_OTLP_PORT: port(4318),
  LOUPE_CLICKHOUSE_PORT: port(8123),
  LOUPE_DATA_DIR: z.string().default('./data'),
  LOUPE_PUBLIC_URL: optionalText,
  LOUPE_DEFAULT_PROJECT: z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/).default('default'),
  LOUPE_MAX_BODY_BYTES: z.coerce.number().int().positive().default(64 * 1024 * 1024),
  LOUPE_BATCH_MAX_ROWS: z.coerce.number().int().positive().default(10_000),
  LOUPE_BATCH_MAX_WAIT_MS: z.coerce.number().int().nonnegative().default(200),
  /** Spans of recent traces the collector keeps to rebuild them without reading them back; 0 keeps none. */
  LOUPE_REMEMBERED_SPANS: z.coerce.number().int().nonnegative().default(100_000),
  /** Alerts: a trace is evaluated once it has been quiet (no new spans) this long; 5000 when unset. */
  LOUPE_ALERT_QUIET_MS: z.coerce.number().int().nonnegative().optional(),
  CLICKHOUSE_URL: optionalText,
  CLICKHOUSE_USER: z.string().default('default'),
  CLICKHOUSE_PASSWORD: z.string().default(''),
  CLICKHOUSE_DATABASE: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/).default('loupe'),
  CLICKHOUSE_CLUSTER: optionalText,
});

export type Env = z.infer<typeof schema>;

/** Parses the given variables (the process environment by default); throws naming every bad variable. */
export function readEnv(source: Record<string, string | undefined> = process.env): Env {
  const result = schema.safeParse(source);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`Invalid environment: ${problems.join('; ')}`);
  }
  return result.data;
}

/** The ClickHouse HTTP endpoint: an external server when CLICKHOUSE_URL is set, else the embedded one. */
export function clickhouseUrl(env: Env): string {
  return env.CLICKHOUSE_URL ?? `http://127.0.0.1:${env.LOUPE_CLICKHOUSE_PORT}`;
}

/** Base URL used in links that leave the app (alert webhooks, printed URLs). */
export function publicWebUrl(env: Env): string {
  return env.LOUPE_PUBLIC_URL ?? `http://localhost:${env.LOUPE_WEB_PORT}`;
}
