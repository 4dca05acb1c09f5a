import { describe, expect, it } from 'vitest';
import { DEFAULT_DETECTOR_CONFIG } from './config';
import { detectSilentFailure } from './silent-failure';
import { runFrom } from './testing/fixtures';

const rule = DEFAULT_DETECTOR_CONFIG.silent_failure;

/** A run whose root has `rootMark` and whose second tool call has `failMark`. */
const run = (rootMark: string, failMark: string, type = 'tool') => `
  root type=agent agent=analyst ${rootMark}
    m1 type=llm model=gpt-4o
    call type=${type} tool=fetch_crm model=gpt-4o ${failMark}
    m2 type=llm model=gpt-4o`;

describe('silent_failure', () => {
  it.each([
    { name: 'tool error under an OK root', root: 'status=ok', fail: 'status=error', fires: true },
    { name: 'tool error under an unset root', root: '', fail: 'status=error', fires: true },
    { name: 'tool HTTP 403 with its status unset', root: 'status=ok', fail: 'http=403', fires: true },
    { name: 'tool error.type only', root: 'status=ok', fail: 'errtype=TimeoutError', fires: true },
    { name: 'the root reports the error', root: 'status=error', fail: 'status=error', fires: false },
    { name: 'the root carries an error type', root: 'errtype=ToolError', fail: 'status=error', fires: false },
    { name: 'nothing failed', root: 'status=ok', fail: 'http=200', fires: false },
    { name: 'a model call rate-limited (HTTP 429)', root: 'status=ok', fail: 'http=429', type: 'llm', fires: true },
    { name: 'a model call with an error status', root: '', fail: 'status=error', type: 'llm', fires: true },
    // Only tool and model calls count: a failed plain span is not a call the answer depended on.
    { name: 'a plain span with an error', root: 'status=ok', fail: 'status=error', type: 'span', fires: false },
  ])('$name → $fires', ({ root, fail, type, fires }) => {
    expect(detectSilentFailure(runFrom(run(root, fail, type)), rule).length > 0).toBe(fires);
  });

  it('lists the failed calls in start order, then the root', () => {
    const text = `
      root type=workflow status=ok
        a type=agent agent=a start=1
          t2 type=tool tool=crm status=error start=5
        t1 type=tool tool=search http=500 start=3`;
    const [finding] = detectSilentFailure(runFrom(text), rule);
    expect(finding).toMatchObject({ evidenceSpanIds: ['t1', 't2', 'root'], value: 2, severity: 'critical', key: 'run' });
    expect(finding!.title).toBe('search and crm failed (HTTP 500) but the run reported success');
  });

  it('does not judge a run whose root never arrived, but does judge a root with a remote parent', () => {
    const orphaned = `
      agent type=agent parent=missing status=ok
        t type=tool tool=x status=error`;
    expect(detectSilentFailure(runFrom(orphaned), rule)).toEqual([]);
    const remote = `
      server type=agent parent=upstream remote status=ok
        t type=tool tool=x status=error`;
    expect(detectSilentFailure(runFrom(remote), rule).map((f) => f.evidenceSpanIds)).toEqual([['t', 'server']]);
  });
});
