/**
 * Inserts. The collector's span and content rows go as RowBinary (`insertRowBinary`), which costs ClickHouse about
 * a quarter less CPU than JSON rows (bench/span-insert); the small derived tables go as JSONCompactEachRow
 * (`insertRows`), where the column names are sent once instead of once per row.
 *
 * Both send one body through `exec` with the data as a stream, the way `@clickhouse/client` documents custom
 * inserts, so no intermediate array or per-row string copy is made by the client.
 */
import { Readable } from 'node:stream';
import type { ClickHouseClient } from '@clickhouse/client';
import type { RowBinaryRows } from './row-binary';

export async function insertRowBinary<Row>(client: ClickHouseClient, table: string, rows: RowBinaryRows<Row>): Promise<void> {
  if (rows.length === 0) return;
  await insertBody(client, `INSERT INTO ${table} (${rows.columnNames.join(', ')}) FORMAT RowBinary`, rows.body());
}

/**
 * Rows of one shape: every row must have the keys of the first, in the same order — true of rows made by one
 * converter or object literal. Values are taken in key order (`Object.values`), about twice as fast as looking each
 * column up by name; a row of another shape fails the insert naming the columns instead of shifting values.
 */
export async function insertRows(client: ClickHouseClient, table: string, rows: readonly object[]): Promise<void> {
  const first = rows[0];
  if (first === undefined) return;
  const columns = Object.keys(first);
  const lines = rows.map((row) => {
    const values = Object.values(row);
    if (values.length !== columns.length) {
      throw new Error(`A row has ${values.length} values for ${columns.length} columns (${columns.join(', ')})`);
    }
    return JSON.stringify(values);
  });
  await insertBody(client, `INSERT INTO ${table} (${columns.join(', ')}) FORMAT JSONCompactEachRow`, Buffer.from(lines.join('\n')));
}

async function insertBody(client: ClickHouseClient, query: string, body: Buffer): Promise<void> {
  const result = await client.exec({ query, values: Readable.from([body]) });
  // The answer of an insert is empty; reading it to the end returns the connection to the pool.
  for await (const chunk of result.stream) void chunk;
}
