/**
 * Vercel AI SDK legacy content: `ai.prompt.messages` (provider-call spans) or `ai.prompt` (`{system, prompt,
 * messages}` on wrappers) in, `ai.response.*` out, `ai.toolCall.args`/`result` for tools, `ai.value(s)` for
 * embeddings. AI SDK content parts (`{type:'text', text}`, `tool-call`, `tool-result`) go through `toPart`.
 */
import type { Attributes } from '@/lib/otlp/types';
import type { Message, MessagePart, Span } from '@/lib/span/types';
import type { ExtractContext } from './convention';
import { toMessages, toParts } from './messages';
import { asString, flattenAttributeValue, isRecord, parseContentValue } from './values';

function input(out: Span, attrs: Attributes): void {
  const c = out.content;
  const messages = attrs['ai.prompt.messages'];
  if (c.inputMessages === null && messages !== undefined) c.inputMessages = toMessages(parseContentValue(messages), 'user');
  const prompt = attrs['ai.prompt'];
  if (prompt !== undefined) {
    const parsed = parseContentValue(prompt);
    if (isRecord(parsed)) {
      if (c.systemInstructions === null && parsed.system !== undefined) c.systemInstructions = toParts(parsed.system);
      if (c.inputMessages === null && parsed.messages !== undefined) c.inputMessages = toMessages(parsed.messages, 'user');
      if (c.inputMessages === null && parsed.prompt !== undefined) c.inputMessages = toMessages(parsed.prompt, 'user');
    }
    if (c.inputMessages === null) c.inputMessages = toMessages(flattenAttributeValue(prompt), 'user');
  }
  const values = attrs['ai.values'] ?? attrs['ai.value'];
  if (c.inputMessages === null && values !== undefined) {
    const texts = Array.isArray(values) ? values : [values];
    c.inputMessages = texts.map((v) => ({ role: 'user', parts: [{ type: 'text', content: flattenAttributeValue(v) }] }));
  }
}

function output(out: Span, attrs: Attributes): void {
  if (out.content.outputMessages !== null) return;
  const parts: MessagePart[] = [];
  const reasoning = asString(attrs['ai.response.reasoning']);
  if (reasoning !== '') parts.push({ type: 'reasoning', content: reasoning });
  const text = attrs['ai.response.text'] ?? attrs['ai.response.object'];
  if (text !== undefined && text !== '') parts.push({ type: 'text', content: flattenAttributeValue(text) });
  const calls = attrs['ai.response.toolCalls'];
  if (calls !== undefined) {
    const parsed = parseContentValue(calls);
    // Tool calls here are `{toolCallId, toolName, args|input}`; without a type they would not read as calls.
    const list = Array.isArray(parsed) ? parsed.map((p) => (isRecord(p) ? { type: 'tool-call', ...p } : p)) : parsed;
    parts.push(...toParts(list));
  }
  if (parts.length === 0) return;
  const message: Message = { role: 'assistant', parts };
  const finish = asString(attrs['ai.response.finishReason']);
  if (finish !== '') message.finishReason = finish;
  out.content.outputMessages = [message];
}

export function extractVercelAi({ attrs, out }: ExtractContext): void {
  if (attrs['ai.operationId'] === undefined && !out.name.startsWith('ai.')) return;
  input(out, attrs);
  output(out, attrs);
  const c = out.content;
  const args = attrs['ai.toolCall.args'];
  if (args !== undefined && c.toolArguments === null) c.toolArguments = parseContentValue(args);
  const result = attrs['ai.toolCall.result'];
  if (result !== undefined && c.toolResult === null) c.toolResult = parseContentValue(result);
  if (out.nodeType === 'agent' && out.agentName === '') out.agentName = asString(attrs['ai.telemetry.functionId']);
}
