'use client';

import { ChevronsDownUp, ChevronsUpDown, Crosshair, Search, X } from 'lucide-react';
import { useState } from 'react';
import { NODE_TYPES, type NodeType } from '@/lib/span/types';
import type { TreeFacets } from '@/lib/trace-view/trace-facts';
import { EMPTY_FILTER, isFilterActive, type TraceViewFilter } from '@/lib/trace-view/url-state';
import { formatCount } from '@/lib/ui/format';
import { NODE_TYPE_STYLE } from '@/lib/ui/node-types';

export interface TreeToolbarProps {
  filter: TraceViewFilter;
  facets: TreeFacets;
  matchCount: number | null;
  focusName: string | null;
  canFocus: boolean;
  onFilter: (filter: TraceViewFilter) => void;
  onFocusSelected: () => void;
  onClearFocus: () => void;
  onCollapseAll: () => void;
  onExpandAll: () => void;
}

const control = 'h-7 rounded border border-line-strong bg-panel px-1.5 text-xs';
const button = 'flex h-7 items-center gap-1 rounded border border-line-strong bg-panel px-2 text-xs hover:bg-page disabled:opacity-40';

function isNodeType(value: string): value is NodeType {
  return (NODE_TYPES as readonly string[]).includes(value);
}

/** Querying inside one trace: type, errors, tool, agent, minimum cost, text; focus and collapse controls. */
export function TreeToolbar(props: TreeToolbarProps) {
  const { filter, facets, onFilter } = props;
  const set = (patch: Partial<TraceViewFilter>) => onFilter({ ...filter, ...patch });
  // The typed text, kept apart from the filter so that "0." can be typed on the way to "0.5".
  const [costDraft, setCostDraft] = useState(filter.minCostUsd === null ? '' : String(filter.minCostUsd));
  const shownCost = filter.minCostUsd === null && costDraft !== '' && Number(costDraft) >= 0 ? '' : costDraft;
  return (
    <div className="flex flex-wrap items-center gap-2 border-b border-line bg-panel px-2 py-1.5" role="toolbar" aria-label="Filter spans">
      <label className="relative flex items-center">
        <Search size={13} className="pointer-events-none absolute left-1.5 text-faint" aria-hidden />
        <input
          type="search"
          value={filter.text}
          onChange={(event) => set({ text: event.target.value })}
          placeholder="Search names and attributes"
          aria-label="Search spans"
          data-testid="tree-search"
          className={`${control} w-52 pl-6`}
        />
      </label>
      <select
        value={filter.nodeTypes[0] ?? ''}
        onChange={(event) => set({ nodeTypes: isNodeType(event.target.value) ? [event.target.value] : [] })}
        aria-label="Node type"
        data-testid="tree-filter-node-type"
        className={control}
      >
        <option value="">All types</option>
        {facets.nodeTypes.map((type) => (
          <option key={type} value={type}>
            {NODE_TYPE_STYLE[type].label}
          </option>
        ))}
      </select>
      <select value={filter.tool} onChange={(event) => set({ tool: event.target.value })} aria-label="Tool" data-testid="tree-filter-tool" className={`${control} max-w-40`} disabled={facets.tools.length === 0}>
        <option value="">All tools</option>
        {facets.tools.map((tool) => (
          <option key={tool} value={tool}>
            {tool}
          </option>
        ))}
      </select>
      <select value={filter.agent} onChange={(event) => set({ agent: event.target.value })} aria-label="Agent" data-testid="tree-filter-agent" className={`${control} max-w-40`} disabled={facets.agents.length === 0}>
        <option value="">All agents</option>
        {facets.agents.map((agent) => (
          <option key={agent} value={agent}>
            {agent}
          </option>
        ))}
      </select>
      <label className="flex items-center gap-1 text-xs text-muted">
        Cost ≥ $
        <input
          type="number"
          min={0}
          step="any"
          value={shownCost}
          onChange={(event) => {
            setCostDraft(event.target.value);
            const value = event.target.valueAsNumber;
            set({ minCostUsd: Number.isFinite(value) && value >= 0 ? value : null });
          }}
          aria-label="Minimum cost in USD"
          data-testid="tree-filter-min-cost"
          className={`${control} w-20`}
        />
      </label>
      <label className="flex items-center gap-1 text-xs">
        <input
          type="checkbox"
          checked={filter.errorsOnly}
          onChange={(event) => set({ errorsOnly: event.target.checked })}
          data-testid="tree-filter-errors"
        />
        Errors only
      </label>
      {isFilterActive(filter) && (
        <>
          <span className="text-xs text-muted" data-testid="tree-match-count" aria-live="polite">
            {formatCount(props.matchCount ?? 0)} {props.matchCount === 1 ? 'match' : 'matches'}
          </span>
          <button type="button" className={button} onClick={() => onFilter(EMPTY_FILTER)} data-testid="tree-filter-clear">
            <X size={12} aria-hidden /> Clear
          </button>
        </>
      )}
      <div className="ml-auto flex items-center gap-1.5">
        {props.focusName !== null ? (
          <button type="button" className={`${button} border-accent text-accent`} onClick={props.onClearFocus} data-testid="tree-clear-focus" title={`Focused on ${props.focusName}`}>
            <X size={12} aria-hidden /> Show whole trace
          </button>
        ) : (
          <button type="button" className={button} onClick={props.onFocusSelected} disabled={!props.canFocus} data-testid="tree-focus" title="Show only the selected span and what runs below it">
            <Crosshair size={12} aria-hidden /> Focus
          </button>
        )}
        <button type="button" className={button} onClick={props.onCollapseAll} data-testid="tree-collapse-all" title="Collapse all">
          <ChevronsDownUp size={12} aria-hidden /> Collapse
        </button>
        <button type="button" className={button} onClick={props.onExpandAll} data-testid="tree-expand-all" title="Expand all">
          <ChevronsUpDown size={12} aria-hidden /> Expand
        </button>
      </div>
    </div>
  );
}
