import { ShieldAlert, ShieldCheck, ShieldQuestion, ShieldX } from 'lucide-react';
import { VERDICT_STYLE } from '@/lib/span-view/facts';
import type { GuardrailVerdict } from '@/lib/span/types';

/** A verdict's colours and icon by its tone; the trace list's intervention badge uses them too. */
export const VERDICT_TONE_CLASS = {
  ok: 'bg-ok-soft text-ok border-ok/30',
  warn: 'bg-warn-soft text-warn border-warn/30',
  error: 'bg-error-soft text-error border-error/30',
  none: 'bg-page text-muted border-line',
} as const;

export const VERDICT_BADGE_CLASS = 'inline-flex items-center gap-1 rounded border px-1.5 py-px text-xs font-semibold uppercase tracking-wide';

export const VERDICT_TONE_ICON = { ok: ShieldCheck, warn: ShieldAlert, error: ShieldX, none: ShieldQuestion } as const;

/** A guardrail's verdict as a coloured badge; the meaning and the reason are in the tooltip. */
export function GuardrailBadge({ verdict, reason }: { verdict: GuardrailVerdict | ''; reason?: string }) {
  const style = verdict === '' ? null : VERDICT_STYLE[verdict];
  const tone = style?.tone ?? 'none';
  const Icon = VERDICT_TONE_ICON[tone];
  const title = style ? `Guardrail ${style.label}: ${style.meaning}${reason ? ` — ${reason}` : ''}` : 'No verdict recorded';
  return (
    <span
      data-testid="guardrail-verdict"
      data-verdict={verdict}
      title={title}
      className={`${VERDICT_BADGE_CLASS} ${VERDICT_TONE_CLASS[tone]}`}
    >
      <Icon size={12} aria-hidden />
      {style?.label ?? 'no verdict'}
    </span>
  );
}
