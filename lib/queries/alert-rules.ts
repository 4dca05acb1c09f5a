/**
 * Per-project detector configuration (`alert_rules`). Stored as the JSON of a whole, validated config; read back
 * as an edit over the current defaults, so a field added to the rules later takes its default for projects that
 * saved their rules before it existed.
 */
import type { ClickHouseClient } from '@clickhouse/client';
import { z } from 'zod';
import { BadRequest } from '../errors';
import { table } from '../clickhouse/migrations/ddl';
import { asStorageFailure, selectRows } from '../clickhouse/query';
import {
  DEFAULT_DETECTOR_CONFIG,
  detectorConfigPatchSchema,
  mergeDetectorConfig,
  type DetectorConfig,
} from '../detectors/config';
import { nextRowVersion } from '../alerts/version';

export interface StoredRules {
  config: DetectorConfig;
  /** False while the project runs on the defaults. */
  customised: boolean;
}

export async function getAlertRules(
  client: ClickHouseClient,
  database: string,
  projectId: string,
  options: { signal?: AbortSignal; log?: (message: string) => void } = {},
): Promise<StoredRules> {
  const rows = await selectRows({
    client,
    tag: 'alert_rules.get',
    sql: `SELECT config FROM ${table({ database }, 'alert_rules')} FINAL WHERE project_id = {projectId:String} LIMIT 1`,
    params: { projectId },
    row: z.object({ config: z.string() }),
    signal: options.signal,
  });
  const stored = rows[0];
  if (!stored) return { config: DEFAULT_DETECTOR_CONFIG, customised: false };
  try {
    const patch = detectorConfigPatchSchema.parse(JSON.parse(stored.config));
    return { config: mergeDetectorConfig(DEFAULT_DETECTOR_CONFIG, patch), customised: true };
  } catch (error) {
    // A config saved under rules that have since changed shape: run on the defaults rather than not at all.
    (options.log ?? console.error)(`alert rules of project ${projectId} are unreadable, using defaults: ${String(error)}`);
    return { config: DEFAULT_DETECTOR_CONFIG, customised: false };
  }
}

/** `rules.cost_per_run.budgetUsd: Number must be greater than 0` — the field first, as a user fixes it. */
function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : 'rules'}: ${issue.message}`)
    .join('; ');
}

/**
 * Applies an edit (any rules, any fields; a whole config is also an edit) to the project's current rules and
 * stores the result. Throws BadRequest naming the field when the edit is invalid; nothing is written then.
 */
export async function updateAlertRules(
  client: ClickHouseClient,
  database: string,
  projectId: string,
  edit: unknown,
): Promise<DetectorConfig> {
  const parsed = detectorConfigPatchSchema.safeParse(edit);
  if (!parsed.success) throw new BadRequest(describeIssues(parsed.error));
  const current = await getAlertRules(client, database, projectId);
  let merged: DetectorConfig;
  try {
    merged = mergeDetectorConfig(current.config, parsed.data);
  } catch (error) {
    if (error instanceof z.ZodError) throw new BadRequest(describeIssues(error));
    throw error;
  }
  try {
    await client.insert({
      table: `${database}.alert_rules`,
      values: [{ project_id: projectId, config: JSON.stringify(merged), version: nextRowVersion() }],
      format: 'JSONEachRow',
    });
  } catch (error) {
    throw asStorageFailure(error, 'alert_rules.update');
  }
  return merged;
}
