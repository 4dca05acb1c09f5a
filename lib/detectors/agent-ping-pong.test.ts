import { describe, expect, it } from 'vitest';
import type { AgentHandoff } from '@/lib/trace-tree';
import { detectAgentPingPong, longestPingPongs } from './agent-ping-pong';
import { DEFAULT_DETECTOR_CONFIG } from './config';
import { runFrom } from './testing/fixtures';

const rule = DEFAULT_DETECTOR_CONFIG.agent_ping_pong;

/** "a>b b>a" → hand-offs in that order. */
const handoffs = (text: string): AgentHandoff[] =>
  text.split(' ').map((pair, i) => {
    const [from, to] = pair.split('>');
    return { from: from!, to: to!, spanId: `h${i}`, startNs: BigInt(i) };
  });

/** Agents running one after another under a workflow: succession hand-offs in that order. */
const succession = (agents: readonly string[]) =>
  ['flow type=workflow dur=1000', ...agents.map((agent, i) => `  s${i} type=agent agent=${agent} start=${i * 10} dur=5 cost=0.01`)].join('\n');

describe('longestPingPongs', () => {
  it.each([
    { sequence: 'a>b b>a a>b', runs: [3] },
    { sequence: 'a>b b>a', runs: [2] },
    { sequence: 'a>b a>b a>b', runs: [1] },
    { sequence: 'a>b b>c c>a', runs: [1, 1, 1] },
    // Hand-offs between other agents do not break a pair's run.
    { sequence: 'a>b x>y b>a y>x a>b', runs: [3, 2] },
    // The same direction twice starts the run again; the longest run is kept.
    { sequence: 'a>b b>a a>b a>b b>a', runs: [3] },
  ])('$sequence → $runs', ({ sequence, runs }) => {
    expect(longestPingPongs(handoffs(sequence)).map((run) => run.length)).toEqual(runs);
  });
});

describe('agent_ping_pong', () => {
  it.each([
    { agents: ['triage', 'billing', 'triage', 'billing'], value: 2 },
    { agents: ['triage', 'billing', 'triage', 'billing', 'triage', 'billing'], value: 4 },
    { agents: ['triage', 'billing', 'triage'], value: null },
    { agents: ['researcher', 'writer', 'reviewer', 'researcher', 'writer', 'reviewer'], value: null },
    { agents: ['a', 'a', 'a'], value: null },
  ])('$agents → $value round trips', ({ agents, value }) => {
    const findings = detectAgentPingPong(runFrom(succession(agents)), rule);
    expect(findings.map((finding) => finding.value)).toEqual(value === null ? [] : [value]);
  });

  it('a supervisor delegating to the same worker again and again is not ping-pong', () => {
    const text = `
      sup type=agent agent=supervisor dur=100
        w1 type=agent agent=worker start=1
        w2 type=agent agent=worker start=2
        w3 type=agent agent=worker start=3
        w4 type=agent agent=worker start=4`;
    expect(detectAgentPingPong(runFrom(text), rule)).toEqual([]);
  });

  it('counts nested delegation back and forth (A calls B, which calls A, which calls B)', () => {
    const text = `
      a1 type=agent agent=a dur=100
        b1 type=agent agent=b start=1 dur=90
          a2 type=agent agent=a start=2 dur=80
            b2 type=agent agent=b start=3 dur=70`;
    const [finding] = detectAgentPingPong(runFrom(text), rule);
    expect(finding).toMatchObject({ value: 2, key: 'a⇄b', evidenceSpanIds: ['b1', 'a2', 'b2'] });
  });

  it('reports the pair, the hand-offs as evidence, and what the bouncing cost', () => {
    const [finding] = detectAgentPingPong(runFrom(succession(['triage', 'billing', 'triage', 'billing', 'triage'])), rule);
    expect(finding).toMatchObject({ key: 'billing⇄triage', value: 3, threshold: 2, severity: 'warning', evidenceSpanIds: ['s1', 's2', 's3', 's4'] });
    // The four receiving agents cost $0.01 each; the first hand-off starts at 10 ms and the last ends at 45 ms.
    expect(finding!.title).toBe('triage ⇄ billing: control passed back and forth 4 times — $0.04, 35 ms');
  });
});
