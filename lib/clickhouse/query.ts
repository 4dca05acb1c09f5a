/**
 * The query wrapper: every read goes through `selectRows`, which tags the query (so it can be found in
 * system.query_log), passes the caller's abort signal to ClickHouse, parses every row with a zod schema
 * (rows are parsed, never cast) and turns failures into our typed errors with the cause attached.
 */
import type { ClickHouseClient } from '@clickhouse/client';
import type { z } from 'zod';
import { StorageError, Unavailable } from '../errors';

export interface SelectOptions<Row extends z.ZodType> {
  client: ClickHouseClient;
  /** A short stable name for the query, e.g. 'traces.list'. */
  tag: string;
  sql: string;
  params?: Record<string, unknown>;
  row: Row;
  signal?: AbortSignal;
}

export async function selectRows<Row extends z.ZodType>(options: SelectOptions<Row>): Promise<z.infer<Row>[]> {
  const { client, tag, sql, params, row, signal } = options;
  // The client does not notice a signal that was aborted before the request starts.
  signal?.throwIfAborted();
  let raw: unknown[];
  try {
    const result = await client.query({
      query: sql,
      format: 'JSONEachRow',
      query_params: params,
      abort_signal: signal,
      clickhouse_settings: { log_comment: `loupe:${tag}` },
    });
    raw = await result.json();
  } catch (error) {
    throw asStorageFailure(error, tag);
  }
  return raw.map((value, index) => {
    const parsed = row.safeParse(value);
    if (!parsed.success) {
      throw new StorageError(`Query ${tag} returned an unexpected row ${index}: ${parsed.error.message}`, tag);
    }
    return parsed.data;
  });
}

/** Runs a statement that returns no rows (DDL, INSERT … SELECT). */
export async function runCommand(
  client: ClickHouseClient,
  tag: string,
  sql: string,
  params?: Record<string, unknown>,
): Promise<void> {
  try {
    await client.command({ query: sql, query_params: params, clickhouse_settings: { log_comment: `loupe:${tag}` } });
  } catch (error) {
    throw asStorageFailure(error, tag);
  }
}

const CONNECTION_FAILURES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND']);

/** True when ClickHouse could not be reached at all, as opposed to answering with an error. */
export function isConnectionFailure(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current instanceof Error; depth++) {
    const code = (current as NodeJS.ErrnoException).code;
    if (code && CONNECTION_FAILURES.has(code)) return true;
    if (/socket hang up|ECONNREFUSED|Timeout error/i.test(current.message)) return true;
    current = current.cause;
  }
  return false;
}

export function asStorageFailure(error: unknown, tag: string): Error {
  if (error instanceof StorageError || error instanceof Unavailable) return error;
  if (error instanceof Error && error.name === 'AbortError') return error;
  const message = error instanceof Error ? error.message : String(error);
  if (isConnectionFailure(error)) {
    return new Unavailable(`ClickHouse is unreachable (${tag}): ${message}`, 5, { cause: error });
  }
  return new StorageError(`ClickHouse query ${tag} failed: ${message}`, tag, { cause: error });
}
