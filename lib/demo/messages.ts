/**
 * Chat content in the shape of the GenAI message schema (`gen_ai.input.messages` / `gen_ai.output.messages`):
 * `{role, parts[]}` with text, tool_call and tool_call_response parts. Spans carry them as JSON strings, which the
 * conventions allow for SDKs that cannot attach structured attributes.
 */

export type MessagePart =
  | { type: 'text'; content: string }
  | { type: 'reasoning'; content: string }
  | { type: 'tool_call'; id: string; name: string; arguments: unknown }
  | { type: 'tool_call_response'; id: string; response: unknown };

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant' | 'tool';
  parts: MessagePart[];
}

export const user = (content: string): ChatMessage => ({ role: 'user', parts: [{ type: 'text', content }] });
export const assistant = (content: string): ChatMessage => ({
  role: 'assistant',
  parts: [{ type: 'text', content }],
});

export interface ToolCall {
  id: string;
  name: string;
  arguments: Record<string, unknown>;
}

export const assistantToolCalls = (calls: ToolCall[]): ChatMessage => ({
  role: 'assistant',
  parts: calls.map((call) => ({ type: 'tool_call', id: call.id, name: call.name, arguments: call.arguments })),
});

export const toolResponse = (id: string, response: unknown): ChatMessage => ({
  role: 'tool',
  parts: [{ type: 'tool_call_response', id, response }],
});
