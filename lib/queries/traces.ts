/**
 * The read side of traces: the filtered, sorted, paginated trace list (from `trace_summaries`, never scanning
 * spans), one trace with its spans, one span's content, and the filter facets.
 *
 * Every table here is a ReplacingMergeTree, and a retried export leaves duplicate rows until a merge collapses
 * them, so every read deduplicates itself: summaries with FINAL (ClickHouse applies WHERE after collapsing, so
 * a stale version of a summary can never match a filter its current version fails), spans and contents with
 * `ORDER BY ingested_at DESC LIMIT 1 BY span_id`.
 *
 * SQL is built only by choosing among the fixed clauses below; every value travels as a bound parameter.
 */
import type { ClickHouseClient } from '@clickhouse/client';
import { z } from 'zod';
import { NotFound } from '../errors';
import { table } from '../clickhouse/migrations/ddl';
import { selectRows } from '../clickhouse/query';
import type { ApiIncomingLink, ApiSpanContent, ApiTraceDetail, ApiTraceList, ApiTraceSummary } from '../span/api-types';
import { firingAlertsOfTraces } from './alerts';
import { contentRow, nsToMs, rowToApiSpan, rowToContent, SLIM_SPAN_COLUMNS, SPAN_COLUMNS, spanRow, type SpanRow } from './span-rows';
import { rowToApiTraceSummary, SUMMARY_COLUMNS, summaryRow } from './trace-summaries';
import {
  encodeCursor,
  parseFacetParams,
  parseTraceListParams,
  type FacetQuery,
  type TraceListQuery,
  type TraceSort,
} from './trace-list-params';

export {
  facetParams,
  parseFacetParams,
  parseTraceListParams,
  traceListInputFromSearch,
  traceListParams,
  TRACE_SORTS,
  type TraceListInput,
  type TraceListParams,
  type TraceSort,
} from './trace-list-params';

export interface QueryOptions {
  /** Aborting it (the browser went away) cancels the ClickHouse query too. */
  signal?: AbortSignal;
}

/**
 * The ClickHouse client only listens for the signal's 'abort' event, which never fires for a signal that is
 * already aborted: without this check a request abandoned before its query started would still run it.
 */
const stopIfAborted = (options: QueryOptions) => options.signal?.throwIfAborted();

/**
 * The SQL key of each sort. All are Int64 or String so that the cursor value binds with one known type. Cost
 * sorts on whole nano-dollars: an integer compares exactly with the cursor value, where a float read back from
 * JSON and parsed again might differ in its last bit and repeat or skip the row on a page boundary.
 */
const SORT_KEYS: Record<TraceSort, { sql: string; type: 'Int64' | 'String' }> = {
  start: { sql: 'toUnixTimestamp64Nano(start_time)', type: 'Int64' },
  duration: { sql: 'toUnixTimestamp64Nano(end_time) - toUnixTimestamp64Nano(start_time)', type: 'Int64' },
  cost: { sql: 'toInt64(round(cost_usd * 1000000000))', type: 'Int64' },
  spans: { sql: 'toInt64(span_count)', type: 'Int64' },
  calls: { sql: 'toInt64(llm_call_count)', type: 'Int64' },
  tokens: { sql: 'toInt64(input_tokens + output_tokens)', type: 'Int64' },
  errors: { sql: 'toInt64(error_count)', type: 'Int64' },
  name: { sql: 'root_name', type: 'String' },
  service: { sql: 'service_name', type: 'String' },
};

const STATUS_CLAUSES = {
  error: `(status_code = 'error' OR error_count > 0)`,
  ok: `(status_code = 'ok' AND error_count = 0)`,
  unset: `(status_code = 'unset' AND error_count = 0)`,
} as const;

const listRow = summaryRow.extend({ sort_value: z.string() });

function whereClauses(query: TraceListQuery): { clauses: string[]; params: Record<string, unknown> } {
  const clauses = [
    'project_id = {projectId:String}',
    'start_time >= fromUnixTimestamp64Milli({fromMs:Int64})',
    'start_time < fromUnixTimestamp64Milli({toMs:Int64})',
  ];
  const params: Record<string, unknown> = { projectId: query.projectId, fromMs: query.fromMs, toMs: query.toMs };
  if (query.service !== undefined) {
    clauses.push('has(services, {service:String})');
    params.service = query.service;
  }
  if (query.agent !== undefined) {
    clauses.push('has(agents, {agent:String})');
    params.agent = query.agent;
  }
  if (query.model !== undefined) {
    clauses.push('has(models, {model:String})');
    params.model = query.model;
  }
  if (query.nodeType !== undefined) {
    clauses.push('has(node_types, {nodeType:String})');
    params.nodeType = query.nodeType;
  }
  if (query.status !== undefined) clauses.push(STATUS_CLAUSES[query.status]);
  if (query.guardrail === 'any') clauses.push('notEmpty(guardrail_interventions)');
  else if (query.guardrail !== undefined) {
    clauses.push('has(guardrail_interventions, {guardrail:String})');
    params.guardrail = query.guardrail;
  }
  if (query.hasError !== undefined) clauses.push(query.hasError ? 'error_count > 0' : 'error_count = 0');
  if (query.q !== undefined) {
    // position… rather than ILIKE: the text is matched literally, so % and _ typed by a user mean themselves.
    clauses.push('positionCaseInsensitiveUTF8(root_name, {q:String}) > 0');
    params.q = query.q;
  }
  if (query.minCostUsd !== undefined) {
    clauses.push('cost_usd >= {minCostUsd:Float64}');
    params.minCostUsd = query.minCostUsd;
  }
  if (query.minDurationMs !== undefined) {
    clauses.push('toUnixTimestamp64Nano(end_time) - toUnixTimestamp64Nano(start_time) >= {minDurationNs:Int64}');
    // Via BigInt: nanoseconds past 2^53 (about 104 days) would lose their last digits as a JS number.
    params.minDurationNs = (BigInt(Math.round(query.minDurationMs * 1000)) * 1000n).toString();
  }
  return { clauses, params };
}

/**
 * One page of traces. Ties on the sort key are broken by trace id in the same direction, which makes the order
 * total; the next page starts strictly after the (sort value, trace id) of this page's last row.
 */
export async function listTraces(
  client: ClickHouseClient,
  database: string,
  params: Record<string, unknown>,
  options: QueryOptions = {},
): Promise<ApiTraceList> {
  const query = parseTraceListParams(params);
  stopIfAborted(options);
  const key = SORT_KEYS[query.sort];
  const direction = query.order === 'asc' ? 'ASC' : 'DESC';
  const { clauses, params: bound } = whereClauses(query);
  if (query.after) {
    clauses.push(`(${key.sql}, trace_id) ${query.order === 'asc' ? '>' : '<'} ({afterValue:${key.type}}, {afterTraceId:String})`);
    bound.afterValue = query.after.value;
    bound.afterTraceId = query.after.traceId;
  }
  bound.limit = query.limit + 1;
  const rows = await selectRows({
    client,
    tag: 'traces.list',
    sql: `SELECT ${SUMMARY_COLUMNS}, toString(${key.sql}) AS sort_value
      FROM ${table({ database }, 'trace_summaries')} FINAL
      WHERE ${clauses.join('\n        AND ')}
      ORDER BY ${key.sql} ${direction}, trace_id ${direction}
      LIMIT {limit:UInt32}`,
    params: bound,
    row: listRow,
    signal: options.signal,
  });
  // One row past the page tells whether another page exists, so the last page never links to an empty one.
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  const summaries = page.map(rowToApiTraceSummary);
  const starts = summaries.map((trace) => ({ traceId: trace.traceId, startMs: nsToMs(trace.startTimeUnixNano) }));
  const alerts = await firingAlertsOfTraces(client, database, query.projectId, starts, options);
  return {
    traces: summaries.map((trace) => ({ ...trace, firingAlerts: alerts.get(trace.traceId) ?? [] })),
    nextCursor:
      rows.length > query.limit && last ? encodeCursor(query, { value: last.sort_value, traceId: last.trace_id }) : null,
  };
}

/** A trace's summary alone (one row); NotFound until the collector has summarised the trace. */
export async function getTraceSummary(
  client: ClickHouseClient,
  database: string,
  projectId: string,
  traceId: string,
  options: QueryOptions = {},
): Promise<ApiTraceSummary> {
  stopIfAborted(options);
  const summaries = await selectRows({
    client,
    tag: 'traces.detail.summary',
    sql: `SELECT ${SUMMARY_COLUMNS}
      FROM ${table({ database }, 'trace_summaries')} FINAL
      WHERE project_id = {projectId:String} AND trace_id = {traceId:String}
      LIMIT 1`,
    params: { projectId, traceId },
    row: summaryRow,
    signal: options.signal,
  });
  const summary = summaries[0];
  if (!summary) throw new NotFound(`Trace ${traceId} not found in project ${projectId}`);
  return rowToApiTraceSummary(summary);
}

/**
 * A trace: its summary and every span (deduplicated), ordered by start time. NotFound until the trace's summary
 * exists, which the collector writes shortly after the spans.
 */
export async function getTraceDetail(
  client: ClickHouseClient,
  database: string,
  projectId: string,
  traceId: string,
  options: QueryOptions = {},
): Promise<ApiTraceDetail> {
  const trace = await getTraceSummary(client, database, projectId, traceId, options);
  stopIfAborted(options);
  const spans = await selectRows({
    client,
    tag: 'traces.detail.spans',
    sql: `SELECT * FROM (
        SELECT ${SPAN_COLUMNS}, start_time AS start_order
        FROM ${table({ database }, 'spans')}
        WHERE project_id = {projectId:String} AND trace_id = {traceId:String}
        ORDER BY ingested_at DESC
        LIMIT 1 BY span_id
      )
      ORDER BY start_order, span_id`,
    params: { projectId, traceId },
    row: spanRow,
    signal: options.signal,
  });
  const incomingLinks = await getIncomingLinks(client, database, projectId, traceId, options);
  return { trace, spans: spans.map(rowToApiSpan), incomingLinks };
}

/**
 * Several traces of one project in two statements (summaries, then spans), for work that judges many finished
 * traces at once (the alert runner). Traces not summarised yet are absent from the map. Incoming links are not read.
 * With `attributeKeys`, spans carry only those attributes and no resource attributes, events or links.
 */
export async function getTraceDetails(
  client: ClickHouseClient,
  database: string,
  projectId: string,
  traceIds: readonly string[],
  options: { attributeKeys?: readonly string[] } = {},
): Promise<Map<string, ApiTraceDetail>> {
  const details = new Map<string, ApiTraceDetail>();
  if (traceIds.length === 0) return details;
  const summaries = await selectRows({
    client,
    tag: 'traces.details.summaries',
    sql: `SELECT ${SUMMARY_COLUMNS}
      FROM ${table({ database }, 'trace_summaries')} FINAL
      WHERE project_id = {projectId:String} AND trace_id IN {traceIds:Array(String)}`,
    params: { projectId, traceIds },
    row: summaryRow,
  });
  if (summaries.length === 0) return details;
  for (const summary of summaries) details.set(summary.trace_id, { trace: rowToApiTraceSummary(summary), spans: [], incomingLinks: [] });
  const spans = await readSpansOfTraces(client, database, projectId, [...details.keys()], {
    tag: 'traces.details.spans',
    ...options,
  });
  for (const row of spans) details.get(row.trace_id)?.spans.push(rowToApiSpan(row));
  return details;
}

/**
 * The deduplicated spans (newest `ingested_at` of each span id) of several traces of one project, ordered by trace,
 * start and span id. With `attributeKeys`, each carries only those attributes and no resource attributes, events or
 * links.
 */
export async function readSpansOfTraces(
  client: ClickHouseClient,
  database: string,
  projectId: string,
  traceIds: readonly string[],
  options: { tag: string; attributeKeys?: readonly string[] },
): Promise<SpanRow[]> {
  return selectRows({
    client,
    tag: options.tag,
    sql: `SELECT * FROM (
        SELECT ${options.attributeKeys ? SLIM_SPAN_COLUMNS : SPAN_COLUMNS}, start_time AS start_order
        FROM ${table({ database }, 'spans')}
        WHERE project_id = {projectId:String} AND trace_id IN {traceIds:Array(String)}
        ORDER BY ingested_at DESC
        LIMIT 1 BY trace_id, span_id
      )
      ORDER BY trace_id, start_order, span_id`,
    params: { projectId, traceIds, ...(options.attributeKeys ? { attributeKeys: options.attributeKeys } : {}) },
    row: spanRow,
  });
}

const incomingLinkRow = z.object({
  trace_id: z.string(),
  span_id: z.string(),
  name: z.string(),
  service_name: z.string(),
  to_span_id: z.string(),
});

/**
 * Spans of other traces that link into this one. The `idx_linked_traces` bloom filter (on the links' trace ids)
 * lets ClickHouse skip every granule that holds no such link, so this does not scan the spans table.
 */
export async function getIncomingLinks(
  client: ClickHouseClient,
  database: string,
  projectId: string,
  traceId: string,
  options: QueryOptions = {},
): Promise<ApiIncomingLink[]> {
  stopIfAborted(options);
  const rows = await selectRows({
    client,
    tag: 'traces.detail.incoming_links',
    sql: `SELECT DISTINCT trace_id, span_id, name, service_name, tupleElement(link, 'span_id') AS to_span_id
      FROM ${table({ database }, 'spans')}
      ARRAY JOIN links AS link
      WHERE project_id = {projectId:String}
        AND has(arrayMap(l -> tupleElement(l, 'trace_id'), links), {traceId:String})
        AND tupleElement(link, 'trace_id') = {traceId:String}
        AND trace_id != {traceId:String}
      ORDER BY trace_id, span_id
      LIMIT 100`,
    params: { projectId, traceId },
    row: incomingLinkRow,
    signal: options.signal,
  });
  return rows.map((r) => ({
    fromTraceId: r.trace_id,
    fromSpanId: r.span_id,
    fromName: r.name,
    fromServiceName: r.service_name,
    toSpanId: r.to_span_id,
  }));
}

const EMPTY_CONTENT: ApiSpanContent = {
  systemInstructions: null,
  inputMessages: null,
  outputMessages: null,
  toolArguments: null,
  toolResult: null,
  retrievalQuery: null,
  retrievalDocuments: null,
};

/**
 * A span's content. Spans that carried none have no content row (nothing empty is written), so a missing row
 * is empty content when the span exists, and NotFound only when the span does not.
 */
export async function getSpanContent(
  client: ClickHouseClient,
  database: string,
  projectId: string,
  traceId: string,
  spanId: string,
  options: QueryOptions = {},
): Promise<ApiSpanContent> {
  const params = { projectId, traceId, spanId };
  const where = 'project_id = {projectId:String} AND trace_id = {traceId:String} AND span_id = {spanId:String}';
  stopIfAborted(options);
  const rows = await selectRows({
    client,
    tag: 'traces.span_content',
    sql: `SELECT system_instructions, input_messages, output_messages, tool_arguments, tool_result,
        retrieval_query, retrieval_documents
      FROM ${table({ database }, 'span_contents')}
      WHERE ${where}
      ORDER BY ingested_at DESC
      LIMIT 1`,
    params,
    row: contentRow,
    signal: options.signal,
  });
  if (rows[0]) return rowToContent(rows[0]);
  stopIfAborted(options);
  const exists = await selectRows({
    client,
    tag: 'traces.span_exists',
    sql: `SELECT 1 AS found FROM ${table({ database }, 'spans')} WHERE ${where} LIMIT 1`,
    params,
    row: z.object({ found: z.coerce.number() }),
    signal: options.signal,
  });
  if (exists.length === 0) throw new NotFound(`Span ${spanId} not found in trace ${traceId} of project ${projectId}`);
  return { ...EMPTY_CONTENT };
}

export interface ApiFacets {
  services: string[];
  agents: string[];
  models: string[];
}

/** Each facet lists at most this many values, so a project with runaway cardinality cannot bloat a dropdown. */
export const MAX_FACET_VALUES = 1000;

const facetRow = z.object({
  facet_services: z.array(z.string()),
  facet_agents: z.array(z.string()),
  facet_models: z.array(z.string()),
});

/** The services, agents and models present in the window, sorted, for the trace list's filter dropdowns. */
export async function listFacets(
  client: ClickHouseClient,
  database: string,
  projectId: string,
  from: number | string | undefined,
  to: number | string | undefined,
  options: QueryOptions = {},
): Promise<ApiFacets> {
  const query: FacetQuery = parseFacetParams({ projectId, from, to });
  // Aliased apart from the column names: an alias equal to its own argument's column would be cyclic in SQL.
  const distinct = (column: string) =>
    `arraySort(arrayFilter(x -> x != '', groupUniqArrayArray(${MAX_FACET_VALUES})(${column}))) AS facet_${column}`;
  stopIfAborted(options);
  const rows = await selectRows({
    client,
    tag: 'traces.facets',
    sql: `SELECT ${distinct('services')}, ${distinct('agents')}, ${distinct('models')}
      FROM ${table({ database }, 'trace_summaries')} FINAL
      WHERE project_id = {projectId:String}
        AND start_time >= fromUnixTimestamp64Milli({fromMs:Int64})
        AND start_time < fromUnixTimestamp64Milli({toMs:Int64})`,
    params: { projectId: query.projectId, fromMs: query.fromMs, toMs: query.toMs },
    row: facetRow,
    signal: options.signal,
  });
  const row = rows[0];
  return { services: row?.facet_services ?? [], agents: row?.facet_agents ?? [], models: row?.facet_models ?? [] };
}
