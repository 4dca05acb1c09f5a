/**
 * A multi-agent run recorded from a real framework (LangGraph JS with the OpenInference instrumentation, replayed
 * from its recorded OTLP payload) shows its agents as agent nodes with the hand-offs between them visible; and
 * content from spans is shown as text, never interpreted as HTML.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ApiTraceDetail } from '../lib/span/api-types';
import { expect, test } from './support/fixtures';
import { ROOT } from './support/stack';
import { TracePage } from './support/trace-page';

async function post(collectorUrl: string, body: unknown): Promise<void> {
  const response = await fetch(`${collectorUrl}/v1/traces`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(response.status).toBe(200);
}

async function servedTrace(request: import('@playwright/test').APIRequestContext, traceId: string): Promise<ApiTraceDetail> {
  let response = await request.get(`/api/v1/traces/${traceId}`);
  await expect.poll(async () => (response = await request.get(`/api/v1/traces/${traceId}`)).status(), { timeout: 10_000 }).toBe(200);
  return (await response.json()) as ApiTraceDetail;
}

test('a LangGraph run shows its agents as agent nodes and the hand-offs between them', async ({ page, request, stack }) => {
  const fixture = JSON.parse(await readFile(join(ROOT, 'tests/fixtures/otlp/openinference-langgraph.json'), 'utf8')) as {
    requests: { resourceSpans: { scopeSpans: { spans: { traceId: string }[] }[] }[] }[];
  };
  for (const body of fixture.requests) await post(stack.collectorUrl, body);
  const traceId = fixture.requests[0]?.resourceSpans[0]?.scopeSpans[0]?.spans[0]?.traceId ?? '';
  const detail = await servedTrace(request, traceId);
  expect(detail.trace.agents).toEqual(expect.arrayContaining(['researcher', 'supervisor', 'writer']));

  const trace = new TracePage(page);
  await trace.open(traceId);
  const agents = await trace.rows({ nodeType: 'agent' }).allTextContents();
  for (const name of ['supervisor', 'researcher', 'writer']) expect(agents.join(' ')).toContain(name);
  const handoffs = await page.getByTestId('agent-boundary').allTextContents();
  expect(handoffs.join(' ')).toContain('researcher');
  expect(handoffs.join(' ')).toContain('writer');
  await page.getByTestId('sidebar-tab-agents').click();
  await expect(page.locator('[data-testid="agent-edge"][data-from="supervisor"][data-to="researcher"]')).toBeVisible();
});

test('span content is shown as text, never interpreted as HTML', async ({ page, request, stack }) => {
  const traceId = 'feed'.repeat(8);
  const hostile = '<img src=x onerror="window.__loupeInjected=1">';
  const now = BigInt(Date.now()) * 1_000_000n;
  await post(stack.collectorUrl, {
    resourceSpans: [
      {
        resource: { attributes: [{ key: 'service.name', value: { stringValue: 'html-in-spans' } }] },
        scopeSpans: [
          {
            spans: [
              {
                traceId,
                spanId: 'feed0000feed0001',
                name: `chat ${hostile}`,
                kind: 3,
                startTimeUnixNano: String(now),
                endTimeUnixNano: String(now + 1_000_000n),
                attributes: [
                  { key: 'gen_ai.operation.name', value: { stringValue: 'chat' } },
                  { key: 'gen_ai.request.model', value: { stringValue: 'gpt-4o' } },
                  { key: 'app.note', value: { stringValue: hostile } },
                  {
                    key: 'gen_ai.input.messages',
                    value: { stringValue: JSON.stringify([{ role: 'user', parts: [{ type: 'text', content: `<script>window.__loupeInjected=2</script>${hostile}` }] }]) },
                  },
                ],
              },
            ],
          },
        ],
      },
    ],
  });
  await servedTrace(request, traceId);
  const trace = new TracePage(page);
  await trace.open(traceId, '?span=feed0000feed0001');
  await expect(trace.row('feed0000feed0001')).toContainText(hostile);
  await expect(page.getByTestId('panel-messages')).toContainText('<script>window.__loupeInjected=2</script>');
  await expect(page.getByTestId('panel-attributes')).toContainText(hostile);
  expect(await page.locator('img[src="x"]').count()).toBe(0);
  expect(await page.evaluate(() => (window as unknown as { __loupeInjected?: number }).__loupeInjected)).toBeUndefined();
});

test('a span whose parent never arrived is marked, and counted in the header', async ({ page, request, stack }) => {
  const traceId = 'a11ce'.padEnd(32, '7');
  const now = BigInt(Date.now()) * 1_000_000n;
  const span = (spanId: string, parentSpanId: string, name: string, offsetMs: number) => ({
    traceId,
    spanId,
    parentSpanId,
    name,
    kind: 1,
    startTimeUnixNano: String(now + BigInt(offsetMs) * 1_000_000n),
    endTimeUnixNano: String(now + BigInt(offsetMs + 5) * 1_000_000n),
    attributes: [{ key: 'gen_ai.operation.name', value: { stringValue: name.split(' ')[0] } }],
  });
  await post(stack.collectorUrl, {
    resourceSpans: [
      {
        resource: { attributes: [{ key: 'service.name', value: { stringValue: 'partial-export' } }] },
        scopeSpans: [
          { spans: [span('a11ce00000000001', '', 'invoke_agent router', 0), span('a11ce00000000002', 'ffffffff00000009', 'execute_tool lookup', 1)] },
        ],
      },
    ],
  });
  await servedTrace(request, traceId);
  const trace = new TracePage(page);
  await trace.open(traceId);
  await expect(trace.row('a11ce00000000002').getByTestId('missing-parent')).toHaveText('parent missing');
  await expect(trace.row('a11ce00000000002').getByTestId('missing-parent')).toHaveAttribute('title', /ffffffff00000009/);
  await expect(trace.row('a11ce00000000001').getByTestId('missing-parent')).toHaveCount(0);
  await expect(page.getByTestId('trace-orphans')).toHaveText('(1 without their parent)');
});
