import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../testing/clickhouse';
import { insertRows } from './insert';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
  await db.client.command({
    query: `CREATE TABLE ${db.database}.rows (id UInt32, name String, tags Array(String), attrs Map(String, String), score Nullable(Float64), note String DEFAULT 'none') ENGINE = MergeTree ORDER BY id`,
  });
});
afterAll(async () => {
  await db?.drop();
});

describe('insertRows', () => {
  it('writes every value of every row to the column of its key, whatever the key order of the table', async () => {
    await insertRows(db.client, `${db.database}.rows`, [
      { score: 0.5, attrs: { a: '1' }, tags: ['x', 'y'], name: 'first', id: 1 },
      { score: null, attrs: {}, tags: [], name: 'second "quoted"', id: 2 },
    ]);
    const result = await db.client.query({ query: `SELECT * FROM ${db.database}.rows ORDER BY id`, format: 'JSONEachRow' });
    expect(await result.json()).toEqual([
      { id: 1, name: 'first', tags: ['x', 'y'], attrs: { a: '1' }, score: 0.5, note: 'none' },
      { id: 2, name: 'second "quoted"', tags: [], attrs: {}, score: null, note: 'none' },
    ]);
  });

  it('refuses a row whose keys are not those of the first, and writes nothing of the batch', async () => {
    await expect(
      insertRows(db.client, `${db.database}.rows`, [
        { id: 3, name: 'third' },
        { id: 4, name: 'fourth', score: 1 },
      ]),
    ).rejects.toThrow(/A row has 3 values for 2 columns \(id, name\)/);
  });

  it('does nothing for no rows', async () => {
    await insertRows(db.client, `${db.database}.rows`, []);
    const result = await db.client.query({ query: `SELECT count() AS n FROM ${db.database}.rows`, format: 'JSONEachRow' });
    const [row] = await result.json<{ n: string | number }>();
    expect(Number(row?.n)).toBe(2);
  });
});
