/**
 * Webhook bodies. The generic body is the alert itself (API v1's shape) with an absolute link; the Slack body is
 * `{ text, blocks }` as Slack's incoming webhooks (and the many tools that copy them) accept. Alert titles and
 * summaries quote span names and tool names, so Slack's control characters in them are escaped.
 */
import { absoluteLink } from './link';
import { ruleLabel } from './rules-meta';
import type { AlertEvent, ApiAlert } from './types';

export interface GenericWebhookBody {
  /** Lets receivers tell announcements apart: firing, or resolved. */
  event: AlertEvent;
  alert: ApiAlert & { url: string | null };
}

export function genericBody(alert: ApiAlert, event: AlertEvent, publicUrl: string): GenericWebhookBody {
  return { event, alert: { ...alert, url: absoluteLink(publicUrl, alert.link) } };
}

/** Slack's mrkdwn treats &, < and > as markup. */
export function escapeSlack(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

interface SlackTextObject {
  type: 'mrkdwn' | 'plain_text';
  text: string;
}

export type SlackBlock =
  | { type: 'section'; text: SlackTextObject }
  | { type: 'context'; elements: SlackTextObject[] };

export interface SlackWebhookBody {
  text: string;
  blocks: SlackBlock[];
}

const formatNumber = (value: number) => (Number.isInteger(value) ? String(value) : value.toPrecision(4));

export function slackBody(alert: ApiAlert, event: AlertEvent, publicUrl: string): SlackWebhookBody {
  const url = absoluteLink(publicUrl, alert.link);
  const marker = event === 'resolved' ? 'Resolved' : alert.severity === 'critical' ? 'Critical' : 'Warning';
  const headline = `${marker}: ${alert.title}`;
  const title = url ? `*<${url}|${escapeSlack(headline)}>*` : `*${escapeSlack(headline)}*`;
  const where = alert.traceId
    ? `trace \`${alert.traceId}\``
    : alert.dimension
      ? `${alert.dimension.kind} ${escapeSlack(alert.dimension.name)}`
      : `project ${escapeSlack(alert.projectId)}`;
  return {
    text: `${headline} (${ruleLabel(alert.ruleId)})`,
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: `${title}\n${escapeSlack(alert.summary)}` } },
      {
        type: 'context',
        elements: [
          {
            type: 'mrkdwn',
            text: `${escapeSlack(ruleLabel(alert.ruleId))} · ${where} · value ${formatNumber(alert.value)} (threshold ${formatNumber(alert.threshold)}) · project ${escapeSlack(alert.projectId)}`,
          },
        ],
      },
    ],
  };
}
