'use client';

import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import {
  budgetQuery,
  costBreakdownQuery,
  costSeriesQuery,
  costSummaryQuery,
  exportCsvUrl,
} from '@/lib/api-client/costs';
import { budgetPerBucket } from '@/lib/costs/chart';
import type { CostDimension } from '@/lib/costs/types';
import { costViewSearch, type CostView, type ViewDays } from '@/lib/costs/view';
import { BreakdownTable } from './BreakdownTable';
import { BudgetCard } from './BudgetCard';
import { CacheSavings } from './CacheSavings';
import { ChartLegend } from './ChartLegend';
import { CostChart } from './CostChart';
import { CostTotals } from './CostTotals';
import { ExportCsvLink } from './ExportCsvLink';
import { GroupingSwitch } from './GroupingSwitch';
import { RangePicker } from './RangePicker';
import { TopAgents } from './TopAgents';
import { TopTraces } from './TopTraces';
import { UnpricedWarning } from './UnpricedWarning';

const TABLES: readonly CostDimension[] = ['model', 'agent', 'service', 'project'];

/** "Where did the money go?": the cost review for the last 7, 30 or 90 days. The view lives in the URL. */
export function CostReview({ initialView }: { initialView: CostView }) {
  const [view, setView] = useState(initialView);
  const update = (next: CostView) => {
    setView(next);
    window.history.replaceState(null, '', `/costs${costViewSearch(next)}`);
  };
  const summary = useQuery(costSummaryQuery(view.days));
  const series = useQuery(costSeriesQuery(view.days, view.groupBy));
  const budget = useQuery(budgetQuery());
  const model = useQuery(costBreakdownQuery(view.days, 'model'));
  const agent = useQuery(costBreakdownQuery(view.days, 'agent'));
  const service = useQuery(costBreakdownQuery(view.days, 'service'));
  const project = useQuery(costBreakdownQuery(view.days, 'project'));
  const breakdowns = { model: model.data, agent: agent.data, service: service.data, project: project.data };
  const line = series.data ? budgetPerBucket(budget.data?.monthlyUsd ?? null, series.data.bucket, Date.now()) : null;
  const failure = [summary, series, budget, model].find((q) => q.error)?.error;

  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h1 className="text-lg font-semibold">Costs</h1>
        <RangePicker value={view.days} onChange={(days: ViewDays) => update({ ...view, days })} />
      </div>
      {failure && (
        <p role="alert" className="rounded-md border border-error/40 bg-error-soft px-3 py-2 text-sm text-error">
          Could not load costs: {failure.message}
        </p>
      )}
      <div className="grid gap-3 md:grid-cols-3">
        {summary.data ? (
          <CostTotals summary={summary.data} days={view.days} />
        ) : (
          <div aria-busy="true" className="h-[92px] animate-pulse rounded-md border border-line bg-panel" />
        )}
        <BudgetCard budget={budget.data} />
        {summary.data ? (
          <CacheSavings summary={summary.data} />
        ) : (
          <div aria-busy="true" className="h-[92px] animate-pulse rounded-md border border-line bg-panel" />
        )}
      </div>
      {summary.data && <UnpricedWarning unpriced={summary.data.unpriced} />}
      <section aria-label="Spend over time" className="rounded-md border border-line bg-panel p-3">
        <div className="mb-2 flex flex-wrap items-center justify-between gap-2">
          <h2 className="text-sm font-semibold">Spend per {series.data?.bucket ?? 'day'}</h2>
          <div className="flex items-center gap-3">
            <GroupingSwitch value={view.groupBy} onChange={(groupBy) => update({ ...view, groupBy })} />
            <ExportCsvLink href={exportCsvUrl(view.days, view.groupBy)} table={view.groupBy} />
          </div>
        </div>
        <CostChart series={series.data} budgetPerBucket={line} />
        <ChartLegend series={series.data} budgetPerBucket={line} />
      </section>
      <div className="grid gap-3 lg:grid-cols-2">
        <TopTraces traces={summary.data?.topTraces ?? []} exportHref={exportCsvUrl(view.days, 'traces')} />
        <TopAgents agents={summary.data?.topAgents ?? []} exportHref={exportCsvUrl(view.days, 'agents')} />
      </div>
      <div className="grid gap-3 lg:grid-cols-2">
        {TABLES.map((dimension) => (
          <BreakdownTable
            key={dimension}
            dimension={dimension}
            breakdown={breakdowns[dimension]}
            exportHref={exportCsvUrl(view.days, dimension)}
          />
        ))}
      </div>
    </div>
  );
}
