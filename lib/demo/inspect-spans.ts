/**
 * Reading emitted SDK spans back the way a user of the store would: by operation, attributes, parent links and
 * times. Used by the demo's tests to check each scenario against its labels independently of how it was planned.
 */
import type { HrTime } from '@opentelemetry/api';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import type { NodeType } from '@/lib/span/types';
import { priceSpan } from '@/lib/pricing';

export const operation = (span: ReadableSpan): string => String(span.attributes['gen_ai.operation.name'] ?? '');

export const text = (span: ReadableSpan, key: string): string => {
  const value = span.attributes[key];
  return typeof value === 'string' ? value : '';
};

export const count = (span: ReadableSpan, ...keys: string[]): number => {
  for (const key of keys) {
    const value = span.attributes[key];
    if (typeof value === 'number') return value;
  }
  return 0;
};

export const serviceOf = (span: ReadableSpan): string => String(span.resource.attributes['service.name'] ?? '');

export const toNs = (time: HrTime): bigint => BigInt(time[0]) * 1_000_000_000n + BigInt(time[1]);

export const byStart = (a: ReadableSpan, b: ReadableSpan): number => {
  const diff = toNs(a.startTime) - toNs(b.startTime);
  return diff < 0n ? -1 : diff > 0n ? 1 : 0;
};

export const roots = (spans: ReadableSpan[]): ReadableSpan[] => spans.filter((span) => !span.parentSpanContext);

export function parentOf(spans: ReadableSpan[], span: ReadableSpan): ReadableSpan | undefined {
  const parentId = span.parentSpanContext?.spanId;
  return parentId ? spans.find((candidate) => candidate.spanContext().spanId === parentId) : undefined;
}

export function childrenOf(spans: ReadableSpan[], parent: ReadableSpan): ReadableSpan[] {
  const id = parent.spanContext().spanId;
  return spans.filter((span) => span.parentSpanContext?.spanId === id).sort(byStart);
}

/** Node type from the operation name, as the conventions define it; spans without one are plain spans. */
const NODE_TYPE_BY_OPERATION: Record<string, NodeType> = {
  chat: 'llm',
  embeddings: 'embedding',
  retrieval: 'retrieval',
  execute_tool: 'tool',
  invoke_agent: 'agent',
  invoke_workflow: 'workflow',
  apply_guardrail: 'guardrail',
};

export const nodeTypeOf = (span: ReadableSpan): NodeType => NODE_TYPE_BY_OPERATION[operation(span)] ?? 'span';

/** A model call's own usage, under the current or the deprecated attribute names. */
export function modelUsage(span: ReadableSpan) {
  const own = nodeTypeOf(span) === 'llm' || nodeTypeOf(span) === 'embedding';
  if (!own) return { input: 0, output: 0, cacheRead: 0, reasoning: 0 };
  return {
    input: count(span, 'gen_ai.usage.input_tokens', 'gen_ai.usage.prompt_tokens'),
    output: count(span, 'gen_ai.usage.output_tokens', 'gen_ai.usage.completion_tokens'),
    cacheRead: count(span, 'gen_ai.usage.cache_read.input_tokens'),
    reasoning: count(span, 'gen_ai.usage.reasoning.output_tokens'),
  };
}

export function retrievedDocuments(span: ReadableSpan): { id: string; score: number }[] {
  return JSON.parse(text(span, 'gen_ai.retrieval.documents') || 'null') as { id: string; score: number }[];
}

/** What the catalog charges for a run's model calls (USD), as Loupe would price them at ingest. */
export function catalogCostUsd(spans: ReadableSpan[]): number {
  let total = 0;
  for (const span of spans) {
    const usage = modelUsage(span);
    if (usage.input === 0 && usage.output === 0) continue;
    const price = priceSpan(
      {
        nodeType: nodeTypeOf(span),
        provider: text(span, 'gen_ai.provider.name') || text(span, 'gen_ai.system'),
        requestModel: text(span, 'gen_ai.request.model'),
        responseModel: text(span, 'gen_ai.response.model'),
        inputTokens: usage.input,
        outputTokens: usage.output,
        cacheReadTokens: usage.cacheRead,
        cacheWriteTokens: 0,
        reasoningTokens: usage.reasoning,
        usageIsAggregate: false,
        reportedCostUsd: null,
        startTimeUnixNano: BigInt(span.startTime[0]) * 1_000_000_000n + BigInt(span.startTime[1]),
        projectId: 'default',
      },
      [],
    );
    total += price.costUsd ?? 0;
  }
  return total;
}
