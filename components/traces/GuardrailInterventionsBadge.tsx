import { VERDICT_BADGE_CLASS, VERDICT_TONE_CLASS, VERDICT_TONE_ICON } from '@/components/trace/GuardrailBadge';
import { VERDICT_STYLE } from '@/lib/span-view/facts';
import type { GuardrailIntervention } from '@/lib/span/types';

/**
 * How guardrails acted on a run (in the trace list and the trace's header): the first verdict (errors first) as the
 * tree shows it, "+N" for the others; every verdict and its meaning in the tooltip. Nothing when no guardrail acted.
 */
export function GuardrailInterventionsBadge({ verdicts, testId }: { verdicts: readonly GuardrailIntervention[]; testId: string }) {
  const first = verdicts[0];
  if (first === undefined) return null;
  const style = VERDICT_STYLE[first];
  const Icon = VERDICT_TONE_ICON[style.tone];
  const title = `Guardrails acted on this run: ${verdicts.map((v) => `${VERDICT_STYLE[v].label} (${VERDICT_STYLE[v].meaning})`).join(', ')}`;
  return (
    <span
      data-testid={testId}
      data-verdicts={verdicts.join(' ')}
      title={title}
      className={`${VERDICT_BADGE_CLASS} ${VERDICT_TONE_CLASS[style.tone]}`}
    >
      <Icon size={12} aria-hidden />
      {style.label}
      {verdicts.length > 1 && <span className="font-normal normal-case">+{verdicts.length - 1}</span>}
    </span>
  );
}
