/**
 * A two-agent LangGraph JS graph (a supervisor handing off to a researcher, which uses a tool, and to a writer),
 * observed by `@arizeai/openinference-instrumentation-langchain` → OTLP/HTTP → collector → trace API.
 * Enabled as its docs give for ES modules: `manuallyInstrument` on `@langchain/core/callbacks/manager`.
 */
import { LangChainInstrumentation } from '@arizeai/openinference-instrumentation-langchain';
import * as CallbackManagerModule from '@langchain/core/callbacks/manager';
import { AIMessage, HumanMessage, SystemMessage, type BaseMessage } from '@langchain/core/messages';
import { tool } from '@langchain/core/tools';
import { Annotation, END, MessagesAnnotation, START, StateGraph } from '@langchain/langgraph';
import { ChatOpenAI } from '@langchain/openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { getSpanContent, getTraceDetail, listTraces } from '../../lib/queries/traces';
import type { ApiTraceDetail } from '../../lib/span/api-types';
import { billedUsage, installedVersion, startClientHarness, type ClientHarness } from './harness';
import { expectBilledChatCall, gpt4oMiniCost } from './openai-run';

let h: ClientHarness;
let detail: ApiTraceDetail;

const State = Annotation.Root({ ...MessagesAnnotation.spec, next: Annotation<string>() });

const search = tool(({ query }: { query: string }) => Promise.resolve(`Paris: 18°C and sunny (${query})`), {
  name: 'search',
  description: 'Search the web',
  schema: z.object({ query: z.string() }),
});

function buildGraph(baseURL: string) {
  const model = new ChatOpenAI({ model: 'gpt-4o-mini', apiKey: 'test-key', configuration: { baseURL }, maxRetries: 0 });
  const spoke = (messages: BaseMessage[], name: string) => messages.some((m) => AIMessage.isInstance(m) && m.name === name);

  return new StateGraph(State)
    .addNode('supervisor', async (state) => {
      await model.invoke([new SystemMessage('You route work between a researcher and a writer.'), ...state.messages]);
      const next = !spoke(state.messages, 'researcher') ? 'researcher' : !spoke(state.messages, 'writer') ? 'writer' : END;
      return { next };
    })
    .addNode('researcher', async (state) => {
      const withTools = model.bindTools([search]);
      const conversation: BaseMessage[] = [new SystemMessage('You research facts.'), ...state.messages];
      const ask = await withTools.invoke(conversation);
      const call = ask.tool_calls?.[0];
      if (!call) throw new Error('the fake model server should have asked for the search tool');
      const result = await search.invoke(call);
      const answer = await withTools.invoke([...conversation, ask, result]);
      return { messages: [new AIMessage({ content: answer.text, name: 'researcher' })] };
    })
    .addNode('writer', async (state) => {
      const answer = await model.invoke([new SystemMessage('You write the final answer.'), ...state.messages]);
      return { messages: [new AIMessage({ content: answer.text, name: 'writer' })] };
    })
    .addEdge(START, 'supervisor')
    .addConditionalEdges('supervisor', (state) => state.next, ['researcher', 'writer', END])
    .addEdge('researcher', 'supervisor')
    .addEdge('writer', 'supervisor')
    .compile();
}

beforeAll(async () => {
  h = await startClientHarness('langgraph-app');
  const instrumentation = new LangChainInstrumentation({ tracerProvider: h.provider });
  instrumentation.manuallyInstrument(CallbackManagerModule);
  const graph = buildGraph(h.model.baseURL);
  await graph.invoke({ messages: [new HumanMessage('What is the weather in Paris?')] });
  await h.flush();
  instrumentation.disable();
  const list = await listTraces(h.db.client, h.db.database, { projectId: 'default', limit: 10 });
  detail = await getTraceDetail(h.db.client, h.db.database, 'default', list.traces[0]?.traceId ?? '');
  await h.recordFixture('openinference-langgraph', {
    instrumentation: await installedVersion('@arizeai/openinference-instrumentation-langchain'),
    client: `${await installedVersion('@langchain/langgraph')} ${await installedVersion('@langchain/openai')}`,
  });
});

afterAll(async () => {
  await h?.close();
});

describe('LangGraph + OpenInference → Loupe', () => {
  const byId = () => new Map(detail.spans.map((s) => [s.spanId, s]));

  it('shows the graph as a workflow whose nodes are agents, in hand-off order', () => {
    const root = detail.spans.find((s) => s.parentSpanId === '');
    expect(root).toMatchObject({ name: 'LangGraph', nodeType: 'workflow' });
    const agents = detail.spans.filter((s) => s.nodeType === 'agent');
    expect(agents.map((s) => s.agentName)).toEqual(['supervisor', 'researcher', 'supervisor', 'writer', 'supervisor']);
    for (const agent of agents) expect(agent).toMatchObject({ name: agent.agentName, parentSpanId: root?.spanId });
    expect(detail.trace.agents.slice().sort()).toEqual(['researcher', 'supervisor', 'writer']);
    expect(detail.spans.find((s) => s.name === '__start__')?.nodeType).toBe('chain');
  });

  it('puts each model call and the tool under the agent that made it', () => {
    const spans = byId();
    const ownerOf = (spanId: string) => spans.get(spans.get(spanId)?.parentSpanId ?? '')?.agentName;
    const llm = detail.spans.filter((s) => s.nodeType === 'llm');
    expect(llm.map((s) => ownerOf(s.spanId))).toEqual(['supervisor', 'researcher', 'researcher', 'supervisor', 'writer', 'supervisor']);
    const tools = detail.spans.filter((s) => s.nodeType === 'tool');
    expect(tools.map((s) => [s.toolName, ownerOf(s.spanId)])).toEqual([['search', 'researcher']]);
    expect(detail.trace).toMatchObject({ llmCallCount: 6, toolCallCount: 1 });
  });

  it('reads models and every token count of each model call as the model server reported them', () => {
    const llm = detail.spans.filter((s) => s.nodeType === 'llm');
    const calls = h.model.calls;
    expect(calls).toHaveLength(6);
    llm.forEach((span, i) => expectBilledChatCall(span, calls[i], { name: 'ChatOpenAI' }));
    expect(llm.map((s) => s.finishReasons[0])).toEqual(['stop', 'tool_calls', 'stop', 'stop', 'stop', 'stop']);
  });

  it('keeps the tool call the researcher’s model asked for, and the tool’s arguments and result', async () => {
    const [, ask] = detail.spans.filter((s) => s.nodeType === 'llm');
    const content = (spanId = '') => getSpanContent(h.db.client, h.db.database, 'default', detail.trace.traceId, spanId);
    const asked = await content(ask?.spanId);
    expect(asked.outputMessages?.[0]?.parts).toContainEqual(expect.objectContaining({ type: 'tool_call', name: 'search', arguments: { query: 'Paris' } }));
    const toolSpan = detail.spans.find((s) => s.nodeType === 'tool');
    const ran = await content(toolSpan?.spanId);
    expect(JSON.stringify(ran.toolArguments)).toContain('Paris');
    expect(JSON.stringify(ran.toolResult)).toContain('18°C and sunny');
  });

  it('counts usage once: agent and workflow spans add nothing, totals equal what the model server billed', () => {
    for (const span of detail.spans.filter((s) => s.nodeType === 'agent' || s.nodeType === 'workflow')) {
      expect(span).toMatchObject({ usageIsAggregate: true, costSource: 'none' });
    }
    const billed = billedUsage(h.model.calls);
    expect(detail.trace).toMatchObject({
      inputTokens: billed.inputTokens,
      outputTokens: billed.outputTokens,
      cacheReadTokens: billed.cacheReadTokens,
      reasoningTokens: billed.reasoningTokens,
      unpricedCount: 0,
    });
    const expected = h.model.calls.reduce((sum, { usage }) => {
      if (!('completion_tokens' in usage)) return sum;
      return sum + gpt4oMiniCost(usage.prompt_tokens, usage.prompt_tokens_details.cached_tokens, usage.completion_tokens);
    }, 0);
    expect(detail.trace.costUsd).toBeCloseTo(expected, 12);
  });
});
