/**
 * Posts one webhook body. Every outcome is returned, never thrown: the delivery worker records failures and
 * retries them, and the "send test" action shows the receiver's answer to the user.
 */
import { genericBody, slackBody } from './payload';
import type { AlertEvent, ApiAlert, WebhookFormat, WebhookTestResult } from './types';

export interface SendOptions {
  url: string;
  format: WebhookFormat;
  alert: ApiAlert;
  event: AlertEvent;
  publicUrl: string;
  /** Sent as the Idempotency-Key header so a receiver can drop a retry of something it already processed. */
  idempotencyKey: string;
  timeoutMs?: number;
}

const DETAIL_CHARS = 300;

export function webhookBody(format: WebhookFormat, alert: ApiAlert, event: AlertEvent, publicUrl: string): unknown {
  return format === 'slack' ? slackBody(alert, event, publicUrl) : genericBody(alert, event, publicUrl);
}

export async function sendWebhook(options: SendOptions): Promise<WebhookTestResult> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  try {
    const response = await fetch(options.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'idempotency-key': options.idempotencyKey,
        'user-agent': 'Loupe-Alerts/1',
      },
      body: JSON.stringify(webhookBody(options.format, options.alert, options.event, options.publicUrl)),
      signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
      redirect: 'manual',
    });
    const text = await response.text().catch(() => '');
    return {
      ok: response.status >= 200 && response.status < 300,
      status: response.status,
      detail: text.slice(0, DETAIL_CHARS) || `${response.status} ${response.statusText}`.trim(),
      durationMs: elapsed(),
    };
  } catch (error) {
    const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : '';
    const message = error instanceof Error ? `${error.message}${cause}` : String(error);
    return { ok: false, status: null, detail: message.slice(0, DETAIL_CHARS), durationMs: elapsed() };
  }
}
