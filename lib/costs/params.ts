/**
 * Query parameters of the cost API. They arrive from URLs and request bodies, so every failure is a BadRequest
 * that names the parameter. The default range is the last 7 days; a range is capped at 400 days so a typo cannot
 * ask for a century of hourly buckets.
 */
import { z } from 'zod';
import { BadRequest } from '../errors';
import { defaultBucket, DAY_MS, type Range } from './period';
import { COST_BUCKETS, COST_DIMENSIONS, type CostBucket, type CostDimension } from './types';

export const DEFAULT_RANGE_DAYS = 7;
const MAX_RANGE_MS = 400 * DAY_MS;
/** Hourly buckets beyond this range would draw thousands of bars. */
const MAX_HOURLY_RANGE_MS = 31 * DAY_MS;

export const EXPORT_TABLES = ['model', 'agent', 'service', 'project', 'traces', 'agents', 'unpriced', 'cache'] as const;
export type ExportTable = (typeof EXPORT_TABLES)[number];

const blank = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);

const instant = z.union([z.number(), z.string().trim()]).transform((value, ctx) => {
  const ms = typeof value === 'number' || /^\d+$/.test(value) ? Number(value) : Date.parse(value);
  if (!Number.isFinite(ms) || ms < 0 || ms > 8.64e15) {
    ctx.addIssue({ code: 'custom', message: 'expected an ISO 8601 time or epoch milliseconds' });
    return z.NEVER;
  }
  return Math.trunc(ms);
});

const schema = z.object({
  from: z.preprocess(blank, instant.optional()),
  to: z.preprocess(blank, instant.optional()),
  /** The last N days up to now: what the cost page's links use, so a link stays valid as time passes. */
  days: z.preprocess(blank, z.coerce.number().int().min(1).max(400).optional()),
  dimension: z.preprocess(blank, z.enum(COST_DIMENSIONS).default('model')),
  groupBy: z.preprocess(blank, z.enum(COST_DIMENSIONS).optional()),
  bucket: z.preprocess(blank, z.enum(COST_BUCKETS).optional()),
  limit: z.preprocess(blank, z.coerce.number().int().min(1).max(100).default(10)),
  table: z.preprocess(blank, z.enum(EXPORT_TABLES).optional()),
});

export interface CostQuery extends Range {
  projectId: string;
  dimension: CostDimension;
  bucket: CostBucket;
  limit: number;
  table: ExportTable | undefined;
}

/** Throws BadRequest naming the first bad parameter. */
export function parseCostQuery(search: URLSearchParams, projectId: string, nowMs = Date.now()): CostQuery {
  const parsed = schema.safeParse(Object.fromEntries(search.entries()));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new BadRequest(`${issue?.path.join('.') || 'query'}: ${issue?.message ?? 'invalid'}`);
  }
  const p = parsed.data;
  const range =
    p.days !== undefined && p.from === undefined ? resolveRange(nowMs - p.days * DAY_MS, p.to, nowMs) : resolveRange(p.from, p.to, nowMs);
  const bucket = p.bucket ?? defaultBucket(range);
  if (bucket === 'hour' && range.toMs - range.fromMs > MAX_HOURLY_RANGE_MS) {
    throw new BadRequest('bucket: hourly buckets are limited to ranges of 31 days; use bucket=day');
  }
  return { ...range, projectId, dimension: p.groupBy ?? p.dimension, bucket, limit: p.limit, table: p.table };
}

export function resolveRange(fromMs: number | undefined, toMs: number | undefined, nowMs: number): Range {
  const to = toMs ?? nowMs;
  const from = fromMs ?? to - DEFAULT_RANGE_DAYS * DAY_MS;
  if (from >= to) throw new BadRequest('from: must be before to');
  if (to - from > MAX_RANGE_MS) throw new BadRequest('from: the range may span at most 400 days');
  return { fromMs: from, toMs: to };
}

/** The body of POST /api/v1/costs/recompute. */
export const recomputeBody = z.object({ from: instant, to: instant });

export function parseRecomputeBody(body: unknown, nowMs = Date.now()): Range {
  const parsed = recomputeBody.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new BadRequest(`${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'invalid'}`);
  }
  return resolveRange(parsed.data.from, Math.min(parsed.data.to, nowMs + DAY_MS), nowMs);
}
