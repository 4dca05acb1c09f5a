'use client';

import { memo, useMemo } from 'react';
import { RefreshCcw } from 'lucide-react';
import { edgeKey, layoutAgentGraph, type LayoutEdge, type LayoutNode } from '@/lib/agent-graph-layout';
import type { AgentGraph as AgentGraphModel, AgentGraphEdge, AgentGraphNode } from '@/lib/trace-tree';
import { formatCount, formatTokens, formatUsd } from '@/lib/ui/format';

const CYCLE_COLOR = 'var(--color-error)';
const EDGE_COLOR = 'var(--color-faint)';
const AGENT_COLOR = '#6d28d9';

function costLabel(costUsd: number, unpricedCount: number): string {
  return costUsd === 0 && unpricedCount > 0 ? 'unpriced' : formatUsd(costUsd, { unpriced: unpricedCount });
}

const AgentNode = memo(function AgentNode({
  node,
  work,
  selected,
  dimmed,
  onSelectAgent,
}: {
  node: LayoutNode;
  work: AgentGraphNode;
  selected: boolean;
  dimmed: boolean;
  onSelectAgent: (agent: string | null) => void;
}) {
  const tokens = work.tokens.inputTokens + work.tokens.outputTokens;
  const toggle = () => onSelectAgent(selected ? null : node.agent);
  const stroke = selected ? 'var(--color-accent)' : node.inCycle ? CYCLE_COLOR : AGENT_COLOR;
  return (
    <g
      data-testid="agent-node"
      data-agent={node.agent}
      data-selected={selected}
      role="button"
      tabIndex={0}
      aria-pressed={selected}
      aria-label={`Agent ${node.agent}: ${work.spanCount} spans, ${formatTokens(tokens)} tokens, ${costLabel(work.costUsd, work.unpricedCount)}`}
      onClick={toggle}
      onKeyDown={(event) => {
        if (event.key === 'Enter' || event.key === ' ') {
          event.preventDefault();
          toggle();
        }
      }}
      className="cursor-pointer outline-none [&:focus-visible>rect]:stroke-[3]"
      opacity={dimmed ? 0.45 : 1}
    >
      <title>{node.agent}</title>
      <rect
        x={node.x - node.width / 2}
        y={node.y - node.height / 2}
        width={node.width}
        height={node.height}
        rx={6}
        fill={selected ? 'var(--color-accent-soft)' : '#f1ebfd'}
        stroke={stroke}
        strokeWidth={selected ? 2.5 : 1.25}
      />
      <text x={node.x} y={node.y - 5} textAnchor="middle" className="fill-ink text-[13px] font-semibold">
        {node.label}
      </text>
      <text x={node.x} y={node.y + 13} textAnchor="middle" className="fill-muted text-[11px]">
        {formatCount(work.spanCount)} spans · {formatTokens(tokens)} tok · {costLabel(work.costUsd, work.unpricedCount)}
      </text>
    </g>
  );
});

const AgentEdge = memo(function AgentEdge({ edge, work, dimmed }: { edge: LayoutEdge; work: AgentGraphEdge; dimmed: boolean }) {
  const color = edge.inCycle ? CYCLE_COLOR : EDGE_COLOR;
  const tokens = work.tokens.inputTokens + work.tokens.outputTokens;
  const details = `${formatTokens(tokens)} tok · ${costLabel(work.costUsd, work.unpricedCount)}`;
  return (
    <g
      data-testid="agent-edge"
      data-from={edge.from}
      data-to={edge.to}
      data-count={edge.count}
      data-in-cycle={edge.inCycle}
      opacity={dimmed ? 0.3 : 1}
    >
      <title>{`${edge.from} → ${edge.to}: ${edge.count} hand-off${edge.count === 1 ? '' : 's'}, ${details}`}</title>
      <path d={edge.path} fill="none" stroke={color} strokeWidth={edge.strokeWidth} />
      <polygon points={edge.arrow} fill={edge.inCycle ? CYCLE_COLOR : 'var(--color-muted)'} />
      <g className="text-[11px]">
        <rect x={edge.labelX - 50} y={edge.labelY - 14} width={100} height={28} rx={4} fill="var(--color-panel)" fillOpacity={0.92} />
        <text x={edge.labelX} y={edge.labelY - 2} textAnchor="middle" className={edge.inCycle ? 'fill-error font-semibold' : 'fill-ink font-semibold'}>
          {edge.count}×
        </text>
        <text x={edge.labelX} y={edge.labelY + 10} textAnchor="middle" className="fill-muted text-[10px]">
          {details}
        </text>
      </g>
    </g>
  );
});

/**
 * Which agent handed control to which, drawn as boxes and arrows; cycles (agents passing control back and
 * forth) in red with a note naming them. Clicking an agent selects it (the page filters to its spans);
 * clicking it again clears the selection.
 */
export function AgentGraph({
  graph,
  selectedAgent,
  onSelectAgent,
}: {
  graph: AgentGraphModel;
  selectedAgent: string | null;
  onSelectAgent: (agent: string | null) => void;
}) {
  const layout = useMemo(() => layoutAgentGraph(graph), [graph]);
  const workByAgent = useMemo(() => new Map(graph.nodes.map((node) => [node.agent, node])), [graph]);
  const workByEdge = useMemo(() => new Map(graph.edges.map((edge) => [edgeKey(edge.from, edge.to), edge])), [graph]);

  if (graph.nodes.length === 0) {
    return (
      <div data-testid="agent-graph" data-agents={0} className="px-4 py-6 text-center text-sm text-muted">
        No agent spans in this trace, so there is no agent graph.
      </div>
    );
  }

  return (
    <div data-testid="agent-graph" data-agents={graph.nodes.length} className="flex flex-col gap-2 p-3">
      {layout.cycleNotes.length > 0 && (
        <ul className="flex flex-col gap-1">
          {layout.cycleNotes.map((note) => (
            <li
              key={note}
              data-testid="agent-cycle-note"
              role="status"
              className="flex items-center gap-1.5 rounded border border-error/30 bg-error-soft px-2 py-1 text-xs font-medium text-error"
            >
              <RefreshCcw size={12} aria-hidden />
              {note}
            </li>
          ))}
        </ul>
      )}
      {graph.nodes.length === 1 && (
        <p className="text-xs text-muted">Single agent: no hand-offs in this trace.</p>
      )}
      {/* Small graphs scale to fit; a large one stops at 75% and scrolls sideways rather than turn unreadable. */}
      <div className="overflow-x-auto">
        <svg
          viewBox={`0 0 ${layout.width} ${layout.height}`}
          style={{ width: '100%', minWidth: layout.width > 720 ? Math.round(layout.width * 0.75) : undefined, maxWidth: layout.width }}
          role="group"
          aria-label={`Agent graph: ${graph.nodes.length} agents, ${graph.edges.length} hand-off edges`}
          className="mx-auto block"
        >
          {layout.edges.map((edge) => (
            <AgentEdge
              key={edge.key}
              edge={edge}
              work={workByEdge.get(edge.key)!}
              dimmed={selectedAgent !== null && edge.from !== selectedAgent && edge.to !== selectedAgent}
            />
          ))}
          {layout.nodes.map((node) => (
            <AgentNode
              key={node.agent}
              node={node}
              work={workByAgent.get(node.agent)!}
              selected={node.agent === selectedAgent}
              dimmed={selectedAgent !== null && node.agent !== selectedAgent}
              onSelectAgent={onSelectAgent}
            />
          ))}
        </svg>
      </div>
    </div>
  );
}
