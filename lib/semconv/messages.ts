/**
 * Content of every generation into one `Message`/`MessagePart` shape: the current parts schema
 * (`{role, parts:[{type:'text', content}]}`), OpenAI-style bodies (`{role, content, tool_calls}`) used by the
 * v1.26 and v1.28 events, and plain strings. Input is a parsed JSON value or a structured attribute value.
 * Nothing is dropped: a value that fits no known shape becomes a text part holding its JSON.
 */
import type { Message, MessagePart, RetrievedDocument } from '@/lib/span/types';
import { fieldNumber, fieldString, isRecord, parseContentValue } from './values';
import type { AttributeValue } from '@/lib/otlp/types';

function textOf(v: unknown): string {
  if (typeof v === 'string') return v;
  if (v === null || v === undefined) return '';
  return JSON.stringify(v);
}

/** Tool-call arguments arrive as JSON strings in OpenAI-style bodies; keep the object when they parse. */
function argumentsOf(v: unknown): unknown {
  return typeof v === 'string' ? parseContentValue(v) : v;
}

/** One part of the current schema, or an OpenAI/Anthropic content block, or a bare string. */
export function toPart(p: unknown): MessagePart {
  if (!isRecord(p)) return { type: 'text', content: textOf(p) };
  const type = typeof p.type === 'string' ? p.type : '';
  switch (type) {
    case 'text':
    case 'input_text':
    case 'output_text':
      return { type: 'text', content: textOf(p.content ?? p.text) };
    case 'reasoning':
    case 'thinking':
      return { type: 'reasoning', content: textOf(p.content ?? p.text ?? p.thinking) };
    case 'tool_call':
    case 'tool_use':
    case 'tool-call': {
      const part: MessagePart = { type: 'tool_call', name: fieldString(p, 'name') || fieldString(p, 'toolName') };
      const id = fieldString(p, 'id') || fieldString(p, 'toolCallId');
      if (id !== '') part.id = id;
      const args = p.arguments ?? p.input ?? p.args;
      if (args !== undefined) part.arguments = argumentsOf(args);
      return part;
    }
    case 'tool_call_response':
    case 'tool_result':
    case 'tool-result': {
      // The registry example says `result` where the schema says `response`: accept both.
      const part: MessagePart = { type: 'tool_call_response', response: p.response ?? p.result ?? p.output ?? p.content ?? null };
      const id = fieldString(p, 'id') || fieldString(p, 'tool_use_id') || fieldString(p, 'toolCallId');
      if (id !== '') part.id = id;
      return part;
    }
    case '':
      // A typeless object is not a part we know: keep it whole as text rather than guess.
      return { type: 'text', content: JSON.stringify(p) };
    default:
      return { ...p, type };
  }
}

export function toParts(v: unknown): MessagePart[] {
  if (Array.isArray(v)) return v.map(toPart);
  if (v === null || v === undefined) return [];
  return [toPart(v)];
}

/** OpenAI-style `tool_calls: [{id, type:'function', function:{name, arguments}}]` → tool_call parts. */
function toolCallParts(calls: unknown): MessagePart[] {
  if (!Array.isArray(calls)) return [];
  const parts: MessagePart[] = [];
  for (const call of calls) {
    if (!isRecord(call)) continue;
    const fn = isRecord(call.function) ? call.function : call;
    const part: MessagePart = { type: 'tool_call', name: fieldString(fn, 'name') };
    const id = fieldString(call, 'id');
    if (id !== '') part.id = id;
    const args = fn.arguments;
    if (args !== undefined) part.arguments = argumentsOf(args);
    parts.push(part);
  }
  return parts;
}

/** One message in any of the known body shapes; `defaultRole` when the source did not say. */
export function toMessage(v: unknown, defaultRole: string): Message {
  if (!isRecord(v)) return { role: defaultRole, parts: [{ type: 'text', content: textOf(v) }] };
  // gen_ai.choice body: {index, finish_reason, message:{role, content, tool_calls}}
  const body = isRecord(v.message) ? { ...v.message, finish_reason: v.finish_reason ?? v.message.finish_reason } : v;
  const role = fieldString(body, 'role') || defaultRole;
  let parts: MessagePart[];
  if (Array.isArray(body.parts)) {
    parts = body.parts.map(toPart);
  } else if (role === 'tool' && body.content !== undefined && (body.id !== undefined || body.tool_call_id !== undefined)) {
    const part: MessagePart = { type: 'tool_call_response', response: body.content };
    part.id = fieldString(body, 'id') || fieldString(body, 'tool_call_id');
    parts = [part];
  } else if (typeof body.content === 'string') {
    parts = body.content === '' ? [] : [{ type: 'text', content: body.content }];
  } else if (body.content !== undefined && body.content !== null) {
    parts = toParts(body.content);
  } else if (!('tool_calls' in body) && !('parts' in body)) {
    parts = [{ type: 'text', content: JSON.stringify(v) }];
  } else {
    parts = [];
  }
  parts.push(...toolCallParts(body.tool_calls));
  const message: Message = { role, parts };
  const name = fieldString(body, 'name');
  if (name !== '') message.name = name;
  const finish = fieldString(body, 'finish_reason');
  if (finish !== '') message.finishReason = finish;
  return message;
}

/** A list of messages from a parsed value: an array, a single message object, or plain text. */
export function toMessages(v: unknown, defaultRole: string): Message[] {
  if (Array.isArray(v)) return v.map((m) => toMessage(m, defaultRole));
  if (v === null || v === undefined || v === '') return [];
  return [toMessage(v, defaultRole)];
}

/** Messages from an attribute value (JSON string or structured). */
export function messagesFromAttribute(v: AttributeValue | undefined, defaultRole: string): Message[] {
  return toMessages(parseContentValue(v), defaultRole);
}

export interface ParsedDocuments {
  documents: RetrievedDocument[];
  /** False when the value was not a list (unparseable JSON): the count is then unknown. */
  isList: boolean;
}

export function toDocument(d: unknown): RetrievedDocument {
  if (!isRecord(d)) return { id: '', score: null, content: textOf(d) };
  const doc: RetrievedDocument = { id: fieldString(d, 'id'), score: fieldNumber(d, 'score') };
  const content = d.content ?? d.text ?? d.document ?? d.page_content;
  if (content !== undefined && content !== null) doc.content = textOf(content);
  if (d.metadata !== undefined) doc.metadata = typeof d.metadata === 'string' ? parseContentValue(d.metadata) : d.metadata;
  return doc;
}

/** `gen_ai.retrieval.documents` / `gen_ai.memory.records`: a JSON array of `{id, score, …}`. */
export function documentsFromAttribute(v: AttributeValue | undefined): ParsedDocuments {
  const parsed = parseContentValue(v);
  if (Array.isArray(parsed)) return { documents: parsed.map(toDocument), isList: true };
  return { documents: [toDocument(parsed)], isList: false };
}
