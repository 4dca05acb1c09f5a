'use client';

import { useQuery } from '@tanstack/react-query';
import { Crosshair } from 'lucide-react';
import Link from 'next/link';
import { alertsQuery } from '@/lib/api-client/alerts';
import { formatAgo } from '@/lib/alerts/format';
import { ruleLabel } from '@/lib/alerts/rules-meta';
import { ResolveAlertButton, useResolveAlert } from './ResolveAlert';
import { SeverityBadge } from './SeverityBadge';

/**
 * The alerts raised on one trace, compact, for the trace page: each names its rule and links to the same trace
 * with that alert's evidence highlighted; a firing one can be resolved from here. Renders nothing when the trace
 * raised none.
 */
export function TraceAlerts(props: { traceId: string }) {
  const query = useQuery(alertsQuery({ traceId: props.traceId, limit: 50 }));
  const alerts = query.data?.alerts ?? [];
  const { onResolve, resolving, error } = useResolveAlert();
  if (alerts.length === 0) return null;
  return (
    <section data-testid="trace-alerts" aria-label="Alerts on this trace" className="rounded-md border border-line bg-panel">
      <ul>
        {alerts.map((alert) => (
          <li
            key={alert.fingerprint}
            data-testid="alert-row"
            data-rule={alert.ruleId}
            data-state={alert.state}
            data-trace-id={alert.traceId ?? ''}
            className="flex items-center gap-2 border-b border-line px-2 py-1 text-xs last:border-b-0"
          >
            <SeverityBadge severity={alert.severity} state={alert.state} />
            <span className="shrink-0 font-medium text-muted">{ruleLabel(alert.ruleId)}</span>
            <span className={`min-w-0 flex-1 truncate ${alert.state === 'resolved' ? 'text-muted' : 'text-ink'}`} title={alert.summary}>
              {alert.title}
            </span>
            <span className="shrink-0 text-faint">{formatAgo(Date.parse(alert.firedAt), query.dataUpdatedAt)}</span>
            {alert.link && (
              <Link
                data-testid="alert-link"
                href={alert.link}
                scroll={false}
                className="inline-flex shrink-0 items-center gap-1 rounded px-1.5 py-0.5 font-medium text-accent hover:bg-accent-soft"
              >
                <Crosshair size={12} aria-hidden />
                Show {alert.evidenceSpanIds.length} span{alert.evidenceSpanIds.length === 1 ? '' : 's'}
              </Link>
            )}
            {alert.state === 'firing' && (
              <ResolveAlertButton
                fingerprint={alert.fingerprint}
                onResolve={onResolve}
                resolving={resolving === alert.fingerprint}
                className="rounded px-1.5 py-0.5 hover:bg-page"
              />
            )}
          </li>
        ))}
      </ul>
      {error && (
        <p role="alert" className="border-t border-line px-2 py-1 text-xs text-error">
          Could not resolve the alert: {error}
        </p>
      )}
    </section>
  );
}
