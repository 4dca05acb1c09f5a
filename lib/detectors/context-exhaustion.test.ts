import { describe, expect, it } from 'vitest';
import { DEFAULT_DETECTOR_CONFIG } from './config';
import { detectContextExhaustion, isTruncated, modelContextWindow } from './context-exhaustion';
import { runFrom } from './testing/fixtures';

const rule = DEFAULT_DETECTOR_CONFIG.context_exhaustion;

/** One gpt-4o call (128k window) with the given input tokens and finish reasons. */
function call(inputTokens: number, finishReasons: string[] = ['stop'], patch: Record<string, string> = {}) {
  return runFrom(`run type=agent\n  m type=llm model=gpt-4o in=${inputTokens} out=100`, {
    m: { provider: 'openai', responseModel: 'gpt-4o-2024-08-06', finishReasons, ...patch },
  });
}

describe('context_exhaustion', () => {
  it.each([
    { name: '89% of the window', input: 113_920, reasons: ['stop'], value: null },
    { name: 'exactly 90%', input: 115_200, reasons: ['stop'], value: null },
    { name: 'over 90%', input: 115_201, reasons: ['stop'], value: 115_201 / 128_000 },
    { name: 'cut off at a small share (length)', input: 2_000, reasons: ['length'], value: 2_000 / 128_000 },
    { name: 'cut off (Anthropic max_tokens)', input: 2_000, reasons: ['max_tokens'], value: 2_000 / 128_000 },
    { name: 'cut off (Gemini MAX_TOKENS)', input: 2_000, reasons: ['MAX_TOKENS'], value: 2_000 / 128_000 },
    { name: 'tool calls are not a cut', input: 2_000, reasons: ['tool_calls'], value: null },
  ])('$name → $value', ({ input, reasons, value }) => {
    const findings = detectContextExhaustion(call(input, reasons), rule);
    expect(findings.map((finding) => finding.value)).toEqual(value === null ? [] : [value]);
  });

  it('titles the fill and the cut, and is critical when the answer was cut off', () => {
    const [full] = detectContextExhaustion(call(120_000), rule);
    expect(full).toMatchObject({ key: 'gpt-4o-2024-08-06', threshold: 0.9, severity: 'warning', evidenceSpanIds: ['m'] });
    expect(full!.title).toBe('gpt-4o-2024-08-06 input filled 94% of its 128k context window');
    const [cut] = detectContextExhaustion(call(125_000, ['length']), rule);
    expect(cut!.severity).toBe('critical');
    expect(cut!.title).toBe('gpt-4o-2024-08-06 input filled 98% of its 128k context window; the answer was cut off');
    expect(cut!.summary).toContain('finish reason length');
  });

  it('falls back to the requested model when the answering one is not in the catalog', () => {
    const [finding] = detectContextExhaustion(call(120_000, ['stop'], { responseModel: 'gpt-4o-custom-finetune-xyz' }), rule);
    expect(finding!.value).toBeCloseTo(120_000 / 128_000, 9);
  });

  it('an unknown model fires on a cut-off answer only, with a share of 0', () => {
    const unknown = { provider: 'acme', requestModel: 'acme-large', responseModel: '' };
    expect(detectContextExhaustion(call(10_000_000, ['stop'], unknown), rule)).toEqual([]);
    const [cut] = detectContextExhaustion(call(500, ['length'], unknown), rule);
    expect(cut).toMatchObject({ value: 0, key: 'acme-large' });
    expect(cut!.title).toBe('acme-large input filled an unknown share of its context window; the answer was cut off');
  });

  it('pages once per model, with every exhausted call as evidence in start order', () => {
    const run = runFrom(`
      run type=agent
        a type=llm model=gpt-4o in=116000 start=1
        b type=llm model=gpt-4o in=1000 start=2
        c type=llm model=gpt-4o in=121000 start=3
        d type=llm model=claude-3-5-sonnet-20241022 in=190000 start=4`, {
      a: { provider: 'openai' }, b: { provider: 'openai' }, c: { provider: 'openai' }, d: { provider: 'anthropic' },
    });
    const findings = detectContextExhaustion(run, rule);
    expect(findings.map((f) => [f.key, f.evidenceSpanIds])).toEqual([
      ['gpt-4o', ['a', 'c']],
      ['claude-3-5-sonnet-20241022', ['d']],
    ]);
    expect(findings[0]!.value).toBeCloseTo(121_000 / 128_000, 9);
  });
});

describe('helpers', () => {
  it.each([
    [['length'], true], [['STOP', 'LENGTH'], true], [['model_context_window_exceeded'], true], [['end_turn'], false], [[], false],
  ])('isTruncated(%j) = %s', (finishReasons, expected) => {
    expect(isTruncated({ finishReasons })).toBe(expected);
  });

  it('modelContextWindow reads the pricing catalog', () => {
    expect(modelContextWindow({ provider: 'anthropic', responseModel: 'claude-3-5-sonnet-20241022', requestModel: '' })).toBe(200_000);
    expect(modelContextWindow({ provider: 'openai', responseModel: '', requestModel: 'no-such-model' })).toBeNull();
  });
});
