import { describe, expect, it } from 'vitest';
import { alertToApi } from './api';
import { backoffDelayMs } from './backoff';
import { traceLinkPath } from './link';
import { escapeSlack, genericBody, slackBody } from './payload';
import { findingToAlert } from './state';

const TRACE = 'c0ffee'.padEnd(32, '0');
const alert = alertToApi(
  findingToAlert(
    'default',
    {
      ruleId: 'repeated_tool_call',
      severity: 'critical',
      title: 'get_order_status called 14× with <same> args & answer',
      summary: 'The model asked 14 times.',
      traceId: TRACE,
      evidenceSpanIds: ['00000000000000a1', '00000000000000a2', '00000000000000a3'],
      key: 'k',
      value: 14,
      threshold: 3,
    },
    Date.parse('2026-03-01T03:00:00Z'),
    Date.parse('2026-03-01T02:58:00Z'),
  ),
);

describe('traceLinkPath', () => {
  it.each([
    [TRACE, ['s1', 's2'], `/traces/${TRACE}?span=s1&highlight=s1,s2`],
    [TRACE, [], `/traces/${TRACE}`],
    [null, ['s1'], null],
  ])('links %s with evidence %j', (traceId, evidence, expected) => {
    expect(traceLinkPath(traceId, evidence)).toBe(expected);
  });
});

describe('generic body', () => {
  it('is the alert with an absolute link naming the evidence', () => {
    const body = genericBody(alert, 'firing', 'https://loupe.example.com/');
    expect(body.event).toBe('firing');
    expect(body.alert.url).toBe(
      `https://loupe.example.com/traces/${TRACE}?span=00000000000000a1&highlight=00000000000000a1,00000000000000a2,00000000000000a3`,
    );
    expect(body.alert).toMatchObject({ ruleId: 'repeated_tool_call', state: 'firing', value: 14, threshold: 3 });
  });
});

describe('Slack body', () => {
  const body = slackBody(alert, 'firing', 'http://localhost:3000');

  it('has a plain-text fallback and blocks with an escaped, linked title', () => {
    expect(body.text).toBe('Critical: get_order_status called 14× with <same> args & answer (Repeated tool call)');
    const section = body.blocks[0];
    expect(section?.type).toBe('section');
    const text = section?.type === 'section' ? section.text.text : '';
    expect(text).toContain(`<http://localhost:3000/traces/${TRACE}?span=00000000000000a1&highlight=`);
    expect(text).toContain('with &lt;same&gt; args &amp; answer');
  });

  it('says when an alert resolved', () => {
    expect(slackBody({ ...alert, state: 'resolved' }, 'resolved', 'http://x').text).toMatch(/^Resolved: /);
  });

  it('escapes only what Slack treats as markup', () => {
    expect(escapeSlack('a<b>&c *d*')).toBe('a&lt;b&gt;&amp;c *d*');
  });
});

describe('backoffDelayMs', () => {
  it.each([
    [1, 1_000],
    [2, 2_000],
    [3, 4_000],
    [4, 8_000],
    [9, 256_000],
    [10, 300_000],
    [1_000, 300_000],
  ])('after %i failures waits %i ms', (attempts, expected) => {
    expect(backoffDelayMs(attempts)).toBe(expected);
  });

  it('follows a configured schedule', () => {
    expect([1, 2, 3, 4, 5].map((n) => backoffDelayMs(n, { baseMs: 20, maxMs: 100 }))).toEqual([20, 40, 80, 100, 100]);
  });
});
