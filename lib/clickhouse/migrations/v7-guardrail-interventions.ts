/**
 * Version 7 of the schema: `trace_summaries.guardrail_interventions`, the verdicts by which guardrails acted on a run
 * (`block`, `fail`, `escalate`, `rewrite`; each once), so that the trace list can show and filter the runs whose
 * content a guardrail stopped, failed, sent to a person or rewrote, without reading their spans.
 *
 * `ADD COLUMN IF NOT EXISTS` lets the statement run again. Summaries written before this version read as an empty
 * list until their trace is summarised again (a new span of it arrives, or the costs are recomputed).
 */
import type { DdlTarget } from './ddl';
import { onCluster, table } from './ddl';

export function guardrailInterventionsMigrationStatements(t: DdlTarget): string[] {
  return [
    `ALTER TABLE ${table(t, 'trace_summaries')}${onCluster(t)}
  ADD COLUMN IF NOT EXISTS guardrail_interventions Array(LowCardinality(String)) AFTER unpriced_count`,
  ];
}
