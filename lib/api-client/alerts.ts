/**
 * The alerts API as TanStack Query options and mutation calls, shared by the alerts page, the trace page's alert
 * list and the server-side prefetch. Query keys stay private: callers spread the option factories and use the
 * invalidation helpers, so one resource never lives in the cache under two spellings.
 */
import { queryOptions, type QueryClient } from '@tanstack/react-query';
import type {
  AlertState,
  AlertWindow,
  ApiAlert,
  ApiAlertList,
  RuleId,
  ApiAlertRules,
  ApiWebhookList,
  Webhook,
  WebhookFormat,
  WebhookTestResult,
} from '@/lib/alerts/types';
import type { DetectorConfig } from '@/lib/detectors/config';
import { fetchJson as call } from './http';

export type AlertRulesResponse = ApiAlertRules<DetectorConfig>;

export interface AlertListFilter {
  state?: AlertState;
  traceId?: string;
  ruleId?: RuleId;
  limit?: number;
  /** `24h`: the alerts of the last day's runs only (`all` when absent). */
  window?: AlertWindow;
}

const keys = {
  all: ['alerts'] as const,
  lists: ['alerts', 'list'] as const,
  list: (filter: AlertListFilter) =>
    [...keys.lists, filter.state ?? 'all', filter.traceId ?? '', filter.ruleId ?? '', filter.limit ?? 200, filter.window ?? 'all'] as const,
  rules: ['alerts', 'rules'] as const,
  webhooks: ['alerts', 'webhooks'] as const,
};


export function alertListSearch(filter: AlertListFilter): string {
  const search = new URLSearchParams();
  if (filter.state) search.set('state', filter.state);
  if (filter.traceId) search.set('traceId', filter.traceId);
  if (filter.ruleId) search.set('rule', filter.ruleId);
  if (filter.limit) search.set('limit', String(filter.limit));
  if (filter.window && filter.window !== 'all') search.set('window', filter.window);
  const text = search.toString();
  return text ? `?${text}` : '';
}

/** Alerts change as traces arrive, so the list refreshes itself while it is on screen. */
export function alertsQuery(filter: AlertListFilter) {
  return queryOptions({
    queryKey: keys.list(filter),
    queryFn: ({ signal }) => call<ApiAlertList>(`/api/v1/alerts${alertListSearch(filter)}`, { signal }),
    refetchInterval: 15_000,
  });
}

export function alertRulesQuery() {
  return queryOptions({
    queryKey: keys.rules,
    queryFn: ({ signal }) => call<AlertRulesResponse>('/api/v1/alerts/rules', { signal }),
    staleTime: 60_000,
  });
}

export function webhooksQuery() {
  return queryOptions({
    queryKey: keys.webhooks,
    queryFn: ({ signal }) => call<ApiWebhookList>('/api/v1/alerts/webhooks', { signal }),
    staleTime: 60_000,
  });
}

export function saveAlertRules(rules: DetectorConfig): Promise<AlertRulesResponse> {
  return call<AlertRulesResponse>('/api/v1/alerts/rules', { method: 'PUT', body: JSON.stringify(rules) });
}

export function addWebhook(input: { url: string; format: WebhookFormat }): Promise<Webhook> {
  return call<Webhook>('/api/v1/alerts/webhooks', { method: 'POST', body: JSON.stringify(input) });
}

export function removeWebhook(id: string): Promise<unknown> {
  return call(`/api/v1/alerts/webhooks/${encodeURIComponent(id)}`, { method: 'DELETE' });
}

export function sendTestAlert(id: string): Promise<WebhookTestResult> {
  return call<WebhookTestResult>(`/api/v1/alerts/webhooks/${encodeURIComponent(id)}/test`, { method: 'POST' });
}

/** Resolves a firing alert by hand (announced to the webhooks like a resolution the rules found). */
export function resolveAlert(fingerprint: string): Promise<ApiAlert> {
  return call<ApiAlert>(`/api/v1/alerts/${encodeURIComponent(fingerprint)}/resolve`, { method: 'POST' });
}

export const invalidateAlertLists = (client: QueryClient) => client.invalidateQueries({ queryKey: keys.lists });
export const invalidateAlertRules = (client: QueryClient) => client.invalidateQueries({ queryKey: keys.rules });
export const invalidateWebhooks = (client: QueryClient) => client.invalidateQueries({ queryKey: keys.webhooks });
