import { CircleAlert } from 'lucide-react';
import type { ReactNode } from 'react';
import type { TraceFacts } from '@/lib/trace-view/trace-facts';
import { GuardrailInterventionsBadge } from '@/components/traces/GuardrailInterventionsBadge';
import { formatCount, formatTokens } from '@/lib/ui/format';

function Fact({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <div className="min-w-0 max-w-[22rem]">
      <dt className="text-[11px] uppercase tracking-wide text-faint">{label}</dt>
      <dd className="truncate text-sm" data-testid={testId}>
        {children}
      </dd>
    </div>
  );
}

function List({ values, empty = '—' }: { values: string[]; empty?: string }) {
  if (values.length === 0) return <span className="text-faint">{empty}</span>;
  const shown = values.slice(0, 4).join(', ');
  return <span title={values.join(', ')}>{values.length > 4 ? `${shown} +${values.length - 4}` : shown}</span>;
}

/** What the run was, in one glance: root, services, when, how long, how big, who and which models, tokens, cost, errors. */
export function TraceHeader({ traceId, facts }: { traceId: string; facts: TraceFacts }) {
  const t = facts.tokens;
  const started = new Date(facts.startTime);
  const startLabel = Number.isNaN(started.getTime()) ? facts.startTime : started.toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC');
  return (
    <header className="rounded-md border border-line bg-panel px-4 py-3" data-testid="trace-header">
      <div className="flex flex-wrap items-baseline gap-x-3 gap-y-1">
        <h1 className="truncate text-lg font-semibold" data-testid="trace-root-name">
          {facts.rootName}
        </h1>
        <span className="font-mono text-xs text-faint" title="Trace id">
          {traceId}
        </span>
        {facts.errorCount > 0 ? (
          <span className="flex items-center gap-1 rounded bg-error-soft px-1.5 text-xs font-medium text-error" data-testid="trace-error-count">
            <CircleAlert size={12} aria-hidden />
            {formatCount(facts.errorCount)} {facts.errorCount === 1 ? 'error' : 'errors'}
          </span>
        ) : (
          <span className="rounded bg-ok-soft px-1.5 text-xs text-ok" data-testid="trace-error-count">
            no errors
          </span>
        )}
        <span className="text-xs text-muted">root status: {facts.rootStatus}</span>
        <GuardrailInterventionsBadge testId="trace-guardrails" verdicts={facts.guardrailInterventions} />
      </div>
      <dl className="mt-2 flex flex-wrap gap-x-8 gap-y-2">
        <Fact label="Services">
          <List values={facts.services} />
        </Fact>
        <Fact label="Started">{startLabel}</Fact>
        <Fact label="Duration" testId="trace-duration">
          {facts.durationLabel}
        </Fact>
        <Fact label="Spans" testId="trace-span-count">
          {formatCount(facts.spanCount)}
          {facts.duplicatesRemoved > 0 && (
            <span className="ml-1 text-xs text-faint" title="Copies delivered twice by a retried export, shown and counted once">
              ({formatCount(facts.duplicatesRemoved)} duplicates dropped)
            </span>
          )}
          {facts.orphanCount > 0 && (
            <span
              className="ml-1 text-xs text-warn"
              data-testid="trace-orphans"
              title="Spans whose parent has not arrived are shown at the top level, marked “parent missing”"
            >
              ({formatCount(facts.orphanCount)} without their parent)
            </span>
          )}
        </Fact>
        <Fact label="Agents">
          <List values={facts.agents} empty="none" />
        </Fact>
        <Fact label="Models">
          <List values={facts.models} empty="none" />
        </Fact>
        <Fact label="Tokens in / out / cached / reasoning" testId="trace-total-tokens">
          <span title={`${formatCount(t.inputTokens)} in (cache write ${formatCount(t.cacheWriteTokens)}), ${formatCount(t.outputTokens)} out`}>
            {formatTokens(t.inputTokens)} / {formatTokens(t.outputTokens)} / {formatTokens(t.cacheReadTokens)} / {formatTokens(t.reasoningTokens)}
          </span>
        </Fact>
        <Fact label="Cost" testId="trace-total-cost">
          <span className="font-semibold">{facts.costLabel}</span>
        </Fact>
      </dl>
    </header>
  );
}
