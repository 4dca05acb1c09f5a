/**
 * A local OpenAI-compatible model server for the real-client tests: `/v1/chat/completions` (plain and streamed)
 * and `/v1/embeddings` on 127.0.0.1, answering deterministically and recording every request with the usage it
 * reported, so a test can compare what Loupe stored with what the "provider" billed.
 *
 * Behaviour a client sees:
 * - A chat request that offers tools and whose conversation holds no tool result yet gets a tool call for the
 *   first tool, with arguments filled from the tool's JSON schema; any other chat request gets a text answer.
 *   An agent loop therefore runs exactly once through: call tool → answer.
 * - Usage always includes `prompt_tokens_details.cached_tokens` and `completion_tokens_details.reasoning_tokens`.
 *   Streams carry usage in a last, choice-less chunk only when `stream_options.include_usage` is set, as OpenAI's do.
 * - Embeddings honour `encoding_format: "base64"`, which the official client asks for by default.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeUsage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
  prompt_tokens_details: { cached_tokens: number };
  completion_tokens_details: { reasoning_tokens: number };
}

export interface RecordedCall {
  path: string;
  body: Record<string, unknown>;
  stream: boolean;
  /** What the answer reported; for a stream without `include_usage`, what it would have reported. */
  usage: FakeUsage | { prompt_tokens: number; total_tokens: number };
  /** The tool the answer called, '' for a text answer or an embedding. */
  toolCalled: string;
  /** The model name the answer carried. */
  responseModel: string;
}

export interface FakeOpenAIServer {
  /** Base URL for OpenAI clients, ending in `/v1`. */
  baseURL: string;
  calls: RecordedCall[];
  close(): Promise<void>;
}

/** Dated snapshot names, as OpenAI answers an alias with; the catalog prices both. */
const SNAPSHOTS: Record<string, string> = {
  'gpt-4o-mini': 'gpt-4o-mini-2024-07-18',
  'gpt-4o': 'gpt-4o-2024-08-06',
};

export const CACHED_TOKENS = 64;
export const REASONING_TOKENS = 6;
const EMBEDDING_DIMENSIONS = 8;

interface ChatMessage {
  role?: string;
  content?: unknown;
}

interface ToolOffer {
  type?: string;
  function?: { name?: string; parameters?: { properties?: Record<string, { type?: string }> } };
}

function responseModelFor(model: unknown): string {
  const name = typeof model === 'string' && model !== '' ? model : 'gpt-4o-mini';
  return SNAPSHOTS[name] ?? name;
}

/** Prompt size grows with the conversation, so every call of a loop reports different, checkable numbers. */
function chatUsage(messages: ChatMessage[], toolCall: boolean): FakeUsage {
  const prompt = 120 + 15 * messages.length;
  const completion = toolCall ? 18 : 25;
  return {
    prompt_tokens: prompt,
    completion_tokens: completion,
    total_tokens: prompt + completion,
    prompt_tokens_details: { cached_tokens: CACHED_TOKENS },
    completion_tokens_details: { reasoning_tokens: REASONING_TOKENS },
  };
}

function argumentsFor(tool: ToolOffer): string {
  const args: Record<string, unknown> = {};
  for (const [name, schema] of Object.entries(tool.function?.parameters?.properties ?? {})) {
    args[name] = schema.type === 'number' || schema.type === 'integer' ? 3 : schema.type === 'boolean' ? true : 'Paris';
  }
  return JSON.stringify(args);
}

function lastUserText(messages: ChatMessage[]): string {
  for (let i = messages.length - 1; i >= 0; i--) {
    const m = messages[i];
    if (m?.role === 'user' && typeof m.content === 'string') return m.content;
  }
  return '';
}

function readBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('error', reject);
    req.on('end', () => {
      try {
        const text = Buffer.concat(chunks).toString('utf8');
        resolve(text === '' ? {} : (JSON.parse(text) as Record<string, unknown>));
      } catch (error) {
        reject(new Error('Request body is not JSON', { cause: error }));
      }
    });
  });
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

let sequence = 0;
const nextId = (prefix: string) => `${prefix}-${(++sequence).toString().padStart(4, '0')}`;

function chat(body: Record<string, unknown>, calls: RecordedCall[], res: ServerResponse): void {
  const messages = Array.isArray(body.messages) ? (body.messages as ChatMessage[]) : [];
  const tools = Array.isArray(body.tools) ? (body.tools as ToolOffer[]) : [];
  const hasToolResult = messages.some((m) => m.role === 'tool');
  const tool = tools.length > 0 && !hasToolResult ? tools[0] : undefined;
  const toolName = tool?.function?.name ?? '';
  const usage = chatUsage(messages, tool !== undefined);
  const stream = body.stream === true;
  const model = responseModelFor(body.model);
  calls.push({ path: '/v1/chat/completions', body, stream, usage, toolCalled: toolName, responseModel: model });

  const id = nextId('chatcmpl');
  const created = 1_760_000_000;
  const toolCall = tool ? { id: nextId('call'), type: 'function', function: { name: toolName, arguments: argumentsFor(tool) } } : null;
  const text = toolCall ? null : `Answer to: ${lastUserText(messages) || 'the conversation'}`;
  const finishReason = toolCall ? 'tool_calls' : 'stop';

  if (!stream) {
    sendJson(res, 200, {
      id,
      object: 'chat.completion',
      created,
      model,
      system_fingerprint: 'fp_loupe',
      choices: [
        {
          index: 0,
          message: { role: 'assistant', content: text, refusal: null, ...(toolCall ? { tool_calls: [toolCall] } : {}) },
          logprobs: null,
          finish_reason: finishReason,
        },
      ],
      usage,
    });
    return;
  }

  const base = { id, object: 'chat.completion.chunk', created, model, system_fingerprint: 'fp_loupe' };
  const chunk = (delta: Record<string, unknown>, finish: string | null = null) => ({
    ...base,
    choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }],
  });
  const events: unknown[] = [chunk({ role: 'assistant', content: toolCall ? null : '' })];
  if (toolCall) {
    const args = toolCall.function.arguments;
    const half = Math.floor(args.length / 2);
    events.push(chunk({ tool_calls: [{ index: 0, id: toolCall.id, type: 'function', function: { name: toolName, arguments: '' } }] }));
    events.push(chunk({ tool_calls: [{ index: 0, function: { arguments: args.slice(0, half) } }] }));
    events.push(chunk({ tool_calls: [{ index: 0, function: { arguments: args.slice(half) } }] }));
  } else {
    const words = (text ?? '').split(' ');
    for (let i = 0; i < words.length; i++) events.push(chunk({ content: (i === 0 ? '' : ' ') + words[i] }));
  }
  events.push(chunk({}, finishReason));
  const options = body.stream_options as { include_usage?: boolean } | undefined;
  if (options?.include_usage === true) events.push({ ...base, choices: [], usage });

  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
  for (const event of events) res.write(`data: ${JSON.stringify(event)}\n\n`);
  res.end('data: [DONE]\n\n');
}

function embeddings(body: Record<string, unknown>, calls: RecordedCall[], res: ServerResponse): void {
  const inputs = Array.isArray(body.input) ? body.input : [body.input];
  const prompt = inputs.reduce<number>((sum, input) => sum + (typeof input === 'string' ? input.split(/\s+/).length + 2 : 4), 0);
  const usage = { prompt_tokens: prompt, total_tokens: prompt };
  const model = typeof body.model === 'string' ? body.model : 'text-embedding-3-small';
  calls.push({ path: '/v1/embeddings', body, stream: false, usage, toolCalled: '', responseModel: model });
  const base64 = body.encoding_format === 'base64';
  const data = inputs.map((_, index) => {
    const vector = Float32Array.from({ length: EMBEDDING_DIMENSIONS }, (__, i) => (index + 1) / (i + 2));
    return {
      object: 'embedding',
      index,
      embedding: base64 ? Buffer.from(vector.buffer).toString('base64') : Array.from(vector),
    };
  });
  sendJson(res, 200, { object: 'list', data, model, usage });
}

export async function startFakeOpenAIServer(): Promise<FakeOpenAIServer> {
  const calls: RecordedCall[] = [];
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '').split('?')[0];
    if (req.method !== 'POST') {
      sendJson(res, 405, { error: { message: `${req.method} not supported`, type: 'invalid_request_error' } });
      return;
    }
    readBody(req)
      .then((body) => {
        if (path === '/v1/chat/completions') chat(body, calls, res);
        else if (path === '/v1/embeddings') embeddings(body, calls, res);
        else sendJson(res, 404, { error: { message: `Unknown path ${path}`, type: 'invalid_request_error' } });
      })
      .catch((error: unknown) => {
        sendJson(res, 400, { error: { message: String(error), type: 'invalid_request_error' } });
      });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    calls,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
