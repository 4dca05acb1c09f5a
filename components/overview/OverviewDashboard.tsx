'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useMemo } from 'react';
import { useReaderTimeZone } from '@/components/traces/useReaderTimeZone';
import { overviewOptions } from '@/lib/api-client/traces';
import {
  dayByCostHref,
  dayFailuresHref,
  formatAge,
  lastHourFailuresHref,
  lastHourGuardrailsHref,
  lastHourHref,
  todayByCostHref,
} from '@/lib/traces-view/overview-links';
import { dayKey, toTraceRowModel } from '@/lib/traces-view/row-model';
import { formatCount, formatTokens, formatUsd } from '@/lib/ui/format';
import { FiringAlertsCard } from './FiringAlertsCard';
import { FirstRunPanel } from './FirstRunPanel';
import { RunList } from './RunList';
import { StatCard } from './StatCard';

/** The overview's client island: refreshes itself every few seconds from `/api/v1/overview`. */
export function OverviewDashboard() {
  const overview = useQuery(overviewOptions());
  const timeZone = useReaderTimeZone();
  const data = overview.data;
  const clock = useMemo(() => ({ today: dayKey(Date.now(), timeZone), timeZone }), [timeZone]);
  const topRuns = useMemo(() => (data?.topCostRuns ?? []).map((t) => toTraceRowModel(t, clock)), [data, clock]);
  const errorRuns = useMemo(() => (data?.recentErrorRuns ?? []).map((t) => toTraceRowModel(t, clock)), [data, clock]);

  if (!data) {
    return overview.isError ? (
      <div role="alert" className="rounded-md border border-error/40 bg-error-soft px-3 py-2 text-error">
        Could not load the overview: {overview.error.message}{' '}
        <button type="button" className="underline" onClick={() => void overview.refetch()}>
          Try again
        </button>
      </div>
    ) : (
      <p role="status" className="py-8 text-center text-muted">
        Loading…
      </p>
    );
  }
  if (data.lastTraceAt === null) return <FirstRunPanel />;

  const { lastHour, today } = data;
  const newestAge = Date.parse(data.now) - Date.parse(data.lastTraceAt);
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h1 className="text-lg font-semibold">Overview</h1>
        <p className="text-xs text-muted" data-testid="overview-last-trace">
          Newest run started {formatAge(newestAge)}
          {overview.isError && <span className="ml-2 text-error">· refresh failed, showing the last figures</span>}
        </p>
      </div>
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-3 xl:grid-cols-5">
        <StatCard
          label="Runs · last hour"
          testId="overview-traces-hour"
          value={formatCount(lastHour.traces)}
          detail={
            <>
              {formatCount(today.traces)} since 00:00 UTC
              {lastHour.guardrailInterventions > 0 && (
                <>
                  {' · '}
                  <Link href={lastHourGuardrailsHref()} className="font-medium text-warn hover:underline" data-testid="overview-guardrails-hour">
                    {formatCount(lastHour.guardrailInterventions)} with guardrail{' '}
                    {lastHour.guardrailInterventions === 1 ? 'intervention' : 'interventions'}
                  </Link>
                </>
              )}
            </>
          }
          href={lastHourHref()}
          linkLabel="Watch live"
        />
        <StatCard
          label="Runs with failures · last hour"
          testId="overview-errors-hour"
          value={formatCount(lastHour.errorTraces)}
          alarming={lastHour.errorTraces > 0}
          detail={
            lastHour.errorTraces === 0 ? (
              'Nothing failed'
            ) : (
              <>
                {lastHour.silentFailures > 0 && (
                  <span className="font-medium text-error">{formatCount(lastHour.silentFailures)} reported success · </span>
                )}
                {formatCount(lastHour.errorSpans)} failed spans
              </>
            )
          }
          href={lastHourFailuresHref()}
          linkLabel="See failed runs"
        />
        <FiringAlertsCard alerts={data.alerts} />
        <StatCard
          label="Spend today (UTC)"
          testId="overview-spend-today"
          value={formatUsd(today.costUsd)}
          detail={
            <>
              {today.unpricedCount > 0 && (
                <span className="font-medium text-warn" data-testid="overview-unpriced-today">
                  + {formatCount(today.unpricedCount)} unpriced calls ·{' '}
                </span>
              )}
              {formatCount(today.traces)} runs
            </>
          }
          href={todayByCostHref(today.since, data.now)}
          linkLabel="Today’s runs by cost"
        />
        <StatCard
          label="Tokens today (UTC)"
          testId="overview-tokens-today"
          value={`${formatTokens(today.inputTokens)} / ${formatTokens(today.outputTokens)}`}
          detail={`in / out${today.cacheReadTokens > 0 ? ` · ${formatTokens(today.cacheReadTokens)} input read from cache` : ''}`}
          href={todayByCostHref(today.since, data.now)}
          linkLabel="Today’s runs"
        />
      </div>
      <div className="grid grid-cols-1 gap-3 lg:grid-cols-2">
        <RunList
          title="Most expensive runs · last 24 h"
          testId="overview-top-runs"
          runs={topRuns}
          emphasis="cost"
          empty="No priced runs in the last 24 hours."
          moreHref={dayByCostHref()}
          moreLabel="All by cost"
        />
        <RunList
          title="Runs with failures · last 24 h"
          testId="overview-error-runs"
          runs={errorRuns}
          emphasis="failure"
          empty="No run failed in the last 24 hours."
          moreHref={dayFailuresHref()}
          moreLabel="All failed runs"
        />
      </div>
    </div>
  );
}
