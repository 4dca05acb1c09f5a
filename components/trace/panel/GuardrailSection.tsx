import { VERDICT_STYLE } from '@/lib/span-view/facts';
import type { ApiSpan } from '@/lib/span/api-types';
import { GuardrailBadge } from '../GuardrailBadge';
import { PanelSection } from './PanelSection';

/** The guardrail's verdict, which guardrail gave it, what the verdict means and why it was given. */
export function GuardrailSection({ span }: { span: ApiSpan }) {
  const verdict = span.guardrailVerdict;
  const style = verdict === '' ? null : VERDICT_STYLE[verdict];
  return (
    <PanelSection testId="panel-guardrail" title="Guardrail" tone={style?.tone === 'error' ? 'error' : style?.tone === 'warn' ? 'warn' : 'normal'}>
      <div className="flex flex-wrap items-center gap-2">
        <GuardrailBadge verdict={verdict} reason={span.guardrailReason} />
        <span className="font-medium">{span.guardrailName || 'unnamed guardrail'}</span>
        {style && <span className="text-xs text-muted">{style.meaning}</span>}
      </div>
      <p className="mt-1.5 whitespace-pre-wrap break-words text-sm">
        {span.guardrailReason !== '' ? (
          <>
            <span className="text-xs text-muted">Reason </span>
            {span.guardrailReason}
          </>
        ) : (
          <span className="text-xs italic text-faint">No reason recorded.</span>
        )}
      </p>
    </PanelSection>
  );
}
