import { Bot } from 'lucide-react';
import { splitList } from '@/lib/traces-view/row-model';
import { NODE_TYPE_STYLE } from '@/lib/ui/node-types';

const AGENT = NODE_TYPE_STYLE.agent;

/** How many agent chips a row shows before "+N"; the full list is on hover. */
const VISIBLE_AGENTS = 2;

/** The agents of a run as small chips; `agents` is a list joined by `joinList`. */
export function AgentChips({ agents }: { agents: string }) {
  const names = splitList(agents);
  if (names.length === 0) return <span className="text-faint">—</span>;
  const hidden = names.length - VISIBLE_AGENTS;
  return (
    <span className="flex min-w-0 items-center gap-1 whitespace-nowrap" title={names.join(', ')}>
      {names.slice(0, VISIBLE_AGENTS).map((name) => (
        <span
          key={name}
          data-testid="agent-chip"
          className={`inline-flex min-w-0 shrink items-center gap-1 rounded px-1.5 py-px text-xs ${names.length === 1 ? 'max-w-full' : 'max-w-28'}`}
          style={{ color: AGENT.color, backgroundColor: AGENT.background }}
        >
          <Bot aria-hidden size={11} className="shrink-0" />
          <span className="truncate">{name}</span>
        </span>
      ))}
      {hidden > 0 && <span className="shrink-0 text-xs text-muted">+{hidden}</span>}
    </span>
  );
}
