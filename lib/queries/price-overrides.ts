/**
 * `price_overrides`: per-project prices that replace the catalog's. A row is never updated in place: an edit or a
 * delete is a newer version of the same id (ReplacingMergeTree(updated_at)), read with FINAL, and a deleted
 * override is a version with `deleted = 1`, so its history stays in the table until merges drop it.
 */
import { randomUUID } from 'node:crypto';
import type { ClickHouseClient } from '@clickhouse/client';
import { z } from 'zod';
import { BadRequest, NotFound } from '../errors';
import { table } from '../clickhouse/migrations/ddl';
import { selectRows } from '../clickhouse/query';
import { lookupModelPrice, validatePriceOverride, type PriceOverride } from '../pricing';
import type { ApiPriceOverride } from '../costs/types';

const num = z.coerce.number();
const nullableNum = z.union([z.null(), z.coerce.number()]);

const overrideRow = z.object({
  project_id: z.string(),
  id: z.string(),
  provider: z.string(),
  model: z.string(),
  input_per_mtok: num,
  output_per_mtok: num,
  cache_read_per_mtok: nullableNum,
  cache_write_per_mtok: nullableNum,
  reasoning_per_mtok: nullableNum,
  effective_from_ms: z.union([z.null(), z.coerce.number()]),
  created_at_ms: num,
});
type OverrideRow = z.infer<typeof overrideRow>;

const COLUMNS = `project_id, id, provider, model, input_per_mtok, output_per_mtok, cache_read_per_mtok,
  cache_write_per_mtok, reasoning_per_mtok, toUnixTimestamp64Milli(effective_from) AS effective_from_ms,
  toUnixTimestamp64Milli(created_at) AS created_at_ms`;

export interface StoredPriceOverride extends PriceOverride {
  id: string;
  createdAt: Date;
}

function rowToOverride(r: OverrideRow): StoredPriceOverride {
  return {
    id: r.id,
    projectId: r.project_id,
    provider: r.provider,
    model: r.model,
    inputPerMTok: r.input_per_mtok,
    outputPerMTok: r.output_per_mtok,
    cacheReadPerMTok: r.cache_read_per_mtok,
    cacheWritePerMTok: r.cache_write_per_mtok,
    reasoningPerMTok: r.reasoning_per_mtok,
    effectiveFrom: r.effective_from_ms === null ? null : new Date(r.effective_from_ms),
    createdAt: new Date(r.created_at_ms),
  };
}

/** The current overrides of one project, or of every project when `projectId` is null (the collector's view). */
export async function listPriceOverrides(
  client: ClickHouseClient,
  database: string,
  projectId: string | null,
  options: { signal?: AbortSignal } = {},
): Promise<StoredPriceOverride[]> {
  const rows = await selectRows({
    client,
    tag: 'price_overrides.list',
    sql: `SELECT ${COLUMNS} FROM ${table({ database }, 'price_overrides')} FINAL
      WHERE deleted = 0 ${projectId === null ? '' : 'AND project_id = {projectId:String}'}
      ORDER BY project_id, provider, model, created_at`,
    params: projectId === null ? {} : { projectId },
    row: overrideRow,
    signal: options.signal,
  });
  return rows.map(rowToOverride);
}

const rate = z.coerce
  .number({ message: 'must be a number (USD per million tokens)' })
  .finite('must be a number (USD per million tokens)')
  .nonnegative('must not be negative');

/** The body of POST /api/v1/prices/overrides. */
export const overrideBody = z.object({
  provider: z.string().trim().max(128).default(''),
  model: z.string().trim().min(1, 'required (use "*" for every model)').max(256),
  inputPerMTok: rate,
  outputPerMTok: rate,
  cacheReadPerMTok: rate.nullable().optional(),
  cacheWritePerMTok: rate.nullable().optional(),
  reasoningPerMTok: rate.nullable().optional(),
  effectiveFrom: z
    .string()
    .trim()
    .refine((v) => !Number.isNaN(Date.parse(v)), 'expected an ISO 8601 date')
    .nullable()
    .optional(),
});

/** Validates a request body into an override of `projectId`; throws BadRequest naming the field. */
export function parseOverrideBody(body: unknown, projectId: string): PriceOverride {
  // Empty optional fields from a form mean "no rate of its own", not zero.
  const cleaned =
    typeof body === 'object' && body !== null
      ? Object.fromEntries(Object.entries(body).map(([k, v]) => [k, v === '' ? null : v]))
      : body;
  const parsed = overrideBody.safeParse(cleaned);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new BadRequest(`${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'invalid'}`);
  }
  const b = parsed.data;
  return validatePriceOverride({
    projectId,
    provider: b.provider,
    model: b.model,
    inputPerMTok: b.inputPerMTok,
    outputPerMTok: b.outputPerMTok,
    cacheReadPerMTok: b.cacheReadPerMTok ?? null,
    cacheWritePerMTok: b.cacheWritePerMTok ?? null,
    reasoningPerMTok: b.reasoningPerMTok ?? null,
    effectiveFrom: b.effectiveFrom ? new Date(b.effectiveFrom) : null,
  });
}

/** DateTime64(3) as ClickHouse reads it in JSON: 'YYYY-MM-DD hh:mm:ss.sss' (UTC, the column's zone). */
const dateTime = (d: Date) => d.toISOString().replace('T', ' ').replace('Z', '');

function toInsertRow(o: StoredPriceOverride, deleted: boolean) {
  return {
    project_id: o.projectId,
    id: o.id,
    provider: o.provider,
    model: o.model,
    input_per_mtok: o.inputPerMTok,
    output_per_mtok: o.outputPerMTok,
    cache_read_per_mtok: o.cacheReadPerMTok ?? null,
    cache_write_per_mtok: o.cacheWritePerMTok ?? null,
    reasoning_per_mtok: o.reasoningPerMTok ?? null,
    effective_from: o.effectiveFrom === null ? null : dateTime(o.effectiveFrom),
    created_at: dateTime(o.createdAt),
    deleted: deleted ? 1 : 0,
  };
}

export async function createPriceOverride(
  client: ClickHouseClient,
  database: string,
  override: PriceOverride,
): Promise<StoredPriceOverride> {
  const stored: StoredPriceOverride = { ...validatePriceOverride(override), id: randomUUID(), createdAt: new Date() };
  await client.insert({
    table: `${database}.price_overrides`,
    values: [toInsertRow(stored, false)],
    format: 'JSONEachRow',
  });
  return stored;
}

/** Soft-deletes one override of the project; NotFound when the project has no such (live) override. */
export async function deletePriceOverride(
  client: ClickHouseClient,
  database: string,
  projectId: string,
  id: string,
): Promise<void> {
  const current = (await listPriceOverrides(client, database, projectId)).find((o) => o.id === id);
  if (!current) throw new NotFound(`Price override ${id} not found`);
  await client.insert({
    table: `${database}.price_overrides`,
    values: [toInsertRow(current, true)],
    format: 'JSONEachRow',
  });
}

/** The API shape, with today's catalog price of the same provider and model for comparison. */
export function toApiPriceOverride(o: StoredPriceOverride, now = new Date()): ApiPriceOverride {
  // A pattern is compared with the catalog price of the model it names before its '*' (`gpt-4o*` → gpt-4o).
  const catalog = lookupModelPrice(o.provider, o.model.replace(/\*$/, ''), now);
  return {
    id: o.id,
    provider: o.provider,
    model: o.model,
    inputPerMTok: o.inputPerMTok,
    outputPerMTok: o.outputPerMTok,
    cacheReadPerMTok: o.cacheReadPerMTok ?? null,
    cacheWritePerMTok: o.cacheWritePerMTok ?? null,
    reasoningPerMTok: o.reasoningPerMTok ?? null,
    effectiveFrom: o.effectiveFrom?.toISOString() ?? null,
    createdAt: o.createdAt.toISOString(),
    catalog: catalog ? { modelId: catalog.modelId, rates: catalog.rates } : null,
  };
}
