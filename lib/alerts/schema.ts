/** zod schemas of the alerting JSON that crosses a boundary: stored delivery snapshots and API request bodies. */
import { z } from 'zod';
import { RULE_IDS } from '../detectors/types';
import { ALERT_STATES, WEBHOOK_FORMATS, type ApiAlert } from './types';

export const apiAlertSchema: z.ZodType<ApiAlert> = z.object({
  fingerprint: z.string(),
  projectId: z.string(),
  ruleId: z.enum(RULE_IDS),
  state: z.enum(ALERT_STATES),
  severity: z.enum(['warning', 'critical']),
  title: z.string(),
  summary: z.string(),
  traceId: z.string().nullable(),
  evidenceSpanIds: z.array(z.string()),
  dimension: z.object({ kind: z.enum(['agent', 'model', 'service']), name: z.string() }).nullable(),
  value: z.number(),
  threshold: z.number(),
  firstSeen: z.string(),
  lastSeen: z.string(),
  firedAt: z.string(),
  resolvedAt: z.string().nullable(),
  link: z.string().nullable(),
});

const webhookUrl = z
  .string()
  .trim()
  .max(2000, 'at most 2000 characters')
  .refine((value) => {
    try {
      const url = new URL(value);
      return url.protocol === 'http:' || url.protocol === 'https:';
    } catch {
      return false;
    }
  }, 'expected an http:// or https:// URL');

export const newWebhookSchema = z.strictObject({
  url: webhookUrl,
  format: z.enum(WEBHOOK_FORMATS).default('generic'),
  enabled: z.boolean().default(true),
});

export type NewWebhook = z.infer<typeof newWebhookSchema>;
