import { describe, expect, it } from 'vitest';
import { DEFAULT_DETECTOR_CONFIG, mergeDetectorConfig } from './config';
import { detectTrace } from './detect-trace';
import { lines, traceFrom } from './testing/fixtures';

/** A run with a tool loop (4 identical calls), 30 model calls and a failed call under an OK root. */
const messy = traceFrom(
  `root type=agent agent=bot status=ok
${lines(30, 1, (i) => `m${i} type=llm model=gpt-4o cost=0.001 start=${i}`)}
${lines(4, 1, (i) => `t${i} type=tool tool=lookup args={"id":7} start=${40 + i}`)}
  bad type=tool tool=fetch status=error start=50`,
);

describe('detectTrace', () => {
  it('runs every per-trace rule, findings in rule order', () => {
    expect(detectTrace(messy).map((finding) => finding.ruleId)).toEqual(['repeated_tool_call', 'step_explosion', 'silent_failure']);
  });

  it('skips disabled rules and applies the project thresholds', () => {
    const config = mergeDetectorConfig(DEFAULT_DETECTOR_CONFIG, {
      repeated_tool_call: { enabled: false },
      step_explosion: { maxModelCalls: 30 },
      cost_per_run: { budgetUsd: 0.01 },
    });
    expect(detectTrace(messy, config).map((finding) => finding.ruleId)).toEqual(['cost_per_run', 'silent_failure']);
  });

  it('finds nothing in an empty trace or a healthy one', () => {
    expect(detectTrace({ trace: messy.trace, spans: [] })).toEqual([]);
    expect(detectTrace(traceFrom('root type=agent status=ok\n  m type=llm cost=0.01\n  t type=tool tool=x args={}'))).toEqual([]);
  });

  it('takes the trace id from the summary, and from the spans when the summary has none', () => {
    expect(detectTrace(messy).every((finding) => finding.traceId === 't1')).toBe(true);
    const noId = { ...messy, trace: { ...messy.trace, traceId: '' } };
    expect(detectTrace(noId)[0]!.traceId).toBe('t1');
  });
});
