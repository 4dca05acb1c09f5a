/**
 * Reading `trace_summaries`: one row per trace, recomputed from that trace's deduplicated spans by `refreshDerived`
 * (`./derived.ts`). Recomputing (rather than adding deltas) is what makes a retried export harmless: the same spans
 * give the same summary however often they arrive, and late or out-of-order spans simply produce a newer row.
 */
import { z } from 'zod';
import type { ApiTraceSummary } from '../span/api-types';
import { GUARDRAIL_INTERVENTIONS, NODE_TYPES, STATUS_CODES } from '../span/types';
import { nsToIso, nsToMs } from './span-rows';

const int = z.coerce.number().int();

export const SUMMARY_COLUMNS = `trace_id, root_span_id, root_name, service_name, services,
  toString(toUnixTimestamp64Nano(start_time)) AS start_ns,
  toString(toUnixTimestamp64Nano(end_time) - toUnixTimestamp64Nano(start_time)) AS duration_ns,
  span_count, error_count, status_code, agents, models, node_types, llm_call_count, tool_call_count,
  input_tokens, output_tokens, cache_read_tokens, cache_write_tokens, reasoning_tokens, cost_usd, unpriced_count,
  guardrail_interventions`;

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
  guardrail_interventions: z.array(z.enum(GUARDRAIL_INTERVENTIONS)),
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
    guardrailInterventions: r.guardrail_interventions,
  };
}
