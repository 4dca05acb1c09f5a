/**
 * OpenLLMetry content and entities: flattened `gen_ai.prompt.N.*` / `gen_ai.completion.N.*` messages (only
 * numeric N: `gen_ai.prompt.name` is OTel's prompt template name), `traceloop.entity.*` for decorated
 * workflows, tasks, agents and tools, and vector-store hits sent as `db.query.result` events.
 */
import type { AttributeValue, Attributes, OtlpEvent } from '@/lib/otlp/types';
import type { Message, MessagePart, Span } from '@/lib/span/types';
import type { ExtractContext } from './convention';
import { collectIndexed } from './flattened';
import { toDocument, toMessage, toParts } from './messages';
import { asCount, MAX_DOC_COUNT, asString, flattenAttributeValue, parseContentValue } from './values';

type Fields = Record<string, AttributeValue>;

/** `content` is plain text, or a JSON list of content blocks for multimodal and Anthropic messages. */
function contentParts(v: AttributeValue | undefined): MessagePart[] {
  if (v === undefined || v === '') return [];
  const parsed = parseContentValue(v);
  if (Array.isArray(parsed)) return toParts(parsed);
  return [{ type: 'text', content: flattenAttributeValue(v) }];
}

function flatMessage(f: Fields, defaultRole: string): Message {
  const role = asString(f['role']) || defaultRole;
  const toolCallId = asString(f['tool_call_id']);
  const parts: MessagePart[] =
    toolCallId !== '' && f['content'] !== undefined
      ? [{ type: 'tool_call_response', id: toolCallId, response: parseContentValue(f['content']) }]
      : contentParts(f['content']);
  const refusal = asString(f['refusal']);
  if (refusal !== '') parts.push({ type: 'refusal', content: refusal });
  for (const { fields } of collectIndexed(f, 'tool_calls.')) {
    const part: MessagePart = { type: 'tool_call', name: asString(fields['name']) };
    const id = asString(fields['id']);
    if (id !== '') part.id = id;
    if (fields['arguments'] !== undefined) part.arguments = parseContentValue(fields['arguments']);
    parts.push(part);
  }
  const message: Message = { role, parts };
  const finish = asString(f['finish_reason']);
  if (finish !== '') message.finishReason = finish;
  return message;
}

function retrievalEvents(out: Span, events: readonly OtlpEvent[]): void {
  const hits = events.filter((e) => e.name === 'db.query.result');
  if (hits.length === 0) return;
  out.content.retrievalDocuments = hits.map((e) =>
    toDocument({
      id: e.attributes['db.query.result.id'],
      score: e.attributes['db.query.result.score'],
      document: e.attributes['db.query.result.document'],
      metadata: e.attributes['db.query.result.metadata'],
    }),
  );
  out.retrievalDocCount ??= hits.length;
}

/** Decorated entities: the entity name is the agent's or tool's name, its input and output the content. */
function entity(out: Span, attrs: Attributes): void {
  const kind = asString(attrs['traceloop.span.kind']);
  const name = asString(attrs['traceloop.entity.name']);
  if (kind === 'agent' && out.agentName === '') out.agentName = name;
  if (kind === 'tool' && out.toolName === '') out.toolName = name;
  const input = attrs['traceloop.entity.input'];
  const output = attrs['traceloop.entity.output'];
  const c = out.content;
  if (out.nodeType === 'tool') {
    if (input !== undefined && c.toolArguments === null) c.toolArguments = parseContentValue(input);
    if (output !== undefined && c.toolResult === null) c.toolResult = parseContentValue(output);
    return;
  }
  if (input !== undefined && c.inputMessages === null) c.inputMessages = [toMessage(flattenAttributeValue(input), 'user')];
  if (output !== undefined && c.outputMessages === null) {
    c.outputMessages = [toMessage(flattenAttributeValue(output), 'assistant')];
  }
}

export function extractOpenLlmetry({ span, attrs, out, seenPrefixes }: ExtractContext): void {
  const c = out.content;
  if (c.inputMessages === null && seenPrefixes.has('gen_ai.prompt.')) {
    c.inputMessages = collectIndexed(attrs, 'gen_ai.prompt.').map(({ fields }) => flatMessage(fields, 'user'));
  }
  if (c.outputMessages === null && seenPrefixes.has('gen_ai.completion.')) {
    c.outputMessages = collectIndexed(attrs, 'gen_ai.completion.').map(({ fields }) => flatMessage(fields, 'assistant'));
  }
  if (attrs['traceloop.span.kind'] !== undefined) entity(out, attrs);
  if (c.retrievalDocuments === null && span.events.length > 0) retrievalEvents(out, span.events);
  if (out.retrievalDocCount === null) out.retrievalDocCount = asCount(attrs['db.vector.query.result_count'], MAX_DOC_COUNT);
}
