'use client';

import { Search, X } from 'lucide-react';
import type { ApiFacets } from '@/lib/api-client/traces';
import { NODE_TYPES, type NodeType, type StatusCode } from '@/lib/span/types';
import { msToSecondsText, parseAmount, secondsTextToMs } from '@/lib/traces-view/filter-inputs';
import { activeFilterCount, type TracesFilters, type TracesView } from '@/lib/traces-view/view-state';
import { NODE_TYPE_STYLE } from '@/lib/ui/node-types';
import { CommitInput } from './CommitInput';
import { FilterSelect, type FilterOption } from './FilterSelect';

interface Props {
  view: TracesView;
  facets: ApiFacets | undefined;
  onFilter: <K extends keyof TracesFilters>(key: K, value: TracesFilters[K] | undefined) => void;
  onClear: () => void;
}

const asOptions = (values: readonly string[] | undefined): FilterOption[] =>
  (values ?? []).map((value) => ({ value, label: value }));

const NODE_TYPE_OPTIONS: FilterOption[] = NODE_TYPES.map((type) => ({ value: type, label: NODE_TYPE_STYLE[type].label }));

const STATUS_OPTIONS: FilterOption[] = [
  { value: 'error', label: 'Failed' },
  { value: 'ok', label: 'OK' },
  { value: 'unset', label: 'No status' },
];

const HAS_ERROR_OPTIONS: FilterOption[] = [
  { value: 'true', label: 'Has failed spans' },
  { value: 'false', label: 'No failed spans' },
];

const GUARDRAIL_OPTIONS: FilterOption[] = [
  { value: 'any', label: 'Guardrail intervened' },
  { value: 'block', label: 'Guardrail blocked' },
  { value: 'fail', label: 'Guardrail check failed' },
  { value: 'escalate', label: 'Guardrail escalated' },
  { value: 'rewrite', label: 'Guardrail rewrote' },
];

const input =
  'h-7 rounded-md border bg-panel px-2 text-xs placeholder:text-faint focus:border-accent';
const inputBorder = (active: boolean) => (active ? 'border-accent text-accent font-medium' : 'border-line-strong');

/** The filter bar: text on the run's name, dropdowns from the range's facets, and thresholds. */
export function TraceFilters({ view, facets, onFilter, onClear }: Props) {
  const { filters } = view;
  const active = activeFilterCount(view);
  return (
    <div role="search" aria-label="Filter traces" className="flex flex-wrap items-center gap-1.5">
      <label className="relative">
        <span className="sr-only">Run name contains</span>
        <Search aria-hidden size={13} className="pointer-events-none absolute top-1/2 left-2 -translate-y-1/2 text-faint" />
        <CommitInput
          type="search"
          data-testid="filter-text"
          placeholder="Run name contains…"
          value={filters.q ?? ''}
          onCommit={(text) => onFilter('q', text.trim() || undefined)}
          className={`${input} ${inputBorder(filters.q !== undefined)} w-44 pl-7`}
        />
      </label>
      <FilterSelect
        label="Service"
        testId="filter-service"
        anyLabel="All services"
        value={filters.service ?? ''}
        options={asOptions(facets?.services)}
        onChange={(value) => onFilter('service', value || undefined)}
      />
      <FilterSelect
        label="Agent"
        testId="filter-agent"
        anyLabel="All agents"
        value={filters.agent ?? ''}
        options={asOptions(facets?.agents)}
        onChange={(value) => onFilter('agent', value || undefined)}
      />
      <FilterSelect
        label="Model"
        testId="filter-model"
        anyLabel="All models"
        value={filters.model ?? ''}
        options={asOptions(facets?.models)}
        onChange={(value) => onFilter('model', value || undefined)}
      />
      <FilterSelect
        label="Contains a step of type"
        testId="filter-node-type"
        anyLabel="Any steps"
        value={filters.nodeType ?? ''}
        options={NODE_TYPE_OPTIONS}
        onChange={(value) => onFilter('nodeType', (value || undefined) as NodeType | undefined)}
      />
      <FilterSelect
        label="Status. Failed: the root or any span failed (silent failures included). OK and No status: nothing failed."
        testId="filter-status"
        anyLabel="Any status"
        value={filters.status ?? ''}
        options={STATUS_OPTIONS}
        onChange={(value) => onFilter('status', (value || undefined) as StatusCode | undefined)}
      />
      <FilterSelect
        label="Failed spans"
        testId="filter-has-error"
        anyLabel="Errors: any"
        value={filters.hasError === undefined ? '' : String(filters.hasError)}
        options={HAS_ERROR_OPTIONS}
        onChange={(value) => onFilter('hasError', value === '' ? undefined : value === 'true')}
      />
      <FilterSelect
        label="Guardrails. Intervened: a guardrail in the run blocked content, failed a check, escalated to a person or rewrote content."
        testId="filter-guardrail"
        wide
        anyLabel="Guardrails: any"
        value={filters.guardrail ?? ''}
        options={GUARDRAIL_OPTIONS}
        onChange={(value) => onFilter('guardrail', (value || undefined) as TracesFilters['guardrail'])}
      />
      <label className="flex items-center gap-1 text-xs text-muted">
        Cost ≥ $
        <CommitInput
          inputMode="decimal"
          data-testid="filter-min-cost"
          aria-label="Minimum cost in US dollars"
          placeholder="0.00"
          value={filters.minCostUsd === undefined ? '' : String(filters.minCostUsd)}
          onCommit={(text) => onFilter('minCostUsd', parseAmount(text))}
          className={`${input} ${inputBorder(filters.minCostUsd !== undefined)} w-16`}
        />
      </label>
      <label className="flex items-center gap-1 text-xs text-muted">
        Duration ≥
        <CommitInput
          inputMode="decimal"
          data-testid="filter-min-duration"
          aria-label="Minimum duration in seconds"
          placeholder="0"
          value={msToSecondsText(filters.minDurationMs)}
          onCommit={(text) => onFilter('minDurationMs', secondsTextToMs(text))}
          className={`${input} ${inputBorder(filters.minDurationMs !== undefined)} w-14`}
        />
        s
      </label>
      {active > 0 && (
        <button
          type="button"
          data-testid="filter-clear"
          onClick={onClear}
          className="inline-flex h-7 items-center gap-1 rounded-md px-2 text-xs text-muted hover:bg-page hover:text-ink"
        >
          <X aria-hidden size={13} />
          Clear {active} filter{active === 1 ? '' : 's'}
        </button>
      )}
    </div>
  );
}
