import Link from 'next/link';
import { alertsPageHref } from '@/lib/alerts/row-model';
import { ruleLabel } from '@/lib/alerts/rules-meta';
import type { ApiOverview } from '@/lib/queries/overview';
import { formatCount } from '@/lib/ui/format';
import { StatCard } from './StatCard';

/** Rules named on the card; the rest are counted. */
const NAMED_RULES = 3;

/**
 * The alerts firing on the last day's runs (and the rate alerts): how many, how many critical, and the rules behind
 * them, each linking to the alerts page filtered to it (and to the same runs). A loop or a run over budget fails no span, so the failure
 * figures beside this one do not show them.
 */
export function FiringAlertsCard({ alerts }: { alerts: ApiOverview['alerts'] }) {
  const named = alerts.rules.slice(0, NAMED_RULES);
  const others = alerts.rules.length - named.length;
  return (
    <StatCard
      label="Alerts firing · runs of the last 24 h"
      testId="overview-alerts-firing"
      value={formatCount(alerts.firing)}
      alarming={alerts.critical > 0}
      detail={
        alerts.firing === 0 ? (
          'No rule is firing'
        ) : (
          <span data-testid="overview-alert-rules">
            {alerts.critical > 0 && <span className="font-medium text-error">{formatCount(alerts.critical)} critical · </span>}
            {named.map((rule, i) => (
              <span key={rule.ruleId}>
                {i > 0 && ' · '}
                <Link href={alertsPageHref('firing', rule.ruleId, '24h')} className="whitespace-nowrap hover:underline" data-rule={rule.ruleId}>
                  {ruleLabel(rule.ruleId)} {formatCount(rule.firing)}
                </Link>
              </span>
            ))}
            {others > 0 && ` · ${others} more rule${others === 1 ? '' : 's'}`}
          </span>
        )
      }
      href={alertsPageHref('firing', null, '24h')}
      linkLabel="See firing alerts"
    />
  );
}
