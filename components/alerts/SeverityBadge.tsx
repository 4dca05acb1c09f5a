import type { AlertState, Severity } from '@/lib/alerts/types';

/** The colours of a firing alert by severity, here and beside a run in the trace list. */
export const SEVERITY_TONE_CLASS: Record<Severity, string> = {
  critical: 'border-error/30 bg-error-soft text-error',
  warning: 'border-warn/30 bg-warn-soft text-warn',
};

/** Severity of a firing alert; a resolved one is shown calm whatever its severity, so firing ones stand out. */
export function SeverityBadge({ severity, state }: { severity: Severity; state: AlertState }) {
  const tone = state === 'resolved' ? 'border-line bg-page text-muted' : SEVERITY_TONE_CLASS[severity];
  return (
    <span
      data-testid="alert-severity"
      className={`inline-flex w-[4.75rem] shrink-0 justify-center rounded border px-1.5 py-px text-[11px] font-semibold uppercase tracking-wide ${tone}`}
    >
      {state === 'resolved' ? 'resolved' : severity}
    </span>
  );
}
