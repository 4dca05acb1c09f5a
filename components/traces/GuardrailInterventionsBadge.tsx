import { ShieldAlert, ShieldX } from 'lucide-react';
import { VERDICT_STYLE } from '@/lib/span-view/facts';
import type { GuardrailIntervention } from '@/lib/span/types';

const TONE_CLASS = {
  warn: 'bg-warn-soft text-warn border-warn/30',
  error: 'bg-error-soft text-error border-error/30',
} as const;

/**
 * How guardrails acted on a run (in the trace list and the trace's header): the first verdict (errors first) as the
 * tree shows it, "+N" for the others; every verdict and its meaning in the tooltip. Nothing when no guardrail acted.
 */
export function GuardrailInterventionsBadge({ verdicts, testId }: { verdicts: readonly GuardrailIntervention[]; testId: string }) {
  const first = verdicts[0];
  if (first === undefined) return null;
  const style = VERDICT_STYLE[first];
  const tone = style.tone === 'error' ? 'error' : 'warn';
  const Icon = tone === 'error' ? ShieldX : ShieldAlert;
  const title = `Guardrails acted on this run: ${verdicts.map((v) => `${VERDICT_STYLE[v].label} (${VERDICT_STYLE[v].meaning})`).join(', ')}`;
  return (
    <span
      data-testid={testId}
      data-verdicts={verdicts.join(' ')}
      title={title}
      className={`inline-flex items-center gap-1 rounded border px-1.5 py-px text-xs font-semibold uppercase tracking-wide ${TONE_CLASS[tone]}`}
    >
      <Icon size={12} aria-hidden />
      {style.label}
      {verdicts.length > 1 && <span className="font-normal normal-case">+{verdicts.length - 1}</span>}
    </span>
  );
}
