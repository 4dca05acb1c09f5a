/**
 * OTel GenAI content in all four generations, plus the events that carry evaluations:
 * 1. v1.26–v1.27: events `gen_ai.content.prompt` / `gen_ai.content.completion` (`gen_ai.prompt`, `gen_ai.completion`);
 * 2. v1.28–v1.36: per-message events (`gen_ai.user.message`, `gen_ai.choice`, …) when attached to spans;
 * 3. v1.37+: `gen_ai.system_instructions`, `gen_ai.input.messages`, `gen_ai.output.messages` on the span or on
 *    the `gen_ai.client.inference.operation.details` event;
 * plus tool arguments/results and retrieval query/documents. Newer generations win when a span carries several.
 * One pass over the events; each value is parsed once.
 */
import type { AttributeValue, Attributes, OtlpEvent } from '@/lib/otlp/types';
import type { Message, Span } from '@/lib/span/types';
import type { ExtractContext } from './convention';
import { documentsFromAttribute, messagesFromAttribute, toMessage, toParts } from './messages';
import { asCount, MAX_DOC_COUNT, asNumber, asString, isRecord, parseContentValue } from './values';

export const INFERENCE_DETAILS_EVENT = 'gen_ai.client.inference.operation.details';

/** Per-message events (v1.28): event name → the role when the body does not say. */
export const MESSAGE_EVENT_ROLES: ReadonlyMap<string, string> = new Map([
  ['gen_ai.system.message', 'system'],
  ['gen_ai.user.message', 'user'],
  ['gen_ai.assistant.message', 'assistant'],
  ['gen_ai.tool.message', 'tool'],
  ['gen_ai.choice', 'assistant'],
]);

/** Event attributes that are content, stripped from the events kept on the span (they live in `content`). */
const MESSAGE_EVENT_CONTENT = ['content', 'tool_calls', 'message', 'body', 'event.body', 'gen_ai.event.content'];
export const OTEL_EVENT_CONTENT_KEYS: ReadonlyMap<string, readonly string[]> = new Map([
  ['gen_ai.content.prompt', ['gen_ai.prompt']],
  ['gen_ai.content.completion', ['gen_ai.completion']],
  [INFERENCE_DETAILS_EVENT, ['gen_ai.system_instructions', 'gen_ai.input.messages', 'gen_ai.output.messages']],
  ...[...MESSAGE_EVENT_ROLES.keys()].map((name): [string, readonly string[]] => [name, MESSAGE_EVENT_CONTENT]),
]);

/** The message body of a per-message event: a body attribute if the SDK sent one, else the attributes. */
function messageEventBody(attrs: Attributes): unknown {
  const body = attrs['gen_ai.event.content'] ?? attrs['body'] ?? attrs['event.body'];
  if (body !== undefined) return parseContentValue(body);
  const out: Record<string, unknown> = { ...attrs };
  if (typeof out.tool_calls === 'string') out.tool_calls = parseContentValue(out.tool_calls);
  if (typeof out.message === 'string') out.message = parseContentValue(out.message);
  return out;
}

function setMessagesFromDetails(out: Span, attrs: Attributes): void {
  const c = out.content;
  const sys = attrs['gen_ai.system_instructions'];
  if (c.systemInstructions === null && sys !== undefined) c.systemInstructions = toParts(parseContentValue(sys));
  const input = attrs['gen_ai.input.messages'];
  if (c.inputMessages === null && input !== undefined) c.inputMessages = messagesFromAttribute(input, 'user');
  const output = attrs['gen_ai.output.messages'];
  if (c.outputMessages === null && output !== undefined) c.outputMessages = messagesFromAttribute(output, 'assistant');
}

function evaluationFrom(attrs: Attributes): Span['evaluations'][number] {
  return {
    name: asString(attrs['gen_ai.evaluation.name']),
    score: asNumber(attrs['gen_ai.evaluation.score.value']),
    label: asString(attrs['gen_ai.evaluation.score.label']),
    explanation: asString(attrs['gen_ai.evaluation.explanation']),
  };
}

interface EventContent {
  details: OtlpEvent | null;
  prompt: AttributeValue | undefined;
  completion: AttributeValue | undefined;
  inputs: Message[];
  choices: { index: number; message: Message }[];
}

function scanEvents(events: readonly OtlpEvent[], out: Span): EventContent {
  const found: EventContent = { details: null, prompt: undefined, completion: undefined, inputs: [], choices: [] };
  for (const event of events) {
    const name = event.name;
    if (name === INFERENCE_DETAILS_EVENT) found.details ??= event;
    else if (name === 'gen_ai.content.prompt') found.prompt ??= event.attributes['gen_ai.prompt'];
    else if (name === 'gen_ai.content.completion') found.completion ??= event.attributes['gen_ai.completion'];
    else if (name === 'gen_ai.evaluation.result') out.evaluations.push(evaluationFrom(event.attributes));
    else {
      const role = MESSAGE_EVENT_ROLES.get(name);
      if (role === undefined) continue;
      const body = messageEventBody(event.attributes);
      const message = toMessage(body, role);
      if (name === 'gen_ai.choice') {
        const index = isRecord(body) ? asNumber(body.index as AttributeValue) : null;
        found.choices.push({ index: index ?? found.choices.length, message });
      } else {
        found.inputs.push(message);
      }
    }
  }
  return found;
}

function extractRetrieval(out: Span, attrs: Attributes): void {
  const c = out.content;
  const query = attrs['gen_ai.retrieval.query.text'] ?? attrs['gen_ai.memory.query.text'];
  if (query !== undefined) c.retrievalQuery = asString(query) || JSON.stringify(query);
  const docs = attrs['gen_ai.retrieval.documents'] ?? attrs['gen_ai.memory.records'];
  if (docs !== undefined) {
    const parsed = documentsFromAttribute(docs);
    c.retrievalDocuments = parsed.documents;
    if (parsed.isList) out.retrievalDocCount = parsed.documents.length;
  }
  // The memory span counts its records outright; that count wins over the (possibly truncated) list.
  const records = asCount(attrs['gen_ai.memory.record.count'], MAX_DOC_COUNT);
  if (records !== null) out.retrievalDocCount = records;
}

export function extractOtelContent({ span, attrs, out }: ExtractContext): void {
  const c = out.content;
  setMessagesFromDetails(out, attrs);

  const args = attrs['gen_ai.tool.call.arguments'];
  if (args !== undefined) c.toolArguments = parseContentValue(args);
  const result = attrs['gen_ai.tool.call.result'];
  if (result !== undefined) c.toolResult = parseContentValue(result);
  extractRetrieval(out, attrs);

  if (span.events.length === 0 && attrs['gen_ai.prompt'] === undefined && attrs['gen_ai.completion'] === undefined) {
    return;
  }
  const found = scanEvents(span.events, out);
  if (found.details !== null) setMessagesFromDetails(out, found.details.attributes);
  if (c.inputMessages === null && found.inputs.length > 0) c.inputMessages = found.inputs;
  if (c.outputMessages === null && found.choices.length > 0) {
    c.outputMessages = found.choices.sort((a, b) => a.index - b.index).map((choice) => choice.message);
  }
  const prompt = found.prompt ?? attrs['gen_ai.prompt'];
  if (c.inputMessages === null && prompt !== undefined) c.inputMessages = messagesFromAttribute(prompt, 'user');
  const completion = found.completion ?? attrs['gen_ai.completion'];
  if (c.outputMessages === null && completion !== undefined) {
    c.outputMessages = messagesFromAttribute(completion, 'assistant');
  }
}
