import { describe, expect, it } from 'vitest';
import { makeSpan } from '../testing/span-factory';
import { agentOf, hourOf, isCostedCall, rollupTrace, summarizeTrace, vanishedKeys, type SpanFact } from './derive';

const HOUR_NS = 3_600_000_000_000n;
const T0 = 1_795_464_000_000_000_000n; // 2026-11-23 16:00:00 UTC, the start of an hour

const fact = (spanId: string, parentSpanId: string, fields: Partial<SpanFact> = {}): SpanFact =>
  makeSpan({ traceId: 't1', spanId, parentSpanId, name: spanId, serviceName: 'shop', startTimeUnixNano: T0, ...fields });

const llm = (spanId: string, parent: string, fields: Partial<SpanFact> = {}) =>
  fact(spanId, parent, {
    nodeType: 'llm',
    provider: 'openai',
    requestModel: 'gpt-4o',
    responseModel: 'gpt-4o-2024-08-06',
    inputTokens: 1000,
    outputTokens: 100,
    costUsd: 0.0035,
    costSource: 'catalog',
    ...fields,
  });

describe('summarizeTrace', () => {
  const spans = [
    fact('root', '', { name: 'invoke_agent planner', agentName: 'planner', nodeType: 'agent', startTimeUnixNano: T0, durationNs: 9_000_000n, statusCode: 'ok', inputTokens: 3000, usageIsAggregate: true, costUsd: 1 }),
    llm('a', 'root', { startTimeUnixNano: T0 + 1_000_000n, cacheReadTokens: 400, reasoningTokens: 7 }),
    llm('b', 'root', { startTimeUnixNano: T0 + 2_000_000n, serviceName: 'search', requestModel: 'mini', responseModel: '', costSource: 'unpriced', costUsd: null }),
    fact('c', 'root', { nodeType: 'tool', startTimeUnixNano: T0 + 3_000_000n, durationNs: 10_000_000n, statusCode: 'error', agentName: 'writer' }),
  ];

  it('totals own usage only, never an aggregate that repeats its children', () => {
    const summary = summarizeTrace(spans);
    expect(summary).toMatchObject({
      input_tokens: 2000,
      output_tokens: 200,
      cache_read_tokens: 400,
      reasoning_tokens: 7,
      cost_usd: 0.0035,
      unpriced_count: 1,
      span_count: 4,
      error_count: 1,
      llm_call_count: 2,
      tool_call_count: 1,
    });
  });

  it('takes name, service and status from the root, and spans from the first start to the last end', () => {
    const summary = summarizeTrace([...spans].reverse());
    expect(summary).toMatchObject({
      trace_id: 't1',
      root_span_id: 'root',
      root_name: 'invoke_agent planner',
      service_name: 'shop',
      status_code: 'ok',
      start_time: String(T0),
      end_time: String(T0 + 13_000_000n),
      services: ['search', 'shop'],
      agents: ['planner', 'writer'],
      models: ['gpt-4o-2024-08-06', 'mini'],
      node_types: ['agent', 'llm', 'tool'],
    });
  });

  it('lists a trace whose root has not arrived under its earliest span, with status unset', () => {
    const summary = summarizeTrace(spans.slice(1));
    expect(summary).toMatchObject({ root_span_id: 'a', root_name: 'a', status_code: 'unset', span_count: 3 });
  });

  it('picks the earliest of several roots, by span id on equal starts', () => {
    const roots = [fact('r2', '', { startTimeUnixNano: T0 + 5n }), fact('r1', '', { startTimeUnixNano: T0 + 5n }), fact('r3', '', { startTimeUnixNano: T0 + 9n })];
    expect(summarizeTrace(roots).root_span_id).toBe('r1');
  });

  it('lists how guardrails intervened, each verdict once, errors first; passes are not interventions', () => {
    const guard = (id: string, verdict: SpanFact['guardrailVerdict']) => fact(id, 'root', { nodeType: 'guardrail', guardrailVerdict: verdict });
    const checked = [...spans, guard('g1', 'rewrite'), guard('g2', 'pass'), guard('g3', 'block'), guard('g4', 'rewrite'), guard('g5', 'fail')];
    expect(summarizeTrace(checked).guardrail_interventions).toEqual(['block', 'fail', 'rewrite']);
    expect(summarizeTrace([...spans, guard('g1', 'pass'), guard('g2', 'escalate')]).guardrail_interventions).toEqual(['escalate']);
    expect(summarizeTrace([...spans, guard('g1', 'pass')]).guardrail_interventions).toEqual([]);
    expect(summarizeTrace(spans).guardrail_interventions).toEqual([]);
  });
});

describe('agentOf', () => {
  it('walks up to the nearest ancestor with an agent, however deep', () => {
    const chain = [fact('agent', '', { agentName: 'planner' }), ...Array.from({ length: 12 }, (_, i) => fact(`s${i}`, i === 0 ? 'agent' : `s${i - 1}`))];
    const byId = new Map(chain.map((s) => [s.spanId, s]));
    expect(agentOf(byId.get('s11')!, byId)).toBe('planner');
  });

  it('is the span’s own agent first, and empty when the parent has not arrived or the parents form a cycle', () => {
    const spans = [fact('x', 'y'), fact('y', 'x'), fact('own', 'x', { agentName: 'coder' }), fact('orphan', 'missing')];
    const byId = new Map(spans.map((s) => [s.spanId, s]));
    expect(agentOf(byId.get('own')!, byId)).toBe('coder');
    expect(agentOf(byId.get('x')!, byId)).toBe('');
    expect(agentOf(byId.get('orphan')!, byId)).toBe('');
  });
});

describe('rollupTrace', () => {
  it('groups model calls by hour, service, agent, provider and model with their usage and cost', () => {
    const rows = rollupTrace([
      fact('agent', '', { agentName: 'planner', nodeType: 'agent', inputTokens: 99, usageIsAggregate: true, costUsd: 9, costSource: 'reported' }),
      fact('step', 'agent'),
      llm('a', 'step', { inputTokens: 1000, cacheReadTokens: 300, cacheWriteTokens: 100, reasoningTokens: 5 }),
      llm('b', 'agent', { startTimeUnixNano: T0 + 10n }),
      llm('c', 'agent', { startTimeUnixNano: T0 + HOUR_NS }),
      llm('d', 'agent', { costSource: 'unpriced', costUsd: null, responseModel: '', requestModel: 'house', inputTokens: 50, outputTokens: 5 }),
      fact('e', 'agent', { nodeType: 'embedding', provider: 'openai', requestModel: 'emb', costUsd: 0.001, costSource: 'override' }),
      fact('tool', 'agent', { nodeType: 'tool' }),
    ]);
    const byModel = (model: string, hour = hourOf(T0)) => rows.find((r) => r.model === model && r.hour === hour);
    expect(rows).toHaveLength(4);
    expect(byModel('gpt-4o-2024-08-06')).toMatchObject({
      agent: 'planner',
      service_name: 'shop',
      provider: 'openai',
      trace_id: 't1',
      llm_calls: 2,
      priced_calls: 2,
      uncached_input_tokens: 600 + 1000,
      cache_read_tokens: 300,
      cache_write_tokens: 100,
      output_tokens: 200,
      reasoning_tokens: 5,
      is_deleted: 0,
    });
    expect(byModel('gpt-4o-2024-08-06')?.cost_usd).toBeCloseTo(0.007, 12);
    expect(byModel('gpt-4o-2024-08-06', hourOf(T0) + 3600)).toMatchObject({ llm_calls: 1 });
    expect(byModel('house')).toMatchObject({ unpriced_calls: 1, priced_calls: 0, cost_usd: 0, unpriced_input_tokens: 50, unpriced_output_tokens: 5 });
    expect(byModel('emb')).toMatchObject({ embedding_calls: 1, llm_calls: 0, priced_calls: 1, cost_usd: 0.001 });
  });

  it('counts a span with a cost of its own as a call even when it is not an LLM span', () => {
    expect(isCostedCall(fact('x', '', { nodeType: 'tool', costUsd: 0.5, costSource: 'reported' }))).toBe(true);
    expect(isCostedCall(fact('x', '', { nodeType: 'llm', usageIsAggregate: true }))).toBe(false);
    expect(isCostedCall(fact('x', '', { nodeType: 'tool' }))).toBe(false);
  });
});

describe('hourOf', () => {
  it('is the start of the UTC hour in epoch seconds', () => {
    expect(hourOf(T0)).toBe(1_795_464_000);
    expect(hourOf(T0 + HOUR_NS - 1n)).toBe(1_795_464_000);
    expect(hourOf(T0 + HOUR_NS)).toBe(1_795_467_600);
  });
});

describe('vanishedKeys', () => {
  it('tombstones the keys a trace no longer has, once each, and keeps the ones it still has', () => {
    const current = rollupTrace([fact('agent', '', { agentName: 'planner' }), llm('a', 'agent')]);
    const previous = [
      { ...current[0]!, agent: '' },
      { ...current[0]!, agent: '' },
      { ...current[0]! },
    ];
    const tombstones = vanishedKeys(previous, current);
    expect(tombstones).toHaveLength(1);
    expect(tombstones[0]).toMatchObject({ agent: '', model: 'gpt-4o-2024-08-06', is_deleted: 1, llm_calls: 0, cost_usd: 0 });
  });
});
