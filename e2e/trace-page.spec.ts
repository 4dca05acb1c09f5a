/**
 * The trace page on the demo data, checked the way the on-call engineer reads it: loops folded with their count
 * and cost, guardrail verdicts, an empty retrieval, a 403 under a parent that reported success, totals equal to
 * the API, deep links to a span, the error path, and the agents' ping-pong cycle.
 */
import type { ApiTraceDetail } from '../lib/span/api-types';
import { formatCount, formatTokens, formatUsd } from '../lib/ui/format';
import { expect, test } from './support/fixtures';
import { runOf } from './support/stack';
import { TracePage } from './support/trace-page';

async function detailOf(request: import('@playwright/test').APIRequestContext, traceId: string): Promise<ApiTraceDetail> {
  const response = await request.get(`/api/v1/traces/${traceId}`);
  expect(response.status()).toBe(200);
  return (await response.json()) as ApiTraceDetail;
}

test('the tool loop reads as one row with its count, and expands to every call', async ({ page, request }) => {
  const { traceId } = runOf('tool-loop');
  const detail = await detailOf(request, traceId);
  const tools = detail.spans.filter((s) => s.nodeType === 'tool');
  const tool = tools[0]?.toolName ?? '';
  const trace = new TracePage(page);
  await trace.open(traceId);

  const loop = trace.groupRows().filter({ hasText: `${tool} ×${tools.length}` });
  await test.step(`${tool} ×${tools.length} is one folded row`, async () => {
    await expect(loop).toHaveCount(1);
    await expect(loop).toHaveAttribute('data-count', String(tools.length));
    await expect(trace.rows({ nodeType: 'tool' })).toHaveCount(0);
  });

  await test.step('the model calls driving the loop are folded with their total cost', async () => {
    const models = detail.spans.filter((s) => s.nodeType === 'llm');
    const cost = models.reduce((sum, s) => sum + (s.costUsd ?? 0), 0);
    const modelGroup = trace.groupRows().filter({ hasText: `×${models.length}` });
    await expect(modelGroup.getByTestId('row-cost')).toHaveText(formatUsd(cost));
    // The label names the calls; their cost and tokens stand in the row's columns, not cut off in the label.
    await expect(modelGroup.getByTestId('group-label')).toHaveText(new RegExp(`^\\S+ ×${models.length}$`));
  });

  await test.step('expanding the row shows every call', async () => {
    await loop.click();
    await expect(loop).toHaveAttribute('aria-expanded', 'true');
    await expect(trace.rows({ nodeType: 'tool' })).toHaveCount(tools.length);
  });
});

test('guardrail verdicts, an empty retrieval and a 403 under a successful parent are where a user looks', async ({ page, request }) => {
  const trace = new TracePage(page);

  await test.step('guardrails: pass, rewrite, block and escalate', async () => {
    await trace.open(runOf('guardrails').traceId);
    const verdicts = await page.getByTestId('guardrail-verdict').evaluateAll((els) => els.map((e) => e.getAttribute('data-verdict')));
    expect(new Set(verdicts)).toEqual(new Set(['pass', 'rewrite', 'block', 'escalate']));
  });

  await test.step('empty retrieval is called out on its row', async () => {
    const { traceId } = runOf('empty-retrieval');
    const detail = await detailOf(request, traceId);
    const retrieval = detail.spans.find((s) => s.nodeType === 'retrieval');
    expect(retrieval?.retrievalDocCount).toBe(0);
    await trace.open(traceId);
    await expect(trace.row(retrieval?.spanId ?? '').getByTestId('retrieval-empty')).toBeVisible();
  });

  await test.step('silent failure: the 403 is the first failure and its parent hides it', async () => {
    const { traceId } = runOf('silent-failure');
    const detail = await detailOf(request, traceId);
    const failed = detail.spans.find((s) => s.statusCode === 'error');
    const root = detail.spans.find((s) => s.parentSpanId === '');
    expect(root?.statusCode).not.toBe('error');
    await trace.open(traceId);
    await expect(page.getByTestId('silent-failure-warning')).toContainText(failed?.name ?? '');
    await expect(trace.row(failed?.spanId ?? '')).toHaveAttribute('data-error-origin', 'true');
    await expect(trace.row(failed?.spanId ?? '')).toContainText('403');
    await expect(trace.row(root?.spanId ?? '')).toHaveAttribute('data-hides-child-error', 'true');
  });
});

test('the costs and tokens on the page equal those of the API', async ({ page, request }) => {
  const trace = new TracePage(page);
  for (const scenario of ['research-pipeline', 'cost-explosion', 'cross-service']) {
    await test.step(scenario, async () => {
      const { traceId } = runOf(scenario);
      const t = (await detailOf(request, traceId)).trace;
      await trace.open(traceId);
      await expect(page.getByTestId('trace-total-cost')).toHaveText(formatUsd(t.costUsd, { unpriced: t.unpricedCount }));
      const tokens = page.getByTestId('trace-total-tokens');
      await expect(tokens).toHaveText(
        [t.inputTokens, t.outputTokens, t.cacheReadTokens, t.reasoningTokens].map(formatTokens).join(' / '),
      );
      await expect(tokens.locator('[title]')).toHaveAttribute('title', new RegExp(`^${formatCount(t.inputTokens)} in .*${formatCount(t.outputTokens)} out$`));
    });
  }
});

test('a deep link opens the trace with the span selected and its details open', async ({ page, request }) => {
  const { traceId } = runOf('research-pipeline');
  const detail = await detailOf(request, traceId);
  const deep = detail.spans.find((s) => s.nodeType === 'retrieval') ?? detail.spans.at(-1);
  const trace = new TracePage(page);
  await trace.open(traceId, `?span=${deep?.spanId}`);
  await expect(trace.row(deep?.spanId ?? '')).toHaveAttribute('data-selected', 'true');
  await expect(trace.panel).toHaveAttribute('data-span-id', deep?.spanId ?? '');
  await expect(page.getByTestId('span-panel-title')).toContainText(deep?.name ?? '');
});

test('filtering the tree to errors shows the failing path and nothing else', async ({ page, request }) => {
  const { traceId } = runOf('silent-failure');
  const detail = await detailOf(request, traceId);
  const trace = new TracePage(page);
  await trace.open(traceId);
  await page.getByTestId('tree-filter-errors').check();
  const rows = trace.rows();
  const ids = await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-span-id')));
  const failing = detail.spans.filter((s) => s.statusCode === 'error').map((s) => s.spanId);
  expect(ids.length).toBeGreaterThan(failing.length);
  for (const id of failing) expect(ids).toContain(id);
  for (const row of await rows.all()) {
    const onPath = (await row.getAttribute('data-on-error-path')) === 'true' || (await row.getAttribute('data-error-origin')) === 'true';
    expect(onPath, `row ${await row.getAttribute('data-span-id')} is on the error path`).toBe(true);
  }
  expect(ids.length).toBeLessThan(detail.spans.length);
});

test('the agent graph of the ping-pong run shows the cycle, and clicking an agent filters the tree', async ({ page }) => {
  const trace = new TracePage(page);
  await trace.open(runOf('agent-ping-pong').traceId);
  await page.getByTestId('sidebar-tab-agents').click();
  const graph = page.getByTestId('agent-graph');
  await expect(graph).toBeVisible();
  const cycleEdges = graph.locator('[data-testid="agent-edge"][data-in-cycle="true"]');
  await expect(cycleEdges).toHaveCount(2);
  await expect(page.getByTestId('agent-cycle-note')).toContainText('→');
  const before = await trace.rows().count();
  const node = graph.getByTestId('agent-node').first();
  const agent = (await node.getAttribute('data-agent')) ?? '';
  await node.click();
  await expect(node).toHaveAttribute('data-selected', 'true');
  await expect(page.getByTestId('tree-filter-agent')).toHaveValue(agent);
  expect(await trace.rows().count()).toBeLessThan(before);
});
