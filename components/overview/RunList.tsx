import Link from 'next/link';
import type { TraceRowModel } from '@/lib/traces-view/row-model';
import { RunListItem } from './RunListItem';

interface Props {
  title: string;
  testId: string;
  runs: readonly TraceRowModel[];
  emphasis: 'cost' | 'failure';
  empty: string;
  moreHref: string;
  moreLabel: string;
}

/** A titled short list of runs (the most expensive, the failed), with a link to the full list behind it. */
export function RunList({ title, testId, runs, emphasis, empty, moreHref, moreLabel }: Props) {
  return (
    <section aria-label={title} data-testid={testId} className="rounded-md border border-line bg-panel">
      <header className="flex items-center justify-between border-b border-line px-3 py-2">
        <h2 className="text-sm font-semibold">{title}</h2>
        <Link href={moreHref} className="text-xs text-accent hover:underline">
          {moreLabel} →
        </Link>
      </header>
      {runs.length === 0 ? (
        <p className="px-3 py-6 text-center text-sm text-muted">{empty}</p>
      ) : (
        <ol className="divide-y divide-line">
          {runs.map((run) => (
            <RunListItem
              key={run.traceId}
              traceId={run.traceId}
              href={run.href}
              startIso={run.startIso}
              startLabel={run.startLabel}
              rootName={run.rootName}
              serviceName={run.serviceName}
              agents={run.agents}
              durationLabel={run.durationLabel}
              llmCallCount={run.llmCallCount}
              tokensLabel={run.tokensLabel}
              costLabel={run.costLabel}
              errorCount={run.errorCount}
              outcome={run.outcome}
              alertRules={run.alertRules}
              alertSeverity={run.alertSeverity}
              alertsTitle={run.alertsTitle}
              emphasis={emphasis}
            />
          ))}
        </ol>
      )}
    </section>
  );
}
