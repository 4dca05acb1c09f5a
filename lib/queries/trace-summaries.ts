/**
 * `trace_summaries`: one row per trace, recomputed from that trace's deduplicated spans. Recomputing (rather than
 * adding deltas) is what makes a retried export harmless: the same spans give the same summary however often
 * they arrive, and late or out-of-order spans simply produce a newer, more complete row.
 */
import type { ClickHouseClient } from '@clickhouse/client';
import { z } from 'zod';
import type { ApiTraceSummary } from '../span/api-types';
import { NODE_TYPES, STATUS_CODES } from '../span/types';
import { table } from '../clickhouse/migrations/ddl';
import { runCommand } from '../clickhouse/query';
import { nsToIso, nsToMs } from './span-rows';

/**
 * Rebuilds the summaries of the given traces. The root is the earliest span without a parent; when the root has
 * not arrived (yet), the earliest span stands in so the trace is still listed.
 */
export async function refreshTraceSummaries(
  client: ClickHouseClient,
  database: string,
  projectId: string,
  traceIds: readonly string[],
): Promise<void> {
  if (traceIds.length === 0) return;
  const spans = table({ database }, 'spans');
  await runCommand(
    client,
    'trace_summaries.refresh',
    `INSERT INTO ${table({ database }, 'trace_summaries')}
    (project_id, trace_id, root_span_id, root_name, service_name, services, start_time, end_time, span_count,
     error_count, status_code, agents, models, node_types, llm_call_count, tool_call_count, input_tokens,
     output_tokens, cache_read_tokens, cache_write_tokens, reasoning_tokens, cost_usd, unpriced_count)
    SELECT
      project_id,
      trace_id,
      if(countIf(parent_span_id = '') > 0, argMinIf(span_id, start_time, parent_span_id = ''), argMin(span_id, start_time)),
      if(countIf(parent_span_id = '') > 0, argMinIf(name, start_time, parent_span_id = ''), argMin(name, start_time)),
      if(countIf(parent_span_id = '') > 0, argMinIf(service_name, start_time, parent_span_id = ''), argMin(service_name, start_time)),
      arraySort(groupUniqArray(service_name)),
      min(start_time),
      max(addNanoseconds(start_time, duration_ns)),
      count(),
      countIf(status_code = 'error'),
      if(countIf(parent_span_id = '') > 0, argMinIf(status_code, start_time, parent_span_id = ''), 'unset'),
      arraySort(groupUniqArrayIf(agent_name, agent_name != '')),
      arraySort(groupUniqArrayIf(if(response_model != '', response_model, request_model),
        node_type IN ('llm', 'embedding') AND (response_model != '' OR request_model != ''))),
      arraySort(groupUniqArray(node_type)),
      countIf(node_type = 'llm'),
      countIf(node_type = 'tool'),
      sumIf(input_tokens, NOT usage_is_aggregate),
      sumIf(output_tokens, NOT usage_is_aggregate),
      sumIf(cache_read_tokens, NOT usage_is_aggregate),
      sumIf(cache_write_tokens, NOT usage_is_aggregate),
      sumIf(reasoning_tokens, NOT usage_is_aggregate),
      sumIf(ifNull(cost_usd, 0), NOT usage_is_aggregate),
      countIf(cost_source = 'unpriced')
    FROM (
      SELECT * FROM ${spans}
      WHERE project_id = {projectId:String} AND trace_id IN {traceIds:Array(String)}
      ORDER BY ingested_at DESC
      LIMIT 1 BY trace_id, span_id
    )
    GROUP BY project_id, trace_id`,
    { projectId, traceIds },
  );
}

const int = z.coerce.number().int();

export const SUMMARY_COLUMNS = `trace_id, root_span_id, root_name, service_name, services,
  toString(toUnixTimestamp64Nano(start_time)) AS start_ns,
  toString(toUnixTimestamp64Nano(end_time) - toUnixTimestamp64Nano(start_time)) AS duration_ns,
  span_count, error_count, status_code, agents, models, node_types, llm_call_count, tool_call_count,
  input_tokens, output_tokens, cache_read_tokens, cache_write_tokens, reasoning_tokens, cost_usd, unpriced_count`;

export const summaryRow = z.object({
  trace_id: z.string(),
  root_span_id: z.string(),
  root_name: z.string(),
  service_name: z.string(),
  services: z.array(z.string()),
  start_ns: z.string().regex(/^\d+$/),
  duration_ns: z.string().regex(/^-?\d+$/),
  span_count: int,
  error_count: int,
  status_code: z.enum(STATUS_CODES),
  agents: z.array(z.string()),
  models: z.array(z.string()),
  node_types: z.array(z.enum(NODE_TYPES)),
  llm_call_count: int,
  tool_call_count: int,
  input_tokens: int,
  output_tokens: int,
  cache_read_tokens: int,
  cache_write_tokens: int,
  reasoning_tokens: int,
  cost_usd: z.coerce.number(),
  unpriced_count: int,
});
export type SummaryRow = z.infer<typeof summaryRow>;

export function rowToApiTraceSummary(r: SummaryRow): ApiTraceSummary {
  return {
    traceId: r.trace_id,
    rootSpanId: r.root_span_id,
    rootName: r.root_name,
    serviceName: r.service_name,
    services: r.services,
    startTime: nsToIso(r.start_ns),
    startTimeUnixNano: r.start_ns,
    durationMs: Math.max(0, nsToMs(r.duration_ns)),
    spanCount: r.span_count,
    errorCount: r.error_count,
    statusCode: r.status_code,
    agents: r.agents,
    models: r.models,
    nodeTypes: r.node_types,
    llmCallCount: r.llm_call_count,
    toolCallCount: r.tool_call_count,
    inputTokens: r.input_tokens,
    outputTokens: r.output_tokens,
    cacheReadTokens: r.cache_read_tokens,
    cacheWriteTokens: r.cache_write_tokens,
    reasoningTokens: r.reasoning_tokens,
    costUsd: r.cost_usd,
    unpricedCount: r.unpriced_count,
  };
}
