import type { ApiTopAgent } from '@/lib/costs/types';
import { formatCount, formatUsd } from '@/lib/ui/format';
import { ExportCsvLink } from './ExportCsvLink';

/** The agents whose model calls cost most. */
export function TopAgents({ agents, exportHref }: { agents: ApiTopAgent[]; exportHref: string }) {
  const max = agents[0]?.costUsd ?? 0;
  return (
    <section aria-label="Most expensive agents" className="rounded-md border border-line bg-panel p-3">
      <div className="mb-1 flex items-center justify-between">
        <h2 className="text-sm font-semibold">Most expensive agents</h2>
        <ExportCsvLink href={exportHref} table="agents" />
      </div>
      <ol data-testid="top-agents" className="text-sm">
        {agents.map((a) => (
          <li key={a.agent} data-testid="top-agent" className="flex items-center gap-2 border-t border-line py-1 first:border-t-0">
            <span className="min-w-0 flex-1 truncate" title={a.agent}>{a.agent}</span>
            <span className="h-1.5 w-20 shrink-0 rounded bg-line" aria-hidden>
              <span className="block h-1.5 rounded bg-accent/60" style={{ width: `${max > 0 ? (a.costUsd / max) * 100 : 0}%` }} />
            </span>
            <span className="w-36 whitespace-nowrap text-right text-xs text-muted">{formatCount(a.calls)} calls</span>
            <span className="w-20 text-right font-medium">{formatUsd(a.costUsd)}</span>
          </li>
        ))}
        {agents.length === 0 && <li className="py-3 text-center text-xs text-muted">No agent spans in this range</li>}
      </ol>
    </section>
  );
}
