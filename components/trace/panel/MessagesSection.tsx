'use client';

import { Fragment, useMemo, useState } from 'react';
import { conversationOf, visibleTurns } from '@/lib/span-view/conversation';
import type { SpanContent } from '@/lib/span/types';
import { MessageBubble } from './MessageBubble';
import { PanelSection } from './PanelSection';

/** The span's messages as a conversation; a long history folds in the middle until asked. */
export function MessagesSection({ content }: { content: SpanContent }) {
  const conversation = useMemo(() => conversationOf(content), [content]);
  const [expanded, setExpanded] = useState(false);
  const visible = visibleTurns(conversation, expanded);
  const count = conversation.turns.length;
  return (
    <PanelSection testId="panel-messages" title="Messages" note={`${count} ${count === 1 ? 'message' : 'messages'}`}>
      <ol className="flex flex-col gap-2 text-[13px]">
        {visible.turns.map((turn, i) => (
          <Fragment key={turn.key}>
            {visible.hidden > 0 && i === visible.hiddenAt && (
              <li className="self-center">
                <button
                  type="button"
                  onClick={() => setExpanded(true)}
                  className="rounded border border-line px-2 py-0.5 text-xs text-accent hover:bg-accent-soft"
                >
                  Show {visible.hidden} earlier messages
                </button>
              </li>
            )}
            <MessageBubble turn={turn} />
          </Fragment>
        ))}
      </ol>
    </PanelSection>
  );
}
