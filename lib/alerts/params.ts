/** Request parsing for the alerts API: the list's query parameters and JSON bodies. */
import { z } from 'zod';
import { BadRequest } from '../errors';
import { RULE_IDS } from '../detectors/types';
import { ALERT_STATES, ALERT_WINDOWS, type AlertState, type AlertWindow, type RuleId } from './types';

const TRACE_ID = /^[0-9a-f]{32}$/;

const listParams = z.strictObject({
  state: z.enum(ALERT_STATES).optional(),
  traceId: z
    .string()
    .transform((v) => v.trim().toLowerCase())
    .refine((v) => TRACE_ID.test(v), 'expected 32 hexadecimal digits')
    .optional(),
  rule: z.enum(RULE_IDS).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
  window: z.enum(ALERT_WINDOWS).default('all'),
  project: z.string().optional(),
});

export interface AlertListParams {
  state?: AlertState;
  traceId?: string;
  ruleId?: RuleId;
  limit: number;
  window: AlertWindow;
}

export function parseAlertListParams(search: URLSearchParams): AlertListParams {
  const raw: Record<string, string> = {};
  for (const [key, value] of search) if (value !== '') raw[key] = value;
  const parsed = listParams.safeParse(raw);
  if (!parsed.success) {
    throw new BadRequest(parsed.error.issues.map((i) => `${i.path.join('.') || 'query'}: ${i.message}`).join('; '));
  }
  const { state, traceId, rule, limit, window } = parsed.data;
  return { limit, window, ...(state ? { state } : {}), ...(traceId ? { traceId } : {}), ...(rule ? { ruleId: rule } : {}) };
}

/** The request body as JSON; BadRequest when it is not. */
export async function readJsonBody(request: Request): Promise<unknown> {
  const text = await request.text();
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new BadRequest('body: expected a JSON object');
  }
}
