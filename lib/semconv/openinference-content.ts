/**
 * OpenInference's flattened content → canonical content. Lists arrive as `<list>.<N>.<item>.<field>` keys;
 * each list is regrouped once (`collectIndexed`) and only when the attribute scan saw its prefix.
 * `input.value`/`output.value` are the generic I/O of any span kind: tool spans' arguments and result,
 * retrievers' query, otherwise a single text message when no structured messages were sent (when they were,
 * the generic value is the same request rendered as JSON and is not stored twice).
 */
import type { AttributeValue, Attributes } from '@/lib/otlp/types';
import type { Message, MessagePart, RetrievedDocument, Span } from '@/lib/span/types';
import type { ExtractContext } from './convention';
import { collectIndexed } from './flattened';
import { refineOpenInference } from './openinference-frameworks';
import { toDocument, toMessage } from './messages';
import { asNumber, asString, flattenAttributeValue, parseContentValue } from './values';

type Fields = Record<string, AttributeValue>;

function contentPart(f: Fields): MessagePart {
  const type = asString(f['message_content.type']) || 'text';
  if (type === 'text') return { type: 'text', content: asString(f['message_content.text']) };
  if (type === 'reasoning') return { type: 'reasoning', content: asString(f['message_content.text']) };
  if (type === 'image') return { type: 'uri', modality: 'image', uri: asString(f['message_content.image.image.url']) };
  if (type === 'audio') return { type: 'uri', modality: 'audio', uri: asString(f['message_content.audio.audio.url']) };
  if (type === 'tool_use') {
    return {
      type: 'tool_call',
      id: asString(f['message_content.tool_call.id']),
      name: asString(f['message_content.tool_call.function.name']),
      arguments: parseContentValue(f['message_content.tool_call.function.arguments']),
    };
  }
  const part: MessagePart = { type };
  for (const key in f) part[key.replace('message_content.', '')] = f[key];
  return part;
}

function toolCallPart(f: Fields): MessagePart {
  const part: MessagePart = { type: 'tool_call', name: asString(f['tool_call.function.name']) };
  const id = asString(f['tool_call.id']);
  if (id !== '') part.id = id;
  const args = f['tool_call.function.arguments'];
  if (args !== undefined) part.arguments = parseContentValue(args);
  return part;
}

function oiMessage(f: Fields, defaultRole: string): Message {
  const role = asString(f['message.role']) || defaultRole;
  const parts: MessagePart[] = [];
  const content = f['message.content'];
  const toolCallId = asString(f['message.tool_call_id']);
  if (content !== undefined && toolCallId !== '') {
    parts.push({ type: 'tool_call_response', id: toolCallId, response: parseContentValue(content) });
  } else if (content !== undefined && content !== '') {
    parts.push({ type: 'text', content: asString(content) || JSON.stringify(content) });
  }
  for (const { fields } of collectIndexed(f, 'message.contents.')) parts.push(contentPart(fields));
  for (const { fields } of collectIndexed(f, 'message.tool_calls.')) parts.push(toolCallPart(fields));
  const fnName = asString(f['message.function_call_name']);
  if (fnName !== '') {
    parts.push({ type: 'tool_call', name: fnName, arguments: parseContentValue(f['message.function_call_arguments_json']) });
  }
  const message: Message = { role, parts };
  const name = asString(f['message.name']);
  if (name !== '') message.name = name;
  return message;
}

function messages(attrs: Attributes, prefix: string, role: string): Message[] {
  return collectIndexed(attrs, prefix).map(({ fields }) => oiMessage(fields, role));
}

function textMessages(attrs: Attributes, prefix: string, field: string, role: string): Message[] {
  return collectIndexed(attrs, prefix).map(({ fields }) => ({
    role,
    parts: [{ type: 'text', content: asString(fields[field]) }],
  }));
}

function documents(attrs: Attributes, prefix: string): RetrievedDocument[] {
  return collectIndexed(attrs, prefix).map(({ fields }) =>
    toDocument({
      id: fields['document.id'],
      score: fields['document.score'],
      content: fields['document.content'],
      metadata: fields['document.metadata'],
    }),
  );
}

function evaluations(out: Span, attrs: Attributes, prefix: string, item: string): void {
  for (const { fields } of collectIndexed(attrs, prefix)) {
    out.evaluations.push({
      name: asString(fields[`${item}.name`]),
      score: asNumber(fields[`${item}.score`]),
      label: asString(fields[`${item}.label`]),
      explanation: asString(fields[`${item}.explanation`]),
    });
  }
}

function genericIo(out: Span, attrs: Attributes): void {
  const input = attrs['input.value'];
  const output = attrs['output.value'];
  const c = out.content;
  if (out.nodeType === 'tool') {
    if (input !== undefined && c.toolArguments === null) c.toolArguments = parseContentValue(input);
    if (output !== undefined && c.toolResult === null) c.toolResult = parseContentValue(output);
    return;
  }
  if (out.nodeType === 'retrieval' || out.nodeType === 'rerank') {
    const query = attrs['reranker.query'] ?? input;
    if (query !== undefined && c.retrievalQuery === null) c.retrievalQuery = asString(query) || JSON.stringify(query);
    return;
  }
  if (input !== undefined && c.inputMessages === null) c.inputMessages = [toMessage(flattenAttributeValue(input), 'user')];
  if (output !== undefined && c.outputMessages === null) {
    c.outputMessages = [toMessage(flattenAttributeValue(output), 'assistant')];
  }
}

export function extractOpenInference(ctx: ExtractContext): void {
  const { attrs, out, seenPrefixes } = ctx;
  const c = out.content;
  if (c.inputMessages === null && seenPrefixes.has('llm.input_messages.')) {
    c.inputMessages = messages(attrs, 'llm.input_messages.', 'user');
  }
  if (c.outputMessages === null && seenPrefixes.has('llm.output_messages.')) {
    c.outputMessages = messages(attrs, 'llm.output_messages.', 'assistant');
  }
  if (c.inputMessages === null && seenPrefixes.has('llm.prompts.')) {
    c.inputMessages = textMessages(attrs, 'llm.prompts.', 'prompt.text', 'user');
  }
  if (c.outputMessages === null && seenPrefixes.has('llm.choices.')) {
    c.outputMessages = textMessages(attrs, 'llm.choices.', 'completion.text', 'assistant');
  }
  // Embedded texts are the embedding call's input; the vectors are not kept (large and not readable).
  if (c.inputMessages === null && seenPrefixes.has('embedding.embeddings.')) {
    c.inputMessages = textMessages(attrs, 'embedding.embeddings.', 'embedding.text', 'user');
  }
  // A reranker's output documents are what it chose; its input documents are not kept.
  const docPrefix = seenPrefixes.has('retrieval.documents.')
    ? 'retrieval.documents.'
    : seenPrefixes.has('reranker.output_documents.')
      ? 'reranker.output_documents.'
      : '';
  if (c.retrievalDocuments === null && docPrefix !== '') {
    c.retrievalDocuments = documents(attrs, docPrefix);
    out.retrievalDocCount ??= c.retrievalDocuments.length;
  }
  genericIo(out, attrs);
  if (seenPrefixes.has('evaluations.')) evaluations(out, attrs, 'evaluations.', 'evaluation');
  if (seenPrefixes.has('annotations.')) evaluations(out, attrs, 'annotations.', 'annotation');
  refineOpenInference(ctx);
}
