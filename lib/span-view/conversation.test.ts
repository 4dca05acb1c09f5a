import { describe, expect, it } from 'vitest';
import type { SpanContent } from '@/lib/span/types';
import { conversationOf, hasMessages, roleKindOf, visibleTurns } from './conversation';

const empty: SpanContent = {
  systemInstructions: null,
  inputMessages: null,
  outputMessages: null,
  toolArguments: null,
  toolResult: null,
  retrievalQuery: null,
  retrievalDocuments: null,
};

describe('conversationOf', () => {
  const content: SpanContent = {
    ...empty,
    systemInstructions: [{ type: 'text', content: 'You are a refund assistant.' }],
    inputMessages: [
      { role: 'user', parts: [{ type: 'text', content: 'Refund ORD-1' }] },
      {
        role: 'assistant',
        parts: [
          { type: 'reasoning', content: 'Check the amount first.' },
          { type: 'tool_call', id: 'c1', name: 'lookup_order', arguments: { order_id: 'ORD-1' } },
        ],
      },
      { role: 'tool', parts: [{ type: 'tool_call_response', id: 'c1', response: { amount: 939 } }] },
    ],
    outputMessages: [{ role: 'assistant', parts: [{ type: 'text', content: 'Needs approval.' }], finishReason: 'stop' }],
  };
  const conversation = conversationOf(content);

  it('puts instructions first, then input, then output', () => {
    expect(conversation.turns.map((t) => `${t.origin}:${t.roleKind}`)).toEqual([
      'instructions:system',
      'input:user',
      'input:assistant',
      'input:tool',
      'output:assistant',
    ]);
    expect(conversation.inputCount).toBe(4);
  });

  it('keeps reasoning apart from the answer and formats tool arguments', () => {
    const assistant = conversation.turns[2]!;
    expect(assistant.blocks[0]).toEqual({ kind: 'reasoning', text: 'Check the amount first.' });
    expect(assistant.blocks[1]).toMatchObject({ kind: 'tool_call', id: 'c1', name: 'lookup_order' });
    const call = assistant.blocks[1] as { arguments: { text: string } };
    expect(call.arguments.text).toBe('{\n  "order_id": "ORD-1"\n}');
  });

  it('names the tool a result answers from the call id', () => {
    expect(conversation.turns[3]!.blocks[0]).toMatchObject({ kind: 'tool_result', id: 'c1', toolName: 'lookup_order' });
  });

  it('keeps the finish reason of the output', () => {
    expect(conversation.turns[4]!.finishReason).toBe('stop');
  });

  it('shows unknown part types as JSON and missing roles as unknown', () => {
    const odd = conversationOf({
      ...empty,
      inputMessages: [{ role: '', parts: [{ type: 'image', url: 'https://x/y.png' }] }],
    });
    expect(odd.turns[0]!.role).toBe('unknown');
    expect(odd.turns[0]!.blocks[0]).toMatchObject({ kind: 'other', type: 'image' });
  });

  it('leaves a result of an unknown call unnamed', () => {
    const orphan = conversationOf({
      ...empty,
      inputMessages: [{ role: 'tool', parts: [{ type: 'tool_call_response', id: 'zz', response: 'ok' }] }],
    });
    expect(orphan.turns[0]!.blocks[0]).toMatchObject({ kind: 'tool_result', toolName: '', result: { kind: 'text', text: 'ok' } });
  });

  it('is empty for content without messages', () => {
    expect(conversationOf(empty).turns).toEqual([]);
    expect(hasMessages(empty)).toBe(false);
    expect(hasMessages(content)).toBe(true);
  });
});

describe('roleKindOf', () => {
  it.each([
    ['system', 'system'],
    ['developer', 'system'],
    ['User', 'user'],
    ['model', 'assistant'],
    ['function', 'tool'],
    ['critic', 'other'],
  ])('%s → %s', (role, kind) => {
    expect(roleKindOf(role)).toBe(kind);
  });
});

describe('visibleTurns', () => {
  const history = (inputs: number) =>
    conversationOf({
      ...empty,
      systemInstructions: [{ type: 'text', content: 'sys' }],
      inputMessages: Array.from({ length: inputs }, (_, i) => ({ role: i % 2 ? 'assistant' : 'user', parts: [{ type: 'text', content: `m${i}` }] })),
      outputMessages: [{ role: 'assistant', parts: [{ type: 'text', content: 'answer' }] }],
    });
  const texts = (turns: { blocks: { kind: string }[] }[]) => turns.map((t) => (t.blocks[0] as unknown as { text: string }).text);

  it('keeps a short history whole', () => {
    expect(visibleTurns(history(6), false)).toMatchObject({ hidden: 0 });
  });

  it('folds the middle of a long history, keeping the first question, the last inputs and the answer', () => {
    const visible = visibleTurns(history(12), false);
    expect(texts(visible.turns)).toEqual(['sys', 'm0', 'm8', 'm9', 'm10', 'm11', 'answer']);
    expect(visible).toMatchObject({ hidden: 7, hiddenAt: 2 });
  });

  it('shows everything when expanded', () => {
    expect(visibleTurns(history(12), true).turns).toHaveLength(14);
  });
});
