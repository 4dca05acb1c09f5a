/**
 * GenAI steps on top of the plan builder: workflows, agents, model calls, tools, retrieval, embeddings,
 * guardrails and HTTP hops between services, each with the attributes of the current OpenTelemetry GenAI
 * conventions (or, for model calls marked `legacy`, the deprecated names older instrumentations still send).
 * Durations follow the work: a model call takes time to first token plus time per output token.
 */
import { assistant, assistantToolCalls, type ChatMessage, type MessagePart, type ToolCall } from './messages';
import { EMBEDDING_MODELS, MODELS, type EmbeddingModelId, type ModelId } from './models';
import { PlanError, Story, type Outcome } from './story';
import type { PlanAttributes, PlannedSpan, PlannedUsage } from './types';

export interface ChatSpec {
  system?: string;
  input: ChatMessage[];
  reply?: string;
  toolCalls?: { name: string; arguments: Record<string, unknown> }[];
  usage: { input: number; output: number; cacheRead?: number; cacheWrite?: number; reasoning?: number };
  /** Defaults to toolCall when the reply calls tools, else stop. */
  finish?: 'stop' | 'toolCall' | 'length';
  /** Deprecated names (`gen_ai.system`, `gen_ai.usage.prompt_tokens`) and content as span events. */
  legacy?: boolean;
  maxTokens?: number;
  temperature?: number;
}

export interface ChatResult {
  span: PlannedSpan;
  toolCalls: ToolCall[];
}

export interface ToolSpec {
  callId?: string;
  arguments: Record<string, unknown>;
  result?: unknown;
  error?: { type: string; message: string; httpStatus?: number };
  durationMs?: [number, number];
  description?: string;
}

export interface RetrievalSpec {
  query: string;
  documents: { id: string; score: number }[];
  topK: number;
  provider?: string;
}

export interface GuardrailSpec {
  source: 'INPUT' | 'OUTPUT' | 'tool_input';
  policyId?: string;
  /** Newest draft: the provider-native result field and value, also sent as a `gen_ai.guardrail.result` event. */
  result?: { type: string; value: string; reason?: string };
  /** Earlier draft: a generalised verdict, as some guardrail libraries still report it. */
  draftVerdict?: {
    type: 'allow' | 'deny' | 'modify' | 'warn' | 'escalate';
    reason: string;
    target: 'input' | 'output';
    subtype?: 'llm' | 'tool_call' | 'retrieval';
  };
  riskCategory?: string;
  riskScore?: number;
}

const json = (value: unknown): string => JSON.stringify(value);

export class AgentStory extends Story {
  private conversationId = '';

  /** Starts a conversation; model and agent spans after this carry its `gen_ai.conversation.id`. */
  startConversation(prefix = 'conv_'): string {
    this.conversationId = `${prefix}${this.rng.alnum(20)}`;
    return this.conversationId;
  }

  private conversation(): PlanAttributes {
    return this.conversationId ? { 'gen_ai.conversation.id': this.conversationId } : {};
  }

  workflow(name: string, body: () => void, outcome: Outcome = { status: 'ok' }): PlannedSpan {
    const attributes = { 'gen_ai.operation.name': 'invoke_workflow', 'gen_ai.workflow.name': name };
    return this.within(`invoke_workflow ${name}`, { kind: 'internal', nodeType: 'workflow', attributes }, body, outcome);
  }

  /**
   * An in-process agent. With `reportUsage`, the span also carries the sum of its model calls' usage, as some
   * frameworks do: that usage is an aggregate and must never be counted a second time.
   */
  agent(
    name: string,
    options: { model?: ModelId; description?: string; reportUsage?: boolean },
    body: () => void,
    outcome?: Outcome,
  ): PlannedSpan {
    const attributes: PlanAttributes = {
      'gen_ai.operation.name': 'invoke_agent',
      'gen_ai.agent.name': name,
      ...this.conversation(),
    };
    if (options.model) {
      attributes['gen_ai.provider.name'] = MODELS[options.model].provider;
      attributes['gen_ai.request.model'] = options.model;
    }
    if (options.description) attributes['gen_ai.agent.description'] = options.description;
    const span = this.within(`invoke_agent ${name}`, { kind: 'internal', nodeType: 'agent', attributes }, body, outcome);
    if (options.reportUsage) {
      const total = sumUsage(span);
      Object.assign(span.attributes, {
        'gen_ai.usage.input_tokens': total.inputTokens,
        'gen_ai.usage.output_tokens': total.outputTokens,
        'gen_ai.usage.cache_read.input_tokens': total.cacheReadTokens,
      });
    }
    return span;
  }

  chat(model: ModelId, spec: ChatSpec): ChatResult {
    const profile = MODELS[model];
    const cacheRead = spec.usage.cacheRead ?? 0;
    const cacheWrite = spec.usage.cacheWrite ?? 0;
    const reasoning = spec.usage.reasoning ?? 0;
    if (cacheRead + cacheWrite > spec.usage.input || reasoning > spec.usage.output) {
      throw new PlanError(`chat ${model}: cached or reasoning tokens exceed the totals they are part of`);
    }
    if (spec.legacy && (cacheRead || cacheWrite || reasoning)) {
      throw new PlanError(`chat ${model}: the deprecated conventions have no cache or reasoning token attributes`);
    }
    const toolCalls: ToolCall[] = (spec.toolCalls ?? []).map((call) => ({
      id: `${profile.toolCallIdPrefix}${this.rng.alnum(24)}`,
      name: call.name,
      arguments: call.arguments,
    }));
    const finish = profile.finish[spec.finish ?? (toolCalls.length > 0 ? 'toolCall' : 'stop')];
    const output: ChatMessage =
      toolCalls.length > 0 ? assistantToolCalls(toolCalls) : assistant(spec.reply ?? '');
    if (toolCalls.length > 0 && spec.reply) output.parts.unshift({ type: 'text', content: spec.reply });

    const attributes: PlanAttributes = {
      'gen_ai.operation.name': 'chat',
      'gen_ai.request.model': model,
      'gen_ai.response.model': profile.responseModel,
      'gen_ai.response.finish_reasons': [finish],
      'server.address': profile.serverAddress,
      'server.port': 443,
      ...this.conversation(),
    };
    if (profile.responseIdPrefix) {
      attributes['gen_ai.response.id'] = `${profile.responseIdPrefix}${this.rng.alnum(profile.responseIdLength)}`;
    }
    if (spec.maxTokens) attributes['gen_ai.request.max_tokens'] = spec.maxTokens;
    if (profile.acceptsTemperature) attributes['gen_ai.request.temperature'] = spec.temperature ?? 0.2;
    if (spec.legacy) {
      Object.assign(attributes, {
        'gen_ai.system': profile.provider,
        'gen_ai.usage.prompt_tokens': spec.usage.input,
        'gen_ai.usage.completion_tokens': spec.usage.output,
      });
    } else {
      Object.assign(attributes, {
        'gen_ai.provider.name': profile.provider,
        'gen_ai.usage.input_tokens': spec.usage.input,
        'gen_ai.usage.output_tokens': spec.usage.output,
        'gen_ai.input.messages': json(spec.input),
        'gen_ai.output.messages': json([{ ...output, finish_reason: finish }]),
      });
      if (spec.system) attributes['gen_ai.system_instructions'] = json([{ type: 'text', content: spec.system }]);
      if (cacheRead) attributes['gen_ai.usage.cache_read.input_tokens'] = cacheRead;
      if (cacheWrite) attributes['gen_ai.usage.cache_write.input_tokens'] = cacheWrite;
      if (reasoning) attributes['gen_ai.usage.reasoning.output_tokens'] = reasoning;
    }
    const usage: PlannedUsage = {
      inputTokens: spec.usage.input,
      outputTokens: spec.usage.output,
      cacheReadTokens: cacheRead,
      cacheWriteTokens: cacheWrite,
      reasoningTokens: reasoning,
    };
    const span = this.open(`chat ${model}`, { kind: 'client', nodeType: 'llm', attributes, usage });
    if (spec.legacy) {
      // v1.26-style content: span events carrying the prompt and completion as JSON-ish strings.
      this.event(span, 'gen_ai.content.prompt', { 'gen_ai.prompt': json(flatten(spec.input, spec.system)) });
    }
    const uncachedK = (spec.usage.input - cacheRead) / 1000;
    this.pause(...profile.firstTokenMs);
    this.pause(Math.round(uncachedK * 4), Math.round(uncachedK * 9));
    const [fast, slow] = profile.msPerOutputToken;
    this.pause(spec.usage.output * fast, spec.usage.output * slow);
    if (spec.legacy) this.event(span, 'gen_ai.content.completion', { 'gen_ai.completion': json(flatten([output])) });
    this.close(span);
    return { span, toolCalls };
  }

  embeddings(model: EmbeddingModelId, inputTokens: number): PlannedSpan {
    const profile = EMBEDDING_MODELS[model];
    const attributes: PlanAttributes = {
      'gen_ai.operation.name': 'embeddings',
      'gen_ai.provider.name': profile.provider,
      'gen_ai.request.model': model,
      'gen_ai.response.model': model,
      'gen_ai.usage.input_tokens': inputTokens,
      'gen_ai.embeddings.dimension.count': profile.dimensions,
      'gen_ai.request.encoding_formats': ['float'],
      'server.address': profile.serverAddress,
      'server.port': 443,
    };
    const usage: PlannedUsage = {
      inputTokens,
      outputTokens: 0,
      cacheReadTokens: 0,
      cacheWriteTokens: 0,
      reasoningTokens: 0,
    };
    const spec = { kind: 'client' as const, nodeType: 'embedding' as const, attributes, usage };
    return this.leaf(`embeddings ${model}`, spec, this.rng.int(60, 220));
  }

  tool(name: string, spec: ToolSpec): PlannedSpan {
    const attributes: PlanAttributes = {
      'gen_ai.operation.name': 'execute_tool',
      'gen_ai.tool.name': name,
      'gen_ai.tool.type': 'function',
      'gen_ai.tool.call.arguments': json(spec.arguments),
    };
    if (spec.callId) attributes['gen_ai.tool.call.id'] = spec.callId;
    if (spec.description) attributes['gen_ai.tool.description'] = spec.description;
    if (spec.result !== undefined) attributes['gen_ai.tool.call.result'] = json(spec.result);
    const outcome: Outcome = {};
    if (spec.error) {
      attributes['error.type'] = spec.error.type;
      if (spec.error.httpStatus) attributes['http.response.status_code'] = spec.error.httpStatus;
      outcome.status = 'error';
      outcome.statusMessage = spec.error.message;
    }
    const [min, max] = spec.durationMs ?? [40, 900];
    const span = this.open(`execute_tool ${name}`, { kind: 'internal', nodeType: 'tool', attributes });
    this.pause(min, max);
    if (spec.error) {
      this.event(span, 'exception', { 'exception.type': spec.error.type, 'exception.message': spec.error.message });
    }
    return this.close(span, outcome);
  }

  retrieval(dataSource: string, spec: RetrievalSpec): PlannedSpan {
    const attributes: PlanAttributes = {
      'gen_ai.operation.name': 'retrieval',
      'gen_ai.data_source.id': dataSource,
      'gen_ai.request.top_k': spec.topK,
      'gen_ai.retrieval.query.text': spec.query,
      'gen_ai.retrieval.documents': json(spec.documents),
    };
    if (spec.provider) attributes['gen_ai.provider.name'] = spec.provider;
    const nodeSpec = { kind: 'client' as const, nodeType: 'retrieval' as const, attributes };
    return this.leaf(`retrieval ${dataSource}`, nodeSpec, this.rng.int(35, 240));
  }

  guardrail(component: string, spec: GuardrailSpec): PlannedSpan {
    const attributes: PlanAttributes = {
      'gen_ai.operation.name': 'apply_guardrail',
      'gen_ai.guardrail.component.name': component,
      'gen_ai.guardrail.source': spec.source,
    };
    if (spec.policyId) attributes['gen_ai.guardrail.policy.id'] = spec.policyId;
    if (spec.riskCategory) attributes['gen_ai.guardrail.risk.category'] = spec.riskCategory;
    if (spec.riskScore !== undefined) attributes['gen_ai.guardrail.risk.score'] = spec.riskScore;
    const result: PlanAttributes = {};
    if (spec.result) {
      result['gen_ai.guardrail.result.type'] = spec.result.type;
      result['gen_ai.guardrail.result.value'] = spec.result.value;
      if (spec.result.reason) result['gen_ai.guardrail.result.reason'] = spec.result.reason;
      Object.assign(attributes, result);
    }
    if (spec.draftVerdict) {
      attributes['gen_ai.guardrail.verdict.type'] = spec.draftVerdict.type;
      attributes['gen_ai.guardrail.verdict.reason'] = spec.draftVerdict.reason;
      attributes['gen_ai.guardrail.target.type'] = spec.draftVerdict.target;
      if (spec.draftVerdict.subtype) attributes['gen_ai.guardrail.target.subtype'] = spec.draftVerdict.subtype;
    }
    const span = this.open(`apply_guardrail ${component}`, { kind: 'client', nodeType: 'guardrail', attributes });
    this.pause(45, 320);
    if (spec.result) this.event(span, 'gen_ai.guardrail.result', result);
    return this.close(span);
  }

  /**
   * A request to another service: an HTTP client span here, a server span in `service` (reached over real HTTP
   * with W3C trace context when emitted), and `body` running inside that service.
   */
  callService(target: { service: string; host: string; route: string }, body: () => void): PlannedSpan {
    const client = this.open(`POST ${target.route}`, {
      kind: 'client',
      nodeType: 'span',
      attributes: {
        'http.request.method': 'POST',
        'url.full': `http://${target.host}${target.route}`,
        'url.template': target.route,
        'server.address': target.host,
        'server.port': 80,
      },
    });
    this.pause(2, 9);
    this.inService(target.service, () => {
      const server = this.open(`POST ${target.route}`, {
        kind: 'server',
        nodeType: 'span',
        attributes: { 'http.request.method': 'POST', 'http.route': target.route, 'url.path': target.route, 'url.scheme': 'http' },
      });
      body();
      this.close(server, { attributes: { 'http.response.status_code': 200 } });
    });
    this.pause(2, 9);
    return this.close(client, { attributes: { 'http.response.status_code': 200 } });
  }
}

/** Own usage of every model call under a span. */
export function sumUsage(root: PlannedSpan): PlannedUsage {
  const total: PlannedUsage = { inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0, reasoningTokens: 0 };
  const pending = [root];
  for (let span = pending.pop(); span; span = pending.pop()) {
    if (span.usage) {
      total.inputTokens += span.usage.inputTokens;
      total.outputTokens += span.usage.outputTokens;
      total.cacheReadTokens += span.usage.cacheReadTokens;
      total.cacheWriteTokens += span.usage.cacheWriteTokens;
      total.reasoningTokens += span.usage.reasoningTokens;
    }
    pending.push(...span.children);
  }
  return total;
}

/** The pre-v1.28 content shape: `[{role, content}]` with text only. */
function flatten(messages: ChatMessage[], system?: string): { role: string; content: string }[] {
  const text = (parts: MessagePart[]) =>
    parts.map((part) => (part.type === 'text' ? part.content : part.type === 'tool_call' ? `${part.name}(...)` : '')).join('');
  const flat = messages.map((message) => ({ role: message.role, content: text(message.parts) }));
  return system ? [{ role: 'system', content: system }, ...flat] : flat;
}
