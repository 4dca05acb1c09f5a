import { BellRing } from 'lucide-react';
import { SEVERITY_TONE_CLASS } from '@/components/alerts/SeverityBadge';
import { ruleLabel } from '@/lib/alerts/rules-meta';
import type { Severity } from '@/lib/alerts/types';

/**
 * The alerts firing on a run, beside its status in the trace list: the first rule (critical first) by name, "+N"
 * for the others, every alert's title in the tooltip. A loop or a ping-pong does not fail a span, so without this
 * such a run reads "OK" in the list. Nothing when no alert fires.
 */
export function RunAlertsBadge({ rules, severity, title }: { rules: readonly string[]; severity: Severity | ''; title: string }) {
  const first = rules[0];
  if (first === undefined || severity === '') return null;
  return (
    <span
      data-testid="trace-row-alerts"
      data-rules={rules.join(' ')}
      title={title}
      className={`inline-flex max-w-full items-center gap-1 whitespace-nowrap rounded border px-1.5 py-px text-xs font-medium ${SEVERITY_TONE_CLASS[severity]}`}
    >
      <BellRing aria-hidden size={12} className="shrink-0" />
      {/* A long rule name is cut rather than the count: the tooltip names every alert. */}
      <span className="truncate">{ruleLabel(first)}</span>
      {rules.length > 1 && <span className="shrink-0 font-normal">+{rules.length - 1}</span>}
    </span>
  );
}
