import Link from 'next/link';
import type { ApiTopTrace } from '@/lib/costs/types';
import { formatCount, formatUsd } from '@/lib/ui/format';
import { ExportCsvLink } from './ExportCsvLink';

/** The most expensive runs of the range, each linking to its trace. */
export function TopTraces({ traces, exportHref }: { traces: ApiTopTrace[]; exportHref: string }) {
  return (
    <section aria-label="Most expensive traces" className="rounded-md border border-line bg-panel p-3">
      <div className="mb-1 flex items-center justify-between">
        <h2 className="text-sm font-semibold">Most expensive traces</h2>
        <ExportCsvLink href={exportHref} table="traces" />
      </div>
      <ol data-testid="top-traces" className="text-sm">
        {traces.map((t) => (
          <li key={t.traceId} data-testid="top-trace" className="flex items-center gap-2 border-t border-line py-1 first:border-t-0">
            <Link href={`/traces/${t.traceId}`} className="min-w-0 flex-1 truncate text-accent hover:underline" title={t.rootName || t.traceId}>
              {t.rootName || <span className="font-mono text-xs">{t.traceId}</span>}
            </Link>
            <span className="w-32 truncate text-xs text-muted" title={t.serviceName}>{t.serviceName}</span>
            <span className="w-20 text-right text-xs text-muted">
              {t.startTime ? new Date(t.startTime).toISOString().slice(5, 16).replace('T', ' ') : ''}
            </span>
            <span className="w-14 text-right text-xs text-muted">{formatCount(t.calls)} calls</span>
            <span className="w-20 text-right font-medium">{formatUsd(t.costUsd, { unpriced: t.unpricedCalls })}</span>
          </li>
        ))}
        {traces.length === 0 && <li className="py-3 text-center text-xs text-muted">No priced traces in this range</li>}
      </ol>
    </section>
  );
}
