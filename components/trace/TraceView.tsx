'use client';

import { useQuery } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { traceDetailQuery } from '@/lib/api-client/trace';
import type { ApiTraceDetail, ApiTraceSummary } from '@/lib/span/api-types';
import { agentGraph, buildTree, rowIndexOf } from '@/lib/trace-tree';
import { timeTicks, traceFacts, treeFacets } from '@/lib/trace-view/trace-facts';
import { traceViewSearch, type TraceViewFilter, type TraceViewState } from '@/lib/trace-view/url-state';
import {
  collapsibleIds,
  MAX_RENDERED_ROWS,
  revealSpan,
  rowWindow,
  toggled,
  viewRows,
  viewTree,
  windowNotice,
} from '@/lib/trace-view/view-rows';
import { SilentFailureWarning } from './SilentFailureWarning';
import { TraceAlerts } from '@/components/alerts/TraceAlerts';
import { TraceHeader } from './TraceHeader';
import { IncomingLinks } from './IncomingLinks';
import { TraceLoading } from './TraceLoading';
import { TraceSidebar, type SidebarTab } from './TraceSidebar';
import { TraceTree } from './TraceTree';
import { TreeToolbar } from './TreeToolbar';
import { WindowNotice } from './WindowNotice';

const NONE: ReadonlySet<string> = new Set();

interface Expansion {
  collapsed: ReadonlySet<string>;
  expandedGroups: ReadonlySet<string>;
}

/**
 * The trace page's client island. A large trace arrives without its spans (`initialDetail` null) and is fetched
 * here as API JSON; until it arrives the page says what is loading.
 */
export function TraceView(props: {
  traceId: string;
  summary: ApiTraceSummary;
  initialDetail: ApiTraceDetail | null;
  initialState: TraceViewState;
}) {
  const { traceId, summary, initialDetail, initialState } = props;
  const { data, error } = useQuery({ ...traceDetailQuery(traceId), initialData: initialDetail ?? undefined });
  if (!data) return <TraceLoading summary={summary} error={error} />;
  return <LoadedTraceView traceId={traceId} data={data} initialState={initialState} />;
}

/**
 * The loaded trace: builds the tree once per payload, keeps the view state (selection, filter, focus, expansion,
 * row window) and mirrors it into the URL so the view can be shared as a link.
 */
function LoadedTraceView({ traceId, data, initialState }: { traceId: string; data: ApiTraceDetail; initialState: TraceViewState }) {
  const tree = useMemo(() => buildTree(data.spans), [data.spans]);
  const facts = useMemo(() => traceFacts(data.trace, tree), [data.trace, tree]);
  const graph = useMemo(() => agentGraph(tree), [tree]);
  const handoffs = useMemo(() => new Set(graph.handoffs.map((handoff) => handoff.spanId)), [graph]);
  const facets = useMemo(() => treeFacets(tree), [tree]);

  const [filter, setFilter] = useState<TraceViewFilter>(initialState.filter);
  const highlighted = useMemo(() => new Set(initialState.highlightIds), [initialState.highlightIds]);
  const [focusId, setFocusId] = useState<string | null>(initialState.focusId);
  const view = useMemo(() => viewTree(tree, focusId), [tree, focusId]);
  const [selectedId, setSelectedId] = useState<string | null>(initialState.spanId);
  const [tab, setTab] = useState<SidebarTab>(initialState.spanId ? 'span' : 'agents');
  const [expansion, setExpansion] = useState<Expansion>(() =>
    initialState.spanId ? revealSpan(view.tree, view.groups, initialState.spanId, NONE, NONE) : { collapsed: NONE, expandedGroups: NONE },
  );

  const { rows, matches } = useMemo(
    () => viewRows(view, filter, expansion.collapsed, expansion.expandedGroups),
    [view, filter, expansion],
  );
  const selectedIndex = useMemo(() => (selectedId === null ? -1 : rowIndexOf(rows, selectedId)), [rows, selectedId]);

  // The row window only moves when the selection leaves it (a link, a reveal) or on request, never per keypress.
  const [anchor, setAnchor] = useState(() => Math.max(selectedIndex, 0));
  const win = useMemo(() => rowWindow(rows, anchor), [rows, anchor]);
  if (selectedIndex >= 0 && (selectedIndex < win.start || selectedIndex >= win.start + win.rows.length)) setAnchor(selectedIndex);
  const notice = windowNotice(win, rows.length);

  const selectedSpan = selectedId === null ? null : (tree.byId.get(selectedId)?.span ?? null);
  const selectedSpanId = selectedSpan ? selectedSpan.spanId : null;

  // history.replaceState rather than router.replace: Next.js keeps useSearchParams in step either way, and this
  // does not re-run the server component (which would reload every span of the trace on each arrow key).
  useEffect(() => {
    const search = traceViewSearch({
      spanId: selectedSpanId,
      focusId: view.focused ? focusId : null,
      filter,
      highlightIds: initialState.highlightIds,
    });
    if (search !== window.location.search) window.history.replaceState(null, '', `${window.location.pathname}${search}`);
  }, [selectedSpanId, focusId, view.focused, filter, initialState.highlightIds]);

  const onSelect = useCallback((id: string) => setSelectedId(id), []);
  const onOpen = useCallback((id: string) => {
    setSelectedId(id);
    setTab('span');
  }, []);
  const onToggle = useCallback((id: string, collapse: boolean) => {
    setExpansion((e) => ({ ...e, collapsed: toggled(e.collapsed, id, collapse) }));
  }, []);
  const onToggleGroup = useCallback((id: string, expand: boolean) => {
    setExpansion((e) => ({ ...e, expandedGroups: toggled(e.expandedGroups, id, expand) }));
  }, []);

  /** Selects a span from outside the tree (the header, the panel's links): makes it visible first. */
  const revealAndOpen = useCallback(
    (spanId: string) => {
      if (!tree.byId.has(spanId)) return;
      const target = view.tree.byId.has(spanId) ? view : viewTree(tree, null);
      if (target !== view) setFocusId(null);
      setExpansion((e) => revealSpan(target.tree, target.groups, spanId, e.collapsed, e.expandedGroups));
      onOpen(spanId);
    },
    [tree, view, onOpen],
  );

  const moveWindow = (direction: -1 | 1) => {
    const next = rowWindow(rows, win.start + Math.floor(MAX_RENDERED_ROWS / 2) + direction * MAX_RENDERED_ROWS);
    setAnchor(next.start + Math.floor(MAX_RENDERED_ROWS / 2));
    setSelectedId(next.rows[direction < 0 ? next.rows.length - 1 : 0]?.id ?? null);
  };

  const durationNs = Number(view.tree.totals.endNs - view.tree.totals.startNs);
  const timeWindow = { startNs: view.tree.totals.startNs, endNs: view.tree.totals.endNs };
  const focusNode = view.focused && focusId !== null ? tree.byId.get(focusId) : undefined;

  return (
    <div className="flex flex-col gap-3">
      <TraceHeader traceId={traceId} facts={facts} />
      {facts.silentFailure && <SilentFailureWarning failure={facts.silentFailure} onOpen={revealAndOpen} />}
      <TraceAlerts traceId={traceId} />
      <IncomingLinks links={data.incomingLinks} />
      <div className="grid h-[calc(100vh-12rem)] min-h-[440px] grid-cols-1 gap-3 lg:grid-cols-[minmax(0,1fr)_26rem]">
        <section className="flex min-h-0 flex-col overflow-hidden rounded-md border border-line bg-panel" aria-label="Trace tree">
          <TreeToolbar
            filter={filter}
            facets={facets}
            matchCount={matches ? matches.size : null}
            focusName={focusNode ? focusNode.span.name : null}
            canFocus={selectedSpanId !== null}
            onFilter={setFilter}
            onFocusSelected={() => selectedSpanId && setFocusId(selectedSpanId)}
            onClearFocus={() => setFocusId(null)}
            onCollapseAll={() => setExpansion({ collapsed: collapsibleIds(view.tree), expandedGroups: NONE })}
            onExpandAll={() => setExpansion((e) => ({ ...e, collapsed: NONE }))}
          />
          {notice && (
            <WindowNotice
              notice={notice}
              canEarlier={win.hiddenBefore > 0}
              canLater={win.hiddenAfter > 0}
              onEarlier={() => moveWindow(-1)}
              onLater={() => moveWindow(1)}
            />
          )}
          {rows.length === 0 ? (
            <p className="p-4 text-sm text-muted" data-testid="tree-empty">
              No span matches these filters.
            </p>
          ) : (
            <TraceTree
              rows={win.rows}
              selectedId={selectedId}
              matches={matches}
              timeWindow={timeWindow}
              handoffs={handoffs}
              highlighted={highlighted}
              ticks={timeTicks(durationNs / 1e6)}
              onSelect={onSelect}
              onToggle={onToggle}
              onToggleGroup={onToggleGroup}
              onOpen={onOpen}
            />
          )}
        </section>
        <TraceSidebar
          traceId={traceId}
          tab={tab}
          span={selectedSpan}
          graph={graph}
          selectedAgent={filter.agent === '' ? null : filter.agent}
          onTab={setTab}
          onSelectAgent={(agent) => setFilter((f) => ({ ...f, agent: agent ?? '' }))}
          onSelectSpan={revealAndOpen}
          onClose={() => setSelectedId(null)}
        />
      </div>
    </div>
  );
}
