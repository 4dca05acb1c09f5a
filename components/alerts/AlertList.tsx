'use client';

import { useQuery } from '@tanstack/react-query';
import { BellRing, CheckCircle2 } from 'lucide-react';
import Link from 'next/link';
import { alertsQuery } from '@/lib/api-client/alerts';
import { alertRowModel, alertsPageHref, ruleChips } from '@/lib/alerts/row-model';
import type { AlertState, AlertWindow, RuleId } from '@/lib/alerts/types';
import { AlertRow } from './AlertRow';
import { useResolveAlert } from './ResolveAlert';

const TABS: { state: AlertState; label: string }[] = [
  { state: 'firing', label: 'Firing' },
  { state: 'resolved', label: 'Resolved' },
];

const WINDOWS: { window: AlertWindow; label: string; title: string }[] = [
  { window: 'all', label: 'All runs', title: 'Every alert kept' },
  { window: '24h', label: 'Runs of the last 24 h', title: 'The alerts of the runs that started in the last 24 hours, and the rate alerts' },
];

const chipClass = (active: boolean) =>
  `inline-flex items-center gap-1 rounded-full border px-2 py-0.5 text-xs ${
    active ? 'border-accent bg-accent-soft font-medium text-accent' : 'border-line text-muted hover:border-line-strong hover:text-ink'
  }`;

/**
 * Firing or resolved alerts (optionally of one rule, optionally of the last day's runs), critical and newest first,
 * refreshed while open.
 */
export function AlertList({ state, ruleId, window }: { state: AlertState; ruleId: RuleId | null; window: AlertWindow }) {
  const query = useQuery(alertsQuery({ state, ...(ruleId ? { ruleId } : {}), window }));
  const counts = query.data?.counts;
  const chips = ruleChips(query.data?.countsByRule[state] ?? {});
  const alerts = query.data?.alerts ?? [];
  const { onResolve, resolving, error: resolveError } = useResolveAlert();
  return (
    <section aria-labelledby="alerts-heading" className="rounded-md border border-line bg-panel">
      <h2 id="alerts-heading" className="sr-only">
        Alerts
      </h2>
      <div className="flex flex-wrap items-center gap-x-4 gap-y-2 border-b border-line px-3 py-2">
        <nav aria-label="Alert state" className="flex gap-1" role="tablist">
          {TABS.map((tab) => {
            const active = tab.state === state;
            const count = counts?.[tab.state];
            return (
              <Link
                key={tab.state}
                role="tab"
                aria-selected={active}
                data-testid={`alerts-tab-${tab.state}`}
                href={alertsPageHref(tab.state, null, window)}
                scroll={false}
                className={`flex items-center gap-1.5 rounded-md px-2.5 py-1 text-sm ${
                  active ? 'bg-accent-soft font-medium text-accent' : 'text-muted hover:bg-page hover:text-ink'
                }`}
              >
                {tab.label}
                {count !== undefined && (
                  <span
                    className={`rounded px-1.5 text-xs tabular-nums ${
                      tab.state === 'firing' && count > 0 ? 'bg-error text-white' : 'bg-page text-muted'
                    }`}
                  >
                    {count}
                  </span>
                )}
              </Link>
            );
          })}
        </nav>
        {chips.length > 1 && (
          <nav aria-label="Filter by rule" className="flex flex-wrap gap-1.5">
            <Link href={alertsPageHref(state, null, window)} scroll={false} className={chipClass(ruleId === null)} aria-current={ruleId === null || undefined}>
              All rules
            </Link>
            {chips.map((chip) => (
              <Link
                key={chip.ruleId}
                data-testid="alert-rule-filter"
                data-rule={chip.ruleId}
                href={alertsPageHref(state, chip.ruleId, window)}
                scroll={false}
                aria-current={chip.ruleId === ruleId || undefined}
                className={chipClass(chip.ruleId === ruleId)}
              >
                {chip.label}
                <span className="tabular-nums text-faint">{chip.count}</span>
              </Link>
            ))}
          </nav>
        )}
        <nav aria-label="Which runs" className="ml-auto flex gap-1" data-testid="alerts-window">
          {WINDOWS.map((option) => (
            <Link
              key={option.window}
              href={alertsPageHref(state, ruleId, option.window)}
              scroll={false}
              title={option.title}
              data-window={option.window}
              aria-current={option.window === window || undefined}
              className={chipClass(option.window === window)}
            >
              {option.label}
            </Link>
          ))}
        </nav>
        {query.isFetching && <span className="text-xs text-faint">refreshing…</span>}
      </div>
      {resolveError && (
        <p role="alert" className="border-b border-line px-3 py-1.5 text-xs text-error">
          Could not resolve the alert: {resolveError}
        </p>
      )}
      {query.isError ? (
        <p role="alert" className="px-3 py-6 text-sm text-error">
          Alerts could not be loaded: {query.error.message}{' '}
          <button type="button" className="underline" onClick={() => void query.refetch()}>
            Retry
          </button>
        </p>
      ) : query.isPending ? (
        <p className="px-3 py-6 text-sm text-muted">Loading alerts…</p>
      ) : alerts.length === 0 ? (
        <div className="flex items-center gap-2 px-3 py-6 text-sm text-muted">
          {state === 'firing' ? <CheckCircle2 size={16} className="text-ok" aria-hidden /> : <BellRing size={16} aria-hidden />}
          {state === 'firing' ? 'Nothing is firing.' : 'No alert has resolved yet.'}
        </div>
      ) : (
        <ul data-testid="alert-list" className="max-h-[70vh] overflow-y-auto">
          {alerts.map((alert) => (
            <AlertRow
              key={alert.fingerprint}
              {...alertRowModel(alert)}
              nowMs={query.dataUpdatedAt}
              onResolve={onResolve}
              resolving={resolving === alert.fingerprint}
            />
          ))}
        </ul>
      )}
    </section>
  );
}
