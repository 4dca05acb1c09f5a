'use client';

import type { ApiSpan } from '@/lib/span/api-types';
import type { AgentGraph as AgentGraphModel } from '@/lib/trace-tree';
import { AgentGraph } from './AgentGraph';
import { SpanPanel } from './SpanPanel';

export type SidebarTab = 'span' | 'agents';

export interface TraceSidebarProps {
  traceId: string;
  tab: SidebarTab;
  span: ApiSpan | null;
  graph: AgentGraphModel;
  selectedAgent: string | null;
  onTab: (tab: SidebarTab) => void;
  onSelectAgent: (agent: string | null) => void;
  onSelectSpan: (spanId: string) => void;
  onClose: () => void;
}

/** Beside the tree: the selected span's details, or the agent graph (clicking an agent filters the tree). */
export function TraceSidebar(props: TraceSidebarProps) {
  const tabClass = (active: boolean) =>
    `px-3 py-1.5 text-xs font-medium border-b-2 ${active ? 'border-accent text-ink' : 'border-transparent text-muted hover:text-ink'}`;
  return (
    <section className="flex min-h-0 flex-col rounded-md border border-line bg-panel" aria-label="Details">
      <div role="tablist" className="flex border-b border-line px-1">
        <button type="button" role="tab" aria-selected={props.tab === 'span'} className={tabClass(props.tab === 'span')} onClick={() => props.onTab('span')} data-testid="sidebar-tab-span">
          Span
        </button>
        <button type="button" role="tab" aria-selected={props.tab === 'agents'} className={tabClass(props.tab === 'agents')} onClick={() => props.onTab('agents')} data-testid="sidebar-tab-agents">
          Agents{props.graph.nodes.length > 0 ? ` (${props.graph.nodes.length})` : ''}
        </button>
      </div>
      <div role="tabpanel" className="min-h-0 flex-1 overflow-auto">
        {props.tab === 'agents' ? (
          <AgentGraph graph={props.graph} selectedAgent={props.selectedAgent} onSelectAgent={props.onSelectAgent} />
        ) : props.span ? (
          <SpanPanel key={props.span.spanId} traceId={props.traceId} span={props.span} onSelectSpan={props.onSelectSpan} onClose={props.onClose} />
        ) : (
          <p className="p-4 text-sm text-muted">
            Select a span in the tree (click, or ↑/↓ then Enter) to see its messages, tool calls, documents and attributes.
          </p>
        )}
      </div>
    </section>
  );
}
