import { dehydrate, HydrationBoundary, QueryClient } from '@tanstack/react-query';
import type { Metadata } from 'next';
import { z } from 'zod';
import { AlertList } from '@/components/alerts/AlertList';
import { RulesForm } from '@/components/alerts/RulesForm';
import { WebhooksPanel } from '@/components/alerts/WebhooksPanel';
import { alertToApi } from '@/lib/alerts/api';
import { ALERT_STATES, ALERT_WINDOWS } from '@/lib/alerts/types';
import { alertRulesQuery, alertsQuery, webhooksQuery } from '@/lib/api-client/alerts';
import { DEFAULT_DETECTOR_CONFIG } from '@/lib/detectors/config';
import { RULE_IDS } from '@/lib/detectors/types';
import { getAlertRules } from '@/lib/queries/alert-rules';
import { alertCounts, listAlerts } from '@/lib/queries/alerts';
import { runsOfAlertWindow } from '@/lib/queries/overview';
import { listWebhooks } from '@/lib/queries/webhooks';
import { serverClickHouse } from '@/lib/server/clickhouse';

export const dynamic = 'force-dynamic';

export const metadata: Metadata = { title: 'Alerts' };

const searchSchema = z.object({
  state: z.enum(ALERT_STATES).catch('firing'),
  rule: z.enum(RULE_IDS).optional().catch(undefined),
  window: z.enum(ALERT_WINDOWS).catch('all'),
});

interface Props {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

/**
 * Alerts first (what is firing now, or what resolved), then the rules that raise them and the webhooks they go
 * to. Everything is read here, straight from ClickHouse, so the page arrives complete; the islands keep it fresh.
 */
export default async function AlertsPage({ searchParams }: Props) {
  const { state, rule, window } = searchSchema.parse(await searchParams);
  const queryClient = new QueryClient();
  try {
    const { client, database, defaultProject: projectId } = serverClickHouse();
    const runs = runsOfAlertWindow(window, Date.now());
    const [alerts, counts, rules, webhooks] = await Promise.all([
      listAlerts(client, database, { projectId, state, ...(rule ? { ruleId: rule } : {}), limit: 200, runs }),
      alertCounts(client, database, projectId, { runs }),
      getAlertRules(client, database, projectId),
      listWebhooks(client, database, projectId),
    ]);
    queryClient.setQueryData(alertsQuery({ state, ruleId: rule, window }).queryKey, {
      alerts: alerts.map(alertToApi),
      counts: counts.byState,
      countsByRule: counts.byRule,
    });
    queryClient.setQueryData(alertRulesQuery().queryKey, {
      rules: rules.config,
      defaults: DEFAULT_DETECTOR_CONFIG,
      customised: rules.customised,
    });
    queryClient.setQueryData(webhooksQuery().queryKey, { webhooks });
  } catch (error) {
    // The islands fetch for themselves and show the failure in place, with a retry.
    console.error('Prefetching the alerts page failed:', error);
  }
  return (
    <HydrationBoundary state={dehydrate(queryClient)}>
      <div className="mx-auto max-w-[1400px] space-y-4">
        <h1 className="text-lg font-semibold">Alerts</h1>
        <AlertList state={state} ruleId={rule ?? null} window={window} />
        <div className="grid items-start gap-4 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
          <section aria-labelledby="rules-heading" className="rounded-md border border-line bg-panel">
            <h2 id="rules-heading" className="border-b border-line px-3 py-2 font-semibold">
              Rules
            </h2>
            <RulesForm />
          </section>
          <section aria-labelledby="webhooks-heading" className="rounded-md border border-line bg-panel">
            <h2 id="webhooks-heading" className="border-b border-line px-3 py-2 font-semibold">
              Webhooks
            </h2>
            <WebhooksPanel />
          </section>
        </div>
      </div>
    </HydrationBoundary>
  );
}
