import { describe, expect, it } from 'vitest';
import type { NodeType, Span } from '@/lib/span/types';
import { norm } from './test-fixtures';

describe('OpenInference span kinds', () => {
  const rows: [string, NodeType][] = [
    ['LLM', 'llm'],
    ['EMBEDDING', 'embedding'],
    ['CHAIN', 'chain'],
    ['RETRIEVER', 'retrieval'],
    ['RERANKER', 'rerank'],
    ['TOOL', 'tool'],
    ['AGENT', 'agent'],
    ['GUARDRAIL', 'guardrail'],
    ['EVALUATOR', 'evaluator'],
    ['PROMPT', 'chain'],
  ];
  it.each(rows)('%s → %s', (kind, nodeType) => {
    expect(norm({ 'openinference.span.kind': kind }).nodeType).toBe(nodeType);
  });
});

describe('OpenInference fields', () => {
  const rows: [keyof Span, Record<string, string | number>, unknown][] = [
    ['provider', { 'llm.provider': 'azure' }, 'azure.ai.openai'],
    ['provider', { 'llm.system': 'vertexai' }, 'gcp.vertex_ai'],
    ['provider', { 'llm.provider': 'openai', 'llm.system': 'anthropic' }, 'openai'],
    ['requestModel', { 'llm.request.model_name': 'gpt-4o', 'llm.model_name': 'gpt-4o-mini' }, 'gpt-4o'],
    ['requestModel', { 'llm.model_name': 'gpt-4o-mini' }, 'gpt-4o-mini'],
    ['requestModel', { 'embedding.model_name': 'text-embedding-3-small' }, 'text-embedding-3-small'],
    ['responseModel', { 'llm.response.model_name': 'gpt-4o-2024-08-06' }, 'gpt-4o-2024-08-06'],
    ['agentName', { 'agent.name': 'researcher' }, 'researcher'],
    ['conversationId', { 'session.id': 'sess-1' }, 'sess-1'],
    ['toolName', { 'tool.name': 'search' }, 'search'],
    ['toolCallId', { 'tool.id': 'call_9' }, 'call_9'],
    ['inputTokens', { 'llm.token_count.prompt': 900 }, 900],
    ['outputTokens', { 'llm.token_count.completion': 40 }, 40],
    ['cacheReadTokens', { 'llm.token_count.prompt': 900, 'llm.token_count.prompt_details.cache_read': 512 }, 512],
    ['cacheWriteTokens', { 'llm.token_count.prompt_details.cache_write': 64 }, 64],
    ['reasoningTokens', { 'llm.token_count.completion_details.reasoning': 30 }, 30],
    ['reportedCostUsd', { 'llm.cost.total': 0.0042 }, 0.0042],
    ['finishReasons', { 'llm.finish_reason': 'stop' }, ['stop']],
    // OTel names come first in the priority order.
    ['inputTokens', { 'gen_ai.usage.input_tokens': 100, 'llm.token_count.prompt': 90 }, 100],
  ];
  it.each(rows)('%s from %j', (field, attrs, expected) => {
    expect(norm(attrs)[field]).toEqual(expected);
  });
});

describe('OpenInference flattened content', () => {
  it('messages with tool calls and multimodal contents', () => {
    const span = norm({
      'openinference.span.kind': 'LLM',
      'llm.input_messages.0.message.role': 'system',
      'llm.input_messages.0.message.content': 'Be brief.',
      'llm.input_messages.1.message.role': 'user',
      'llm.input_messages.1.message.contents.0.message_content.type': 'text',
      'llm.input_messages.1.message.contents.0.message_content.text': 'What is this?',
      'llm.input_messages.1.message.contents.1.message_content.type': 'image',
      'llm.input_messages.1.message.contents.1.message_content.image.image.url': 'https://x/cat.png',
      'llm.input_messages.10.message.role': 'tool',
      'llm.input_messages.10.message.tool_call_id': 'call_1',
      'llm.input_messages.10.message.content': '{"temp":12}',
      'llm.output_messages.0.message.role': 'assistant',
      'llm.output_messages.0.message.tool_calls.0.tool_call.id': 'call_2',
      'llm.output_messages.0.message.tool_calls.0.tool_call.function.name': 'search',
      'llm.output_messages.0.message.tool_calls.0.tool_call.function.arguments': '{"q":"cats"}',
      'input.value': '{"messages":[]}',
      'llm.invocation_parameters': '{"temperature":0}',
    });
    expect(span.content.inputMessages).toEqual([
      { role: 'system', parts: [{ type: 'text', content: 'Be brief.' }] },
      {
        role: 'user',
        parts: [
          { type: 'text', content: 'What is this?' },
          { type: 'uri', modality: 'image', uri: 'https://x/cat.png' },
        ],
      },
      { role: 'tool', parts: [{ type: 'tool_call_response', id: 'call_1', response: { temp: 12 } }] },
    ]);
    expect(span.content.outputMessages).toEqual([
      { role: 'assistant', parts: [{ type: 'tool_call', id: 'call_2', name: 'search', arguments: { q: 'cats' } }] },
    ]);
    expect(span.attributes).toEqual({ 'openinference.span.kind': 'LLM', 'llm.invocation_parameters': '{"temperature":0}' });
  });

  it('retriever documents, query and scores', () => {
    const span = norm({
      'openinference.span.kind': 'RETRIEVER',
      'input.value': 'refund policy',
      'retrieval.documents.0.document.id': 'kb-1',
      'retrieval.documents.0.document.score': 0.7,
      'retrieval.documents.0.document.content': 'Refunds within 30 days.',
      'retrieval.documents.1.document.id': 'kb-2',
      'retrieval.documents.1.document.score': 0.9,
      'retrieval.documents.1.document.metadata': '{"source":"faq"}',
    });
    expect(span.content.retrievalQuery).toBe('refund policy');
    expect(span.retrievalDocCount).toBe(2);
    expect(span.retrievalTopScore).toBe(0.9);
    expect(span.content.retrievalDocuments).toEqual([
      { id: 'kb-1', score: 0.7, content: 'Refunds within 30 days.' },
      { id: 'kb-2', score: 0.9, metadata: { source: 'faq' } },
    ]);
  });

  it('tool spans: input.value and output.value are arguments and result', () => {
    const span = norm({ 'openinference.span.kind': 'TOOL', 'tool.name': 'search', 'input.value': '{"q":"x"}', 'output.value': 'no hits' });
    expect(span.content.toolArguments).toEqual({ q: 'x' });
    expect(span.content.toolResult).toBe('no hits');
  });

  it('chain spans: generic input and output become text messages', () => {
    const span = norm({ 'openinference.span.kind': 'CHAIN', 'input.value': 'question', 'output.value': 'answer' });
    expect(span.content.inputMessages).toEqual([{ role: 'user', parts: [{ type: 'text', content: 'question' }] }]);
    expect(span.content.outputMessages).toEqual([{ role: 'assistant', parts: [{ type: 'text', content: 'answer' }] }]);
  });

  it('evaluations and annotations', () => {
    const span = norm({
      'evaluations.0.evaluation.name': 'correctness',
      'evaluations.0.evaluation.score': 1,
      'evaluations.0.evaluation.label': 'correct',
      'annotations.0.annotation.name': 'thumbs',
      'annotations.0.annotation.label': 'down',
      'annotations.0.annotation.explanation': 'wrong city',
    });
    expect(span.evaluations).toEqual([
      { name: 'correctness', score: 1, label: 'correct', explanation: '' },
      { name: 'thumbs', score: null, label: 'down', explanation: 'wrong city' },
    ]);
  });
});

// Rows below are what @arizeai/openinference-instrumentation-openai 4.2.7 and -langchain 4.1.1 (LangGraph JS
// 1.7.3) really sent; see tests/fixtures/otlp/.
describe('OpenInference framework details in JSON attributes', () => {
  const langGraphMeta = (node?: string) =>
    JSON.stringify({
      ls_integration: 'langgraph',
      ...(node === undefined ? {} : { langgraph_step: 1, langgraph_node: node, langgraph_path: ['__pregel_pull', node] }),
    });
  const rows: [string, Record<string, string>, { name: string }, Partial<Span>][] = [
    [
      'OpenAI chat: the requested alias from llm.invocation_parameters, the snapshot that answered as response model',
      {
        'openinference.span.kind': 'LLM',
        'llm.model_name': 'gpt-4o-mini-2024-07-18',
        'llm.invocation_parameters': '{"model":"gpt-4o-mini","tools":[{"type":"function"}]}',
      },
      { name: 'OpenAI Chat Completions' },
      { nodeType: 'llm', requestModel: 'gpt-4o-mini', responseModel: 'gpt-4o-mini-2024-07-18' },
    ],
    [
      'an explicit llm.request.model_name still wins over the invocation parameters',
      { 'openinference.span.kind': 'LLM', 'llm.request.model_name': 'gpt-4o', 'llm.invocation_parameters': '{"model":"other"}' },
      { name: 'llm' },
      { requestModel: 'gpt-4o' },
    ],
    [
      'a LangGraph node is an agent named after the node',
      { 'openinference.span.kind': 'CHAIN', metadata: langGraphMeta('researcher') },
      { name: 'researcher' },
      { nodeType: 'agent', agentName: 'researcher', usageIsAggregate: true },
    ],
    [
      'a run inside a node inherits its metadata but is not the node',
      { 'openinference.span.kind': 'CHAIN', metadata: langGraphMeta('supervisor') },
      { name: 'RunnableLambda' },
      { nodeType: 'chain', agentName: '' },
    ],
    [
      'LangGraph bookkeeping nodes stay chains',
      { 'openinference.span.kind': 'CHAIN', metadata: langGraphMeta('__start__') },
      { name: '__start__' },
      { nodeType: 'chain', agentName: '' },
    ],
    [
      'the graph run itself is the workflow',
      { 'openinference.span.kind': 'CHAIN', metadata: langGraphMeta() },
      { name: 'LangGraph' },
      { nodeType: 'workflow' },
    ],
    [
      'a model call inside a node keeps its type',
      { 'openinference.span.kind': 'LLM', 'llm.model_name': 'gpt-4o-mini', metadata: langGraphMeta('writer') },
      { name: 'writer' },
      { nodeType: 'llm', agentName: '' },
    ],
    [
      'a LangChain model run names its provider only in metadata.ls_provider',
      {
        'openinference.span.kind': 'LLM',
        'llm.model_name': 'gpt-4o-mini',
        metadata: '{"ls_integration":"langchain_chat_model","langgraph_node":"supervisor","ls_provider":"openai","ls_model_name":"gpt-4o-mini"}',
      },
      { name: 'ChatOpenAI' },
      { nodeType: 'llm', provider: 'openai', agentName: '' },
    ],
    [
      'llm.provider still wins over metadata.ls_provider',
      { 'openinference.span.kind': 'LLM', 'llm.provider': 'azure', metadata: '{"ls_provider":"openai"}' },
      { name: 'AzureChatOpenAI' },
      { provider: 'azure.ai.openai' },
    ],
    [
      'metadata that is not JSON changes nothing',
      { 'openinference.span.kind': 'CHAIN', metadata: 'langgraph_node=researcher' },
      { name: 'researcher' },
      { nodeType: 'chain' },
    ],
  ];
  it.each(rows)('%s', (_, attributes, overrides, expected) => {
    expect(norm(attributes, overrides)).toMatchObject(expected);
  });
});
