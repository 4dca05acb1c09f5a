/**
 * Version 7 of the schema: `trace_summaries.guardrail_interventions`, the verdicts by which guardrails acted on a run
 * (`block`, `fail`, `escalate`, `rewrite`; each once, in that order), so that the trace list can show and filter the
 * runs whose content a guardrail stopped, failed, sent to a person or rewrote, without reading their spans.
 *
 * Then the summaries already stored get theirs: a new version of the summary of every trace with such a verdict
 * among its spans (one scan of the spans' `guardrail_verdict` column), the rest of the row copied as it is. Both
 * statements can run again: `ADD COLUMN IF NOT EXISTS` does nothing the second time, and the insert skips summaries
 * that already list their interventions (a newer version with the same values would be harmless anyway). On a
 * cluster the insert runs once, on the replica that migrates, and replication copies its rows.
 */
import { GUARDRAIL_INTERVENTIONS } from '../../span/types';
import type { DdlTarget } from './ddl';
import { onCluster, table } from './ddl';

const QUOTED = GUARDRAIL_INTERVENTIONS.map((verdict) => `'${verdict}'`).join(', ');

export function guardrailInterventionsMigrationStatements(t: DdlTarget): string[] {
  const summaries = table(t, 'trace_summaries');
  return [
    `ALTER TABLE ${summaries}${onCluster(t)}
  ADD COLUMN IF NOT EXISTS guardrail_interventions Array(LowCardinality(String)) AFTER unpriced_count`,
    `INSERT INTO ${summaries}
SELECT s.* REPLACE (arrayFilter(v -> has(g.verdicts, v), [${QUOTED}]) AS guardrail_interventions, now64(3) AS updated_at)
FROM ${summaries} AS s FINAL
INNER JOIN (
  SELECT project_id, trace_id, groupUniqArray(guardrail_verdict) AS verdicts
  FROM ${table(t, 'spans')}
  WHERE guardrail_verdict IN (${QUOTED})
  GROUP BY project_id, trace_id
) AS g ON s.project_id = g.project_id AND s.trace_id = g.trace_id
WHERE empty(s.guardrail_interventions)`,
  ];
}
