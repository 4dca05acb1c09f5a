import { describe, expect, it } from 'vitest';
import { DEFAULT_DETECTOR_CONFIG, detectorConfigPatchSchema, detectorConfigSchema, mergeDetectorConfig } from './config';
import { RULE_IDS } from './types';

describe('detector config', () => {
  it('has defaults for every rule that pass their own schema', () => {
    expect(Object.keys(DEFAULT_DETECTOR_CONFIG).sort()).toEqual([...RULE_IDS].sort());
    expect(detectorConfigSchema.parse(DEFAULT_DETECTOR_CONFIG)).toEqual(DEFAULT_DETECTOR_CONFIG);
  });

  it('merges a per-project edit over the defaults, leaving other fields alone', () => {
    const patch = detectorConfigPatchSchema.parse({ cost_per_run: { budgetUsd: 5 }, step_explosion: { enabled: false } });
    const merged = mergeDetectorConfig(DEFAULT_DETECTOR_CONFIG, patch);
    expect(merged.cost_per_run).toEqual({ enabled: true, budgetUsd: 5 });
    expect(merged.step_explosion).toEqual({ enabled: false, maxModelCalls: 25 });
    expect(merged.repeated_tool_call).toEqual(DEFAULT_DETECTOR_CONFIG.repeated_tool_call);
  });

  it.each([
    ['a negative budget', { cost_per_run: { budgetUsd: -1 } }],
    ['a share over 1', { context_exhaustion: { windowShare: 1.5 } }],
    ['a fractional call count', { repeated_tool_call: { minCalls: 2.5 } }],
    ['a threshold of one repeated call', { repeated_tool_call: { minCalls: 1 } }],
    ['an unknown rule', { no_such_rule: { enabled: true } }],
    ['an unknown field', { cost_per_run: { budget: 5 } }],
    ['a string for a number', { step_explosion: { maxModelCalls: '30' } }],
  ])('rejects %s', (_name, patch) => {
    expect(detectorConfigPatchSchema.safeParse(patch).success).toBe(false);
  });

  it('rejects a whole config with a rule missing', () => {
    const { silent_failure: _dropped, ...rest } = DEFAULT_DETECTOR_CONFIG;
    expect(detectorConfigSchema.safeParse(rest).success).toBe(false);
  });
});
