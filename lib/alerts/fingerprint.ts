/**
 * Stable identities. An alert's fingerprint is a hash of project, rule, trace and the finding's own key, so an
 * evaluation repeated after a restart or a late span finds the same alert instead of raising a new one. A
 * delivery's id names one announcement (alert × webhook × event × which firing), so enqueueing it twice is a no-op
 * and receivers can deduplicate on it (it travels as the Idempotency-Key header). It counts firings rather than
 * naming their time, so two collectors that evaluate the same trace at once announce under the same id.
 */
import { createHash } from 'node:crypto';
import type { AlertEvent, RuleId } from './types';

const hash = (parts: readonly string[]): string =>
  createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 32);

export function alertFingerprint(projectId: string, ruleId: RuleId, traceId: string | null, key: string): string {
  return hash(['alert', projectId, ruleId, traceId ?? '', key]);
}

export function deliveryId(fingerprint: string, webhookId: string, event: AlertEvent, firing: number): string {
  return hash(['delivery', fingerprint, webhookId, event, String(firing)]);
}
