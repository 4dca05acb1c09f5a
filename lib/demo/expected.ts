/** What a planned run must leave in the store: counts, own token usage, node types, agents and services. */
import { NODE_TYPES, type NodeType } from '@/lib/span/types';
import type { DemoExpected, PlannedSpan } from './types';

export function summarisePlan(roots: PlannedSpan[]): DemoExpected {
  const nodeTypes = Object.fromEntries(NODE_TYPES.map((type) => [type, 0])) as Record<NodeType, number>;
  const agents = new Set<string>();
  const services = new Set<string>();
  const expected: DemoExpected = {
    spanCount: 0,
    inputTokens: 0,
    outputTokens: 0,
    cacheReadTokens: 0,
    reasoningTokens: 0,
    nodeTypes,
    agents: [],
    services: [],
  };
  const pending = [...roots];
  for (let span = pending.pop(); span; span = pending.pop()) {
    expected.spanCount += 1;
    nodeTypes[span.nodeType] += 1;
    services.add(span.service);
    const agent = span.attributes['gen_ai.agent.name'];
    if (typeof agent === 'string') agents.add(agent);
    if (span.usage) {
      expected.inputTokens += span.usage.inputTokens;
      expected.outputTokens += span.usage.outputTokens;
      expected.cacheReadTokens += span.usage.cacheReadTokens;
      expected.reasoningTokens += span.usage.reasoningTokens;
    }
    pending.push(...span.children);
  }
  expected.agents = [...agents].sort();
  expected.services = [...services].sort();
  return expected;
}

/** End of the last span, i.e. how long the run takes. */
export function planDurationMs(roots: PlannedSpan[]): number {
  return roots.reduce((end, root) => Math.max(end, root.endMs), 0);
}
