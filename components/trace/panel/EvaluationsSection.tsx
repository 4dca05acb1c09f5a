import type { Evaluation } from '@/lib/span/types';
import { PanelSection } from './PanelSection';

/** Evaluation results attached to the span: name, score, label and the evaluator's explanation. */
export function EvaluationsSection({ evaluations }: { evaluations: readonly Evaluation[] }) {
  return (
    <PanelSection testId="panel-evaluations" title="Evaluations" note={`${evaluations.length}`}>
      <ul className="flex flex-col gap-1.5">
        {evaluations.map((evaluation, i) => (
          <li key={i} data-testid="evaluation" className="rounded border border-line px-2 py-1 text-xs">
            <div className="flex items-baseline gap-2">
              <span className="font-semibold">{evaluation.name || 'evaluation'}</span>
              {evaluation.score !== null && <span className="tabular-nums">score {evaluation.score}</span>}
              {evaluation.label !== '' && <span className="rounded bg-page px-1 font-mono">{evaluation.label}</span>}
            </div>
            {evaluation.explanation !== '' && <p className="mt-0.5 whitespace-pre-wrap break-words text-muted">{evaluation.explanation}</p>}
          </li>
        ))}
      </ul>
    </PanelSection>
  );
}
