/**
 * Each scenario, emitted through the SDK to a loopback receiver, shows exactly the problems it is labelled with,
 * and its `expected` block matches the spans that were really sent.
 */
import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NODE_TYPES } from '@/lib/span/types';
import {
  byStart,
  childrenOf,
  count,
  modelUsage,
  catalogCostUsd,
  nodeTypeOf,
  operation,
  parentOf,
  retrievedDocuments,
  roots,
  serviceOf,
  text,
  toNs,
} from './inspect-spans';
import { startLoopbackReceiver, type LoopbackReceiver } from './loopback-receiver';
import { MODELS } from './models';
import { DAY_MS, emitScenario, type EmittedScenario } from './run-demo';
import { SCENARIOS } from './scenarios';
import { PROBLEMS, type Problem } from './types';

const NOW = Date.parse('2025-03-03T12:00:00Z');
const emitted = new Map<string, EmittedScenario>();
let receiver: LoopbackReceiver;

beforeAll(async () => {
  receiver = await startLoopbackReceiver();
  for (const scenario of SCENARIOS) {
    emitted.set(scenario.name, await emitScenario(scenario, { endpoint: receiver.endpoint, seed: 2024, now: NOW }));
  }
}, 30_000);

afterAll(async () => {
  await receiver.close();
});

function spansOf(name: string): ReadableSpan[] {
  const result = emitted.get(name);
  if (!result) throw new Error(`scenario ${name} was not emitted`);
  return result.spans;
}

const ofOperation = (spans: ReadableSpan[], name: string) => spans.filter((span) => operation(span) === name).sort(byStart);

/** What a reviewer would look for in the spans to confirm each label, independent of how the run was planned. */
const EVIDENCE: Record<Exclude<Problem, 'retried_export'>, (spans: ReadableSpan[]) => boolean> = {
  tool_loop: (spans) => {
    const calls = new Map<string, number>();
    for (const tool of ofOperation(spans, 'execute_tool')) {
      const key = `${text(tool, 'gen_ai.tool.name')} ${text(tool, 'gen_ai.tool.call.arguments')}`;
      calls.set(key, (calls.get(key) ?? 0) + 1);
    }
    return Math.max(0, ...calls.values()) >= 12;
  },
  tool_retry_storm: (spans) => {
    const failures = new Map<string, number>();
    for (const tool of ofOperation(spans, 'execute_tool').filter((span) => span.status.code === SpanStatusCode.ERROR)) {
      failures.set(text(tool, 'gen_ai.tool.name'), (failures.get(text(tool, 'gen_ai.tool.name')) ?? 0) + 1);
    }
    return Math.max(0, ...failures.values()) >= 5;
  },
  agent_ping_pong: (spans) =>
    spans.some((parent) => {
      const agents = childrenOf(spans, parent).filter((span) => operation(span) === 'invoke_agent');
      const names = agents.map((span) => text(span, 'gen_ai.agent.name'));
      const returns = names.filter((name, i) => i >= 2 && name === names[i - 2] && name !== names[i - 1]).length;
      return returns >= 2; // A B A B
    }),
  step_explosion: (spans) => ofOperation(spans, 'chat').length >= 50,
  // Over the default per-run budget of the cost alert ($1.00), priced as Loupe prices at ingest.
  cost_over_budget: (spans) => catalogCostUsd(spans) >= 1,
  silent_failure: (spans) =>
    spans.some((span) => span.status.code === SpanStatusCode.ERROR) &&
    roots(spans).every((root) => root.status.code !== SpanStatusCode.ERROR),
  empty_retrieval: (spans) => ofOperation(spans, 'retrieval').some((span) => retrievedDocuments(span).length === 0),
  unsupported_answer: (spans) => {
    const empty = ofOperation(spans, 'retrieval').find((span) => retrievedDocuments(span).length === 0);
    return (
      empty !== undefined &&
      ofOperation(spans, 'chat').some(
        (chat) => toNs(chat.startTime) >= toNs(empty.endTime) && text(chat, 'gen_ai.output.messages').includes('"text"'),
      )
    );
  },
  guardrail_intervention: (spans) =>
    ofOperation(spans, 'apply_guardrail').some(
      (span) =>
        ['ANONYMIZED', 'BLOCKED', 'GUARDRAIL_INTERVENED'].includes(text(span, 'gen_ai.guardrail.result.value')) ||
        ['deny', 'modify', 'escalate'].includes(text(span, 'gen_ai.guardrail.verdict.type')),
    ),
  context_exhaustion: (spans) =>
    ofOperation(spans, 'chat').some((chat) => {
      const model = text(chat, 'gen_ai.request.model') as keyof typeof MODELS;
      const finish = chat.attributes['gen_ai.response.finish_reasons'] as string[];
      return finish.includes('length') && modelUsage(chat).input >= 0.9 * MODELS[model].contextWindow;
    }),
  cross_service: (spans) => new Set(spans.map(serviceOf)).size > 1,
};

describe('demo scenarios', () => {
  it('label every problem somewhere, and only with known problem ids', () => {
    const labelled = new Set(SCENARIOS.flatMap((scenario) => scenario.problems));
    expect([...labelled].sort()).toEqual([...PROBLEMS].sort());
    expect(new Set(SCENARIOS.map((scenario) => scenario.name)).size).toBe(SCENARIOS.length);
  });

  const cases = SCENARIOS.flatMap((scenario) =>
    (Object.keys(EVIDENCE) as (keyof typeof EVIDENCE)[]).map((problem) => ({
      scenario: scenario.name,
      problem,
      labelled: scenario.problems.includes(problem),
    })),
  );
  it.each(cases)('$scenario shows $problem exactly when labelled ($labelled)', ({ scenario, problem, labelled }) => {
    expect(EVIDENCE[problem](spansOf(scenario))).toBe(labelled);
  });

  describe.each(SCENARIOS.map((scenario) => scenario.name))('%s', (name) => {
    it('reports an expected block that matches the emitted spans', () => {
      const { run, spans } = emitted.get(name)!;
      const usage = spans.map(modelUsage);
      const nodeTypes = Object.fromEntries(NODE_TYPES.map((type) => [type, spans.filter((span) => nodeTypeOf(span) === type).length]));
      expect(run.expected).toEqual({
        spanCount: spans.length,
        inputTokens: usage.reduce((sum, u) => sum + u.input, 0),
        outputTokens: usage.reduce((sum, u) => sum + u.output, 0),
        cacheReadTokens: usage.reduce((sum, u) => sum + u.cacheRead, 0),
        reasoningTokens: usage.reduce((sum, u) => sum + u.reasoning, 0),
        nodeTypes,
        agents: [...new Set(spans.map((span) => text(span, 'gen_ai.agent.name')).filter(Boolean))].sort(),
        services: [...new Set(spans.map(serviceOf))].sort(),
      });
      expect(run.traceIds).toEqual([...new Set(roots(spans).map((span) => span.spanContext().traceId))]);
      expect(run.traceIds).toHaveLength(1);
    });

    it('keeps every child within its parent and every span within the last day', () => {
      const spans = spansOf(name);
      for (const span of spans) {
        expect(toNs(span.endTime)).toBeGreaterThanOrEqual(toNs(span.startTime));
        expect(Number(toNs(span.startTime) / 1_000_000n)).toBeGreaterThanOrEqual(NOW - DAY_MS);
        expect(Number(toNs(span.endTime) / 1_000_000n)).toBeLessThanOrEqual(NOW);
        const parent = parentOf(spans, span);
        if (!span.parentSpanContext) continue;
        expect(parent, `parent of ${span.name}`).toBeDefined();
        expect(toNs(span.startTime)).toBeGreaterThanOrEqual(toNs(parent!.startTime));
        expect(toNs(span.endTime)).toBeLessThanOrEqual(toNs(parent!.endTime));
      }
    });

    it('names spans after their operation as the GenAI conventions say', () => {
      const expectedName: Record<string, (span: ReadableSpan) => string> = {
        chat: (span) => `chat ${text(span, 'gen_ai.request.model')}`,
        embeddings: (span) => `embeddings ${text(span, 'gen_ai.request.model')}`,
        execute_tool: (span) => `execute_tool ${text(span, 'gen_ai.tool.name')}`,
        invoke_agent: (span) => `invoke_agent ${text(span, 'gen_ai.agent.name')}`,
        invoke_workflow: (span) => `invoke_workflow ${text(span, 'gen_ai.workflow.name')}`,
        retrieval: (span) => `retrieval ${text(span, 'gen_ai.data_source.id')}`,
        apply_guardrail: (span) => `apply_guardrail ${text(span, 'gen_ai.guardrail.component.name')}`,
      };
      for (const span of spansOf(name).filter((candidate) => operation(candidate) !== '')) {
        expect(span.name).toBe(expectedName[operation(span)]?.(span));
      }
      for (const chat of ofOperation(spansOf(name), 'chat')) {
        expect(text(chat, 'gen_ai.response.model')).toBe(MODELS[text(chat, 'gen_ai.request.model') as keyof typeof MODELS].responseModel);
        expect(chat.kind).toBe(SpanKind.CLIENT);
      }
    });
  });
});

describe('scenario stories', () => {
  it('research-pipeline passes researcher → writer → reviewer with scored retrieval, cache and reasoning tokens', () => {
    const spans = spansOf('research-pipeline');
    const [workflow] = roots(spans);
    expect(workflow?.status.code).toBe(SpanStatusCode.OK);
    const agents = childrenOf(spans, workflow!).map((span) => text(span, 'gen_ai.agent.name'));
    expect(agents).toEqual(['researcher', 'writer', 'reviewer']);
    const scores = retrievedDocuments(ofOperation(spans, 'retrieval')[0]!).map((doc) => doc.score);
    expect(scores).toHaveLength(5);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    const providers = new Set(ofOperation(spans, 'chat').map((span) => text(span, 'gen_ai.provider.name')));
    expect(providers).toEqual(new Set(['openai', 'anthropic', 'gcp.gemini']));
    expect(spans.some((span) => count(span, 'gen_ai.usage.cache_write.input_tokens') > 0)).toBe(true);
    expect(spans.some((span) => count(span, 'gen_ai.usage.reasoning.output_tokens') > 0)).toBe(true);
    // The researcher repeats its model calls' usage; it must equal their sum, or a normaliser could not spot it.
    const researcher = spans.find((span) => text(span, 'gen_ai.agent.name') === 'researcher')!;
    const own = childrenOf(spans, researcher).map(modelUsage);
    expect(count(researcher, 'gen_ai.usage.input_tokens')).toBe(own.reduce((sum, u) => sum + u.input, 0));
  });

  it('tool-loop calls get_order_status at least 12 times with identical arguments and results, via deprecated names', () => {
    const spans = spansOf('tool-loop');
    const tools = ofOperation(spans, 'execute_tool');
    expect(tools.length).toBeGreaterThanOrEqual(12);
    expect(new Set(tools.map((span) => text(span, 'gen_ai.tool.call.arguments'))).size).toBe(1);
    expect(new Set(tools.map((span) => text(span, 'gen_ai.tool.call.result'))).size).toBe(1);
    expect(new Set(tools.map((span) => text(span, 'gen_ai.tool.call.id'))).size).toBe(tools.length);
    for (const chat of ofOperation(spans, 'chat')) {
      expect(chat.attributes['gen_ai.system']).toBe('openai');
      expect(count(chat, 'gen_ai.usage.prompt_tokens')).toBeGreaterThan(0);
      expect(chat.attributes['gen_ai.provider.name']).toBeUndefined();
      expect(chat.events.map((event) => event.name)).toEqual(['gen_ai.content.prompt', 'gen_ai.content.completion']);
    }
  });

  it('silent-failure has a 403 tool error under a root that reports OK', () => {
    const spans = spansOf('silent-failure');
    const failed = spans.filter((span) => span.status.code === SpanStatusCode.ERROR);
    expect(failed.map((span) => span.name)).toEqual(['execute_tool fetch_crm_account']);
    expect(failed[0]?.attributes['error.type']).toBe('403');
    expect(failed[0]?.attributes['http.response.status_code']).toBe(403);
    expect(roots(spans).map((root) => root.status.code)).toEqual([SpanStatusCode.OK]);
    const last = ofOperation(spans, 'chat').at(-1)!;
    expect(toNs(last.startTime)).toBeGreaterThan(toNs(failed[0]!.endTime));
  });

  it('empty-retrieval retrieves an empty document list and then answers anyway', () => {
    const spans = spansOf('empty-retrieval');
    const [retrieval] = ofOperation(spans, 'retrieval');
    expect(retrievedDocuments(retrieval!)).toEqual([]);
    expect(text(retrieval!, 'gen_ai.data_source.id')).toBe('product-docs-v3');
    const answer = JSON.parse(text(ofOperation(spans, 'chat')[0]!, 'gen_ai.output.messages')) as { parts: { content: string }[] }[];
    expect(answer[0]?.parts[0]?.content.length).toBeGreaterThan(20);
  });

  it('guardrails cover pass, rewrite, block and escalate, in the newest and the draft attributes', () => {
    const spans = ofOperation(spansOf('guardrails'), 'apply_guardrail');
    const verdictOf = (span: ReadableSpan) =>
      ({ NO_MATCH_FOUND: 'pass', ANONYMIZED: 'rewrite', BLOCKED: 'block' })[text(span, 'gen_ai.guardrail.result.value')] ??
      text(span, 'gen_ai.guardrail.verdict.type');
    expect(spans.map(verdictOf)).toEqual(['pass', 'rewrite', 'block', 'escalate']);
    for (const span of spans.filter((candidate) => text(candidate, 'gen_ai.guardrail.result.type'))) {
      const [event] = span.events;
      expect(event?.name).toBe('gen_ai.guardrail.result');
      expect(event?.attributes?.['gen_ai.guardrail.result.value']).toBe(text(span, 'gen_ai.guardrail.result.value'));
    }
  });

  it('context-window grows the input toward 128k and ends with finish reason length', () => {
    const chats = ofOperation(spansOf('context-window'), 'chat');
    const inputs = chats.map((chat) => modelUsage(chat).input);
    expect(inputs).toEqual([...inputs].sort((a, b) => a - b));
    const last = chats.at(-1)!;
    expect(last.attributes['gen_ai.response.finish_reasons']).toEqual(['length']);
    expect(inputs.at(-1)).toBeGreaterThanOrEqual(120_000);
    expect(modelUsage(last).input + modelUsage(last).output).toBeLessThanOrEqual(128_000);
    expect(modelUsage(last).output).toBe(last.attributes['gen_ai.request.max_tokens']);
  });

  it('cross-service keeps one trace across two services with a remote parent link', () => {
    const spans = spansOf('cross-service');
    expect(new Set(spans.map((span) => span.spanContext().traceId)).size).toBe(1);
    expect(new Set(spans.map(serviceOf))).toEqual(new Set(['trip-planner', 'booking-service']));
    const server = spans.find((span) => span.kind === SpanKind.SERVER)!;
    const client = parentOf(spans, server)!;
    expect(serviceOf(server)).toBe('booking-service');
    expect(server.parentSpanContext?.isRemote).toBe(true);
    expect(client.kind).toBe(SpanKind.CLIENT);
    expect(serviceOf(client)).toBe('trip-planner');
    expect(spans.filter((span) => serviceOf(span) === 'booking-service' && span !== server).every((span) => !span.parentSpanContext?.isRemote)).toBe(true);
  });

  it('cost-explosion makes at least 50 model calls with contexts past 100k tokens', () => {
    const chats = ofOperation(spansOf('cost-explosion'), 'chat');
    expect(chats.length).toBeGreaterThanOrEqual(50);
    expect(Math.max(...chats.map((chat) => modelUsage(chat).input))).toBeGreaterThan(100_000);
  });
});
