/**
 * A span's messages as a conversation to read top to bottom: system instructions, then the input messages, then
 * what the model answered. Every convention's message shape has already been normalised into `Message`, so this
 * only names roles, turns parts into display blocks, formats tool arguments and results, and tells each tool
 * result which call it answers (results carry only the call id). One pass over the parts: O(parts).
 */
import type { Message, MessagePart, SpanContent } from '@/lib/span/types';
import { DEFAULT_MAX_JSON_CHARS, prettyJson, type PrettyJson } from './pretty-json';

export type RoleKind = 'system' | 'user' | 'assistant' | 'tool' | 'other';

export type ConversationBlock =
  | { kind: 'text'; text: string }
  | { kind: 'reasoning'; text: string }
  | { kind: 'tool_call'; id: string; name: string; arguments: PrettyJson }
  | { kind: 'tool_result'; id: string; toolName: string; result: PrettyJson }
  | { kind: 'other'; type: string; body: PrettyJson };

export interface ConversationTurn {
  key: string;
  /** The role as the source named it. */
  role: string;
  roleKind: RoleKind;
  /** Where the turn came from: the instructions, the model's input, or its output. */
  origin: 'instructions' | 'input' | 'output';
  name: string;
  finishReason: string;
  blocks: ConversationBlock[];
}

export interface Conversation {
  turns: ConversationTurn[];
  /** Input turns before the output, for a "n earlier messages" fold on long histories. */
  inputCount: number;
}

const ROLE_KINDS: Readonly<Record<string, RoleKind>> = {
  system: 'system',
  developer: 'system',
  user: 'user',
  human: 'user',
  assistant: 'assistant',
  model: 'assistant',
  ai: 'assistant',
  tool: 'tool',
  function: 'tool',
  ipython: 'tool',
};

export function roleKindOf(role: string): RoleKind {
  return ROLE_KINDS[role.toLowerCase()] ?? 'other';
}

function textOf(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === null || value === undefined) return '';
  return prettyJson(value).text;
}

function stringField(part: MessagePart, field: string): string {
  const value = (part as Record<string, unknown>)[field];
  return typeof value === 'string' ? value : '';
}

function blockOf(part: MessagePart, toolNames: ReadonlyMap<string, string>, maxChars: number): ConversationBlock {
  const fields = part as Record<string, unknown>;
  switch (part.type) {
    case 'text':
      return { kind: 'text', text: textOf(fields.content ?? fields.text) };
    case 'reasoning':
    case 'thinking':
      return { kind: 'reasoning', text: textOf(fields.content ?? fields.text) };
    case 'tool_call':
      return { kind: 'tool_call', id: stringField(part, 'id'), name: stringField(part, 'name'), arguments: prettyJson(fields.arguments, maxChars) };
    case 'tool_call_response': {
      const id = stringField(part, 'id');
      return { kind: 'tool_result', id, toolName: toolNames.get(id) ?? '', result: prettyJson(fields.response, maxChars) };
    }
    default: {
      const { type, ...rest } = fields;
      return { kind: 'other', type: String(type), body: prettyJson(rest, maxChars) };
    }
  }
}

function collectToolNames(messages: readonly Message[], into: Map<string, string>): void {
  for (const message of messages) {
    for (const part of message.parts ?? []) {
      if (part.type !== 'tool_call') continue;
      const id = stringField(part, 'id');
      const name = stringField(part, 'name');
      if (id !== '' && name !== '') into.set(id, name);
    }
  }
}

export function conversationOf(content: SpanContent, maxChars = DEFAULT_MAX_JSON_CHARS): Conversation {
  const input = content.inputMessages ?? [];
  const output = content.outputMessages ?? [];
  const toolNames = new Map<string, string>();
  collectToolNames(input, toolNames);
  collectToolNames(output, toolNames);

  const turns: ConversationTurn[] = [];
  const instructions = content.systemInstructions ?? [];
  if (instructions.length > 0) {
    turns.push({
      key: 'instructions',
      role: 'system',
      roleKind: 'system',
      origin: 'instructions',
      name: '',
      finishReason: '',
      blocks: instructions.map((part) => blockOf(part, toolNames, maxChars)),
    });
  }
  const add = (messages: readonly Message[], origin: 'input' | 'output') => {
    messages.forEach((message, i) => {
      const role = typeof message.role === 'string' && message.role !== '' ? message.role : 'unknown';
      turns.push({
        key: `${origin}-${i}`,
        role,
        roleKind: roleKindOf(role),
        origin,
        name: message.name ?? '',
        finishReason: message.finishReason ?? '',
        blocks: (message.parts ?? []).map((part) => blockOf(part, toolNames, maxChars)),
      });
    });
  };
  add(input, 'input');
  add(output, 'output');
  return { turns, inputCount: turns.length - output.length };
}

/** True when the content holds anything the Messages section would show. */
export function hasMessages(content: SpanContent): boolean {
  return (
    (content.systemInstructions?.length ?? 0) > 0 ||
    (content.inputMessages?.length ?? 0) > 0 ||
    (content.outputMessages?.length ?? 0) > 0
  );
}

export interface VisibleTurns {
  turns: ConversationTurn[];
  /** Input turns left out in the middle; 0 when everything is shown. */
  hidden: number;
  /** Index in `turns` before which the hidden turns sat. */
  hiddenAt: number;
}

/**
 * A long history folds in the middle: the instructions, the first input, the last `keepLast` inputs and the
 * whole output stay, so what was asked and what was answered are always on screen.
 */
export function visibleTurns(conversation: Conversation, expanded: boolean, keepLast = 4): VisibleTurns {
  const { turns } = conversation;
  const firstInput = turns.findIndex((turn) => turn.origin === 'input');
  const inputEnd = conversation.inputCount;
  const foldFrom = firstInput + 1;
  const foldTo = inputEnd - keepLast;
  if (expanded || firstInput < 0 || foldTo - foldFrom < 2) return { turns, hidden: 0, hiddenAt: 0 };
  return { turns: [...turns.slice(0, foldFrom), ...turns.slice(foldTo)], hidden: foldTo - foldFrom, hiddenAt: foldFrom };
}
