/**
 * Detector thresholds: one entry per rule, keyed by rule id, each with `enabled` and the rule's numbers. The
 * defaults are meant to be useful without tuning; a project edits them through the rules API, which validates
 * the edit with `detectorConfigSchema` (a whole config) or `detectorConfigPatchSchema` (only what changed) and
 * applies it with `mergeDetectorConfig`.
 */
import { z } from 'zod';

const enabled = z.boolean();
const count = (min: number) => z.number().int().min(min).max(1_000_000);

export const detectorConfigSchema = z.strictObject({
  repeated_tool_call: z.strictObject({
    enabled,
    /** Calls of one tool with identical arguments in one run, at or above which the rule fires. */
    minCalls: count(2),
  }),
  tool_retry_storm: z.strictObject({
    enabled,
    /** Failed calls of one tool in one run (arguments may differ), at or above which the rule fires. */
    minFailures: count(2),
  }),
  agent_ping_pong: z.strictObject({
    enabled,
    /** Hand-offs that send control straight back between the same two agents (A→B→A→B has two). */
    minRoundTrips: count(1),
  }),
  step_explosion: z.strictObject({
    enabled,
    /** Model calls per run; more than this fires. */
    maxModelCalls: count(1),
  }),
  cost_per_run: z.strictObject({
    enabled,
    /** Known cost of one run in USD; more than this fires. */
    budgetUsd: z.number().positive().max(1_000_000),
  }),
  silent_failure: z.strictObject({ enabled }),
  context_exhaustion: z.strictObject({
    enabled,
    /** Share of the model's context window that a call's input tokens must exceed to fire (0–1]. */
    windowShare: z.number().gt(0).max(1),
  }),
  ungrounded_answer: z.strictObject({ enabled }),
  cost_rate_anomaly: z.strictObject({
    enabled,
    /** Fires above median + k × MAD of the baseline. */
    k: z.number().positive().max(100),
    /** The MAD used is at least this share of the median, so a perfectly steady baseline (MAD 0) is not a hair trigger. */
    minMadShare: z.number().min(0).max(10),
    /** Same-hour-of-day samples are taken from this many previous days. */
    baselineDays: count(1).max(90),
    /** Fewer same-hour samples than this: fall back to every previous hour in the baseline window. */
    minSameHourSamples: count(1),
    /** Hours with less than this spend (USD, as measured, not projected) page no one. */
    minCostUsd: z.number().min(0),
    /** Hours with fewer model calls than this page no one. */
    minCalls: count(0),
    /** Hours with fewer tokens than this page no one about a token-rate spike. */
    minTokens: count(0),
    /** A partial current hour is projected to a full hour, but never from less than this many minutes. */
    minElapsedMinutes: z.number().min(1).max(60),
  }),
});

export type DetectorConfig = z.infer<typeof detectorConfigSchema>;

export const DEFAULT_DETECTOR_CONFIG: DetectorConfig = {
  repeated_tool_call: { enabled: true, minCalls: 3 },
  tool_retry_storm: { enabled: true, minFailures: 3 },
  agent_ping_pong: { enabled: true, minRoundTrips: 2 },
  step_explosion: { enabled: true, maxModelCalls: 25 },
  cost_per_run: { enabled: true, budgetUsd: 1 },
  silent_failure: { enabled: true },
  context_exhaustion: { enabled: true, windowShare: 0.9 },
  ungrounded_answer: { enabled: true },
  cost_rate_anomaly: {
    enabled: true,
    k: 6,
    minMadShare: 0.2,
    baselineDays: 7,
    minSameHourSamples: 3,
    minCostUsd: 0.5,
    minCalls: 20,
    minTokens: 50_000,
    minElapsedMinutes: 10,
  },
};

/** An edit: any rule, any field; fields left out keep their current value. Unknown rules or fields are rejected. */
const rules = detectorConfigSchema.shape;
export const detectorConfigPatchSchema = z.strictObject({
  repeated_tool_call: rules.repeated_tool_call.partial().optional(),
  tool_retry_storm: rules.tool_retry_storm.partial().optional(),
  agent_ping_pong: rules.agent_ping_pong.partial().optional(),
  step_explosion: rules.step_explosion.partial().optional(),
  cost_per_run: rules.cost_per_run.partial().optional(),
  silent_failure: rules.silent_failure.partial().optional(),
  context_exhaustion: rules.context_exhaustion.partial().optional(),
  ungrounded_answer: rules.ungrounded_answer.partial().optional(),
  cost_rate_anomaly: rules.cost_rate_anomaly.partial().optional(),
});

export type DetectorConfigPatch = z.infer<typeof detectorConfigPatchSchema>;

/** Applies a validated edit; the result is validated again so a merged config is always a whole, valid one. */
export function mergeDetectorConfig(base: DetectorConfig, patch: DetectorConfigPatch): DetectorConfig {
  const merged: Record<string, unknown> = {};
  for (const rule of Object.keys(base) as (keyof DetectorConfig)[]) merged[rule] = { ...base[rule], ...patch[rule] };
  return detectorConfigSchema.parse(merged);
}
