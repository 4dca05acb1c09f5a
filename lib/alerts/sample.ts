/** The alert a "send test" delivery carries: clearly labelled as a test, shaped like a real one. */
import type { ApiAlert } from './types';

export function sampleAlert(projectId: string, nowMs: number): ApiAlert {
  const at = new Date(nowMs).toISOString();
  return {
    fingerprint: 'test-alert',
    projectId,
    ruleId: 'repeated_tool_call',
    state: 'firing',
    severity: 'warning',
    title: 'Test alert from Loupe: get_weather called 12× with the same arguments',
    summary: 'This is a test delivery to check that the webhook receives Loupe alerts. No action is needed.',
    traceId: null,
    evidenceSpanIds: [],
    dimension: null,
    value: 12,
    threshold: 5,
    firstSeen: at,
    lastSeen: at,
    firedAt: at,
    resolvedAt: null,
    link: null,
  };
}
