import { memo } from 'react';
import { Wrench } from 'lucide-react';
import type { ConversationBlock, ConversationTurn } from '@/lib/span-view/conversation';
import { JsonBlock } from './JsonBlock';

const ROLE_CLASS: Readonly<Record<ConversationTurn['roleKind'], string>> = {
  system: 'border-line bg-page',
  user: 'border-accent/25 bg-accent-soft',
  assistant: 'border-line bg-panel',
  tool: 'border-ok/25 bg-ok-soft/50',
  other: 'border-line bg-panel',
};

function Block({ block }: { block: ConversationBlock }) {
  switch (block.kind) {
    case 'text':
      return <p className="whitespace-pre-wrap break-words">{block.text}</p>;
    case 'reasoning':
      return (
        <details className="rounded border border-dashed border-line-strong px-2 py-1 text-muted">
          <summary className="cursor-pointer text-xs">Reasoning · {block.text.length.toLocaleString('en-US')} characters</summary>
          <p className="mt-1 whitespace-pre-wrap break-words text-xs">{block.text}</p>
        </details>
      );
    case 'tool_call':
      return (
        <div data-testid="message-tool-call" className="rounded border border-ok/30 bg-panel p-2">
          <div className="mb-1 flex items-center gap-1.5 text-xs">
            <Wrench size={12} className="text-ok" aria-hidden />
            <span className="text-muted">calls</span>
            <span className="font-mono font-semibold">{block.name || '(unnamed tool)'}</span>
            {block.id !== '' && <span className="truncate font-mono text-faint">{block.id}</span>}
          </div>
          <JsonBlock value={block.arguments} label="arguments" foldAboveLines={16} />
        </div>
      );
    case 'tool_result':
      return (
        <div data-testid="message-tool-result">
          <div className="mb-1 text-xs text-muted">
            result{block.toolName !== '' && <> of <span className="font-mono font-semibold text-ink">{block.toolName}</span></>}
            {block.id !== '' && <span className="ml-1 font-mono text-faint">{block.id}</span>}
          </div>
          <JsonBlock value={block.result} foldAboveLines={16} />
        </div>
      );
    case 'other':
      return <JsonBlock value={block.body} label={block.type} foldAboveLines={8} />;
  }
}

/** One turn of the conversation: a bubble coloured by role, its parts in order. */
export const MessageBubble = memo(function MessageBubble({ turn }: { turn: ConversationTurn }) {
  const alignment = turn.roleKind === 'user' ? 'ml-6' : turn.roleKind === 'assistant' ? 'mr-6' : '';
  return (
    <li data-testid="message" data-role={turn.roleKind} data-origin={turn.origin} className={`rounded border px-2.5 py-1.5 ${ROLE_CLASS[turn.roleKind]} ${alignment}`}>
      <div className="mb-1 flex items-baseline gap-1.5 text-xs">
        {turn.origin === 'instructions' ? (
          <span className="font-semibold">System instructions</span>
        ) : (
          <span className="font-semibold capitalize">{turn.role}</span>
        )}
        {turn.name !== '' && <span className="font-mono text-muted">{turn.name}</span>}
        {turn.origin === 'output' && <span className="rounded bg-accent-soft px-1 text-accent">output</span>}
        {turn.finishReason !== '' && (
          <span className={`ml-auto font-mono ${turn.finishReason === 'length' ? 'font-semibold text-warn' : 'text-faint'}`}>
            finish: {turn.finishReason}
          </span>
        )}
      </div>
      <div className="flex flex-col gap-1.5">
        {turn.blocks.length === 0 && <p className="text-xs italic text-faint">(empty)</p>}
        {turn.blocks.map((block, i) => (
          <Block key={i} block={block} />
        ))}
      </div>
    </li>
  );
});
