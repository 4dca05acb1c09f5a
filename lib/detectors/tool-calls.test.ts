import { describe, expect, it } from 'vitest';
import { DEFAULT_DETECTOR_CONFIG } from './config';
import { lines, runFrom } from './testing/fixtures';
import { detectRepeatedToolCalls, detectToolRetryStorms } from './tool-calls';

const repeated = DEFAULT_DETECTOR_CONFIG.repeated_tool_call;
const storm = DEFAULT_DETECTOR_CONFIG.tool_retry_storm;

/** An agent run with one tool call per given argument text (no spaces), each after a model call. */
function loop(args: readonly string[], tool = 'get_weather'): string {
  return [
    'run type=agent agent=weather-bot dur=10000',
    ...args.flatMap((a, i) => [
      `  m${i} type=llm model=gpt-4o-mini start=${i * 100} dur=40 in=1000 out=50 cost=0.01`,
      `  t${i} type=tool tool=${tool} args=${a} start=${i * 100 + 50} dur=30`,
    ]),
  ].join('\n');
}

describe('repeated_tool_call', () => {
  it.each([
    { name: 'three identical calls fire', args: ['{"city":"Paris"}', '{"city":"Paris"}', '{"city":"Paris"}'], fires: [3] },
    { name: 'two identical calls stay under the threshold', args: ['{"city":"Paris"}', '{"city":"Paris"}'], fires: [] },
    { name: 'key order does not hide a loop', args: ['{"city":"Paris","unit":"C"}', '{"unit":"C","city":"Paris"}', '{"city":"Paris","unit":"C"}'], fires: [3] },
    { name: 'JSON encoded twice is the same call', args: ['{"city":"Paris"}', '"{\\"city\\":\\"Paris\\"}"', '{"city":"Paris"}'], fires: [3] },
    { name: 'different arguments are not a loop', args: ['{"city":"Paris"}', '{"city":"Lyon"}', '{"city":"Nice"}'], fires: [] },
    { name: 'two loops in one run are two findings', args: ['{"a":1}', '{"b":2}', '{"a":1}', '{"b":2}', '{"a":1}', '{"b":2}', '{"b":2}'], fires: [3, 4] },
  ])('$name', ({ args, fires }) => {
    const findings = detectRepeatedToolCalls(runFrom(loop(args)), repeated);
    expect(findings.map((finding) => finding.value)).toEqual(fires);
    for (const finding of findings) expect(finding.threshold).toBe(3);
  });

  it('reads the preview the collector lifted, whitespace and all', () => {
    const run = runFrom(loop(['{"city":"Paris"}', '{"city":"Paris"}', 'x']), { t2: { toolArgumentsPreview: '{ "city" :\n "Paris" }' } });
    expect(detectRepeatedToolCalls(run, repeated).map((finding) => finding.evidenceSpanIds)).toEqual([['t0', 't1', 't2']]);
  });

  it('names the tool, the count, the loop cost and duration; evidence is the calls in order', () => {
    const [finding] = detectRepeatedToolCalls(runFrom(loop(Array(4).fill('{"city":"Paris"}'))), repeated);
    // The loop runs from t0 (starts at 50 ms) to the end of t3 (380 ms); model calls m1..m3 started inside it.
    expect(finding!.title).toBe('get_weather called 4× with the same arguments — $0.03, 330 ms');
    expect(finding!.evidenceSpanIds).toEqual(['t0', 't1', 't2', 't3']);
    expect(finding!.severity).toBe('warning');
    expect(finding!.summary).toContain('weather-bot called get_weather 4 times with {"city":"Paris"}');
  });

  it('keys the finding by tool and argument hash, stable across argument spelling', () => {
    const a = detectRepeatedToolCalls(runFrom(loop(Array(3).fill('{"x":1,"y":2}'))), repeated)[0]!;
    const b = detectRepeatedToolCalls(runFrom(loop(Array(3).fill('{"y":2,"x":1}'))), repeated)[0]!;
    expect(a.key).toMatch(/^get_weather:[0-9a-f]{8}$/);
    expect(b.key).toBe(a.key);
  });

  it('leaves out calls whose arguments were not captured, and honours the configured threshold', () => {
    const noArgs = `run type=agent agent=a\n${lines(5, 1, (i) => `t${i} type=tool tool=ping`)}`;
    expect(detectRepeatedToolCalls(runFrom(noArgs), repeated)).toEqual([]);
    const four = runFrom(loop(Array(4).fill('{}')));
    expect(detectRepeatedToolCalls(four, { enabled: true, minCalls: 5 })).toEqual([]);
    expect(detectRepeatedToolCalls(four, { enabled: true, minCalls: 4 })).toHaveLength(1);
  });

  it('is critical from three times the threshold', () => {
    const [finding] = detectRepeatedToolCalls(runFrom(loop(Array(9).fill('{}'))), repeated);
    expect(finding).toMatchObject({ value: 9, severity: 'critical' });
  });
});

describe('tool_retry_storm', () => {
  const failing = (marks: readonly string[], tool = 'create_incident') =>
    ['run type=agent agent=ops', ...marks.map((mark, i) => `  t${i} type=tool tool=${tool} args={"try":${i}} start=${i * 10} dur=5 ${mark}`)].join('\n');

  it.each([
    { name: 'three error statuses', marks: ['status=error', 'status=error', 'status=error'], value: 3 },
    { name: 'HTTP 5xx with the status left unset', marks: ['http=502', 'http=503', 'http=500'], value: 3 },
    { name: 'error.type only', marks: ['errtype=TimeoutError', 'errtype=TimeoutError', 'errtype=TimeoutError'], value: 3 },
    { name: 'mixed failures among successes', marks: ['status=error', '', 'http=429', '', 'errtype=ECONNRESET'], value: 3 },
    { name: 'two failures stay under the threshold', marks: ['status=error', 'http=500', ''], value: null },
    { name: 'HTTP 3xx is not a failure', marks: ['http=302', 'http=304', 'http=301'], value: null },
  ])('$name', ({ marks, value }) => {
    const findings = detectToolRetryStorms(runFrom(failing(marks)), storm);
    expect(findings.map((finding) => finding.value)).toEqual(value === null ? [] : [value]);
  });

  it('counts per tool: two tools failing twice each are not a storm', () => {
    const text = `${failing(['status=error', 'status=error'], 'a')}\n${lines(2, 1, (i) => `b${i} type=tool tool=b status=error start=${50 + i}`)}`;
    expect(detectToolRetryStorms(runFrom(text), storm)).toEqual([]);
  });

  it('lists the failures as evidence, tallies the reasons, and says whether the last call recovered', () => {
    const [down] = detectToolRetryStorms(runFrom(failing(['http=502', 'errtype=TimeoutError', 'http=502'])), storm);
    expect(down).toMatchObject({ key: 'create_incident', value: 3, threshold: 3, severity: 'warning', evidenceSpanIds: ['t0', 't1', 't2'] });
    expect(down!.title).toBe('create_incident failed 3× in one run (HTTP 502 ×2, TimeoutError) — 25 ms of retries');
    expect(down!.summary).toContain('The last call failed too');
    const [recovered] = detectToolRetryStorms(runFrom(failing(['status=error', 'status=error', 'status=error', ''])), storm);
    expect(recovered!.evidenceSpanIds).toEqual(['t0', 't1', 't2']);
    expect(recovered!.summary).toContain('The last call succeeded');
  });

  it('is critical from nine failures unless the tool recovered', () => {
    expect(detectToolRetryStorms(runFrom(failing(Array(9).fill('status=error'))), storm)[0]!.severity).toBe('critical');
    expect(detectToolRetryStorms(runFrom(failing([...Array(9).fill('status=error'), ''])), storm)[0]!.severity).toBe('warning');
  });
});
