/** The trace list and the overview on the demo data: filter the list, open a run, and see the hour at a glance. */
import type { ApiTraceDetail, ApiTraceList } from '../lib/span/api-types';
import { ruleLabel } from '../lib/alerts/rules-meta';
import type { ApiAlertList } from '../lib/alerts/types';
import type { ApiOverview } from '../lib/queries/overview';
import { GUARDRAIL_INTERVENTIONS } from '../lib/span/types';
import { splitList, toTraceRowModel } from '../lib/traces-view/row-model';
import { formatCount } from '../lib/ui/format';
import { expect, test } from './support/fixtures';
import { runOf } from './support/stack';

test('filter the list to one service and a name, then open the run', async ({ page, request }) => {
  const { traceId } = runOf('silent-failure');
  const detail = (await (await request.get(`/api/v1/traces/${traceId}`)).json()) as ApiTraceDetail;
  await page.goto('/traces?range=7d');
  await expect(page.getByTestId('trace-row').first()).toBeVisible();
  const before = await page.getByTestId('trace-row').count();

  await test.step(`service = ${detail.trace.serviceName}`, async () => {
    await page.getByTestId('filter-service').selectOption(detail.trace.serviceName);
    await expect(page).toHaveURL(new RegExp(`service=${encodeURIComponent(detail.trace.serviceName)}`));
    await expect(page.locator(`[data-testid="trace-row"][data-trace-id="${traceId}"]`)).toBeVisible();
    const rows = await page.getByTestId('trace-row').count();
    expect(rows).toBeLessThan(before);
  });

  await test.step('the silent failure stands out, with the errors and cost of the API', async () => {
    const row = page.locator(`[data-testid="trace-row"][data-trace-id="${traceId}"]`);
    await expect(row).toHaveAttribute('data-outcome', 'silent-failure');
    await expect(row.getByTestId('trace-row-errors')).toContainText(String(detail.trace.errorCount));
  });

  await test.step('opening the row shows the trace', async () => {
    await page.locator(`[data-testid="trace-row"][data-trace-id="${traceId}"]`).getByTestId('trace-row-link').click();
    await expect(page).toHaveURL(new RegExp(`/traces/${traceId}`));
    await expect(page.getByTestId('trace-root-name')).toHaveText(detail.trace.rootName);
  });
});

test('sort the list by errors and by LLM calls, most first, from the column headers', async ({ page, request }) => {
  const api = (await (await request.get('/api/v1/traces?from=' + new Date(Date.now() - 7 * 86_400_000).toISOString() + '&limit=500')).json()) as {
    traces: { traceId: string; errorCount: number; llmCallCount: number }[];
  };
  await page.goto('/traces?range=7d');
  await expect(page.getByTestId('trace-row').first()).toBeVisible();
  for (const [column, field] of [['errors', 'errorCount'], ['llmCalls', 'llmCallCount']] as const) {
    await page.getByTestId(`sort-${column}`).click();
    await expect(page).toHaveURL(new RegExp(`sort=${column === 'llmCalls' ? 'calls' : 'errors'}&order=desc`));
    await expect(page.getByTestId(`sort-${column}`).locator('xpath=..')).toHaveAttribute('aria-sort', 'descending');
    const most = Math.max(...api.traces.map((t) => t[field]));
    const first = await page.getByTestId('trace-row').first().getAttribute('data-trace-id');
    expect(api.traces.find((t) => t.traceId === first)?.[field]).toBe(most);
  }
});

test('the overview shows the last hour, spend today, the alerts firing and the most expensive runs', async ({ page, request }) => {
  await page.goto('/');
  await expect(page.getByTestId('overview-traces-hour')).toBeVisible();
  await expect(page.getByTestId('overview-spend-today')).toContainText('$');
  const top = page.getByTestId('overview-top-runs').getByTestId('overview-run');
  await expect(top.first()).toBeVisible();
  const firstId = (await top.first().getAttribute('data-trace-id')) ?? '';
  const detail = (await (await request.get(`/api/v1/traces/${firstId}`)).json()) as ApiTraceDetail;
  const costs = await Promise.all(
    (await top.evaluateAll((els) => els.map((e) => e.getAttribute('data-trace-id') ?? ''))).map(
      async (id) => ((await (await request.get(`/api/v1/traces/${id}`)).json()) as ApiTraceDetail).trace.costUsd,
    ),
  );
  expect(detail.trace.costUsd).toBe(Math.max(...costs));

  await test.step("the alerts firing on the day's runs, by rule, and each expensive run's own", async () => {
    // Read again until the page and the API agree: the runner may still be judging the last runs.
    await expect(async () => {
      const overview = (await (await request.get('/api/v1/overview')).json()) as ApiOverview;
      expect(overview.alerts.firing).toBeGreaterThan(0);
      await page.reload();
      await expect(page.getByTestId('overview-alerts-firing')).toHaveText(formatCount(overview.alerts.firing), { timeout: 2_000 });
      const links = page.getByTestId('overview-alert-rules').locator('a[data-rule]');
      expect(await links.evaluateAll((els) => els.map((e) => e.getAttribute('data-rule')))).toEqual(
        overview.alerts.rules.slice(0, 3).map((rule) => rule.ruleId),
      );
      for (const run of overview.topCostRuns) {
        const badge = top.and(page.locator(`[data-trace-id="${run.traceId}"]`)).getByTestId('trace-row-alerts');
        const rules = toTraceRowModel(run, { today: '', timeZone: 'UTC' }).alertRules;
        if (rules === '') await expect(badge).toHaveCount(0);
        else await expect(badge).toHaveAttribute('data-rules', splitList(rules).join(' '), { timeout: 2_000 });
      }
      expect(overview.topCostRuns.some((run) => run.firingAlerts.length > 0)).toBe(true);
    }).toPass({ timeout: 30_000 });
  });

  await test.step("a rule on the card opens the alerts page at that rule's firing alerts of the same runs", async () => {
    const first = page.getByTestId('overview-alert-rules').locator('a[data-rule]').first();
    const rule = (await first.getAttribute('data-rule')) ?? '';
    await first.click();
    await expect(page).toHaveURL(new RegExp(`/alerts\\?state=firing&rule=${rule}&window=24h`));
    await expect(page.getByTestId('alerts-window').locator('[aria-current="true"]')).toHaveAttribute('data-window', '24h');
    const rows = page.getByTestId('alert-row');
    await expect(rows.first()).toBeVisible();
    const api = (await (await request.get(`/api/v1/alerts?state=firing&rule=${rule}&window=24h`)).json()) as ApiAlertList;
    expect(await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-rule')))).toEqual(api.alerts.map((a) => a.ruleId));
    expect(api.alerts.every((a) => a.ruleId === rule)).toBe(true);
  });
});

test('a run a guardrail acted on says so in the list, and the guardrail filter keeps only such runs', async ({ page, request }) => {
  const { traceId } = runOf('guardrails');
  const detail = (await (await request.get(`/api/v1/traces/${traceId}`)).json()) as ApiTraceDetail;
  const acted = new Set(detail.spans.filter((s) => s.nodeType === 'guardrail' && s.guardrailVerdict !== 'pass').map((s) => s.guardrailVerdict));
  const expected = GUARDRAIL_INTERVENTIONS.filter((verdict) => acted.has(verdict));
  expect(expected.length).toBeGreaterThan(1);
  expect(detail.trace.guardrailInterventions).toEqual(expected);
  const quiet = runOf('silent-failure').traceId;
  await page.goto('/traces?range=7d');
  const row = page.locator(`[data-testid="trace-row"][data-trace-id="${traceId}"]`);
  const badge = row.getByTestId('trace-row-guardrails');

  await test.step(`the row shows ${expected[0]} and +${expected.length - 1}`, async () => {
    await expect(badge).toHaveAttribute('data-verdicts', expected.join(' '));
    await expect(badge).toHaveText(`${expected[0]}+${expected.length - 1}`);
    await expect(page.locator(`[data-testid="trace-row"][data-trace-id="${quiet}"]`).getByTestId('trace-row-guardrails')).toHaveCount(0);
  });

  await test.step('Guardrail blocked keeps the runs with a block', async () => {
    await page.getByTestId('filter-guardrail').selectOption('block');
    await expect(page).toHaveURL(/guardrail=block/);
    await expect(row).toBeVisible();
    await expect(page.locator(`[data-testid="trace-row"][data-trace-id="${quiet}"]`)).toHaveCount(0);
    const verdicts = await page.getByTestId('trace-row').evaluateAll((rows) =>
      rows.map((r) => r.querySelector('[data-testid="trace-row-guardrails"]')?.getAttribute('data-verdicts') ?? ''),
    );
    expect(verdicts.length).toBeGreaterThan(0);
    for (const list of verdicts) expect(list.split(' ')).toContain('block');
  });

  await test.step('the run’s page says the same in its header', async () => {
    await row.getByTestId('trace-row-link').click();
    await expect(page).toHaveURL(new RegExp(`/traces/${traceId}`));
    await expect(page.getByTestId('trace-guardrails')).toHaveAttribute('data-verdicts', expected.join(' '));
  });
});

test('a run an alert fires on says so in the list, though none of its spans failed', async ({ page, request }) => {
  const loop = runOf('tool-loop').traceId;
  const silent = runOf('silent-failure').traceId;
  const row = (traceId: string) => page.locator(`[data-testid="trace-row"][data-trace-id="${traceId}"]`);
  const listed = async (traceId: string) => {
    const list = (await (await request.get(`/api/v1/traces?from=0&limit=500`)).json()) as ApiTraceList;
    return list.traces.find((t) => t.traceId === traceId);
  };

  // The runner judges a run once it has been quiet for a second; the list is read again until it has judged both.
  await expect(async () => {
    expect((await listed(loop))?.firingAlerts.map((a) => a.ruleId)).toContain('repeated_tool_call');
    expect((await listed(silent))?.firingAlerts.map((a) => a.ruleId)).toContain('silent_failure');
  }).toPass({ timeout: 30_000 });
  const loopRun = await listed(loop);
  const rules = [...new Set(loopRun?.firingAlerts.map((a) => a.ruleId))];
  expect(loopRun?.errorCount).toBe(0);

  await page.goto('/traces?range=7d');
  const badge = row(loop).getByTestId('trace-row-alerts');
  await test.step(`the loop's row names ${rules.join(', ')}`, async () => {
    await expect(badge).toHaveAttribute('data-rules', rules.join(' '));
    await expect(badge).toContainText(ruleLabel(rules[0] ?? ''));
    await expect(badge).toHaveAttribute('title', /get_order_status/);
  });

  await test.step('a silent failure is named once, by the outcome badge', async () => {
    const silentRun = await listed(silent);
    const others = new Set(silentRun?.firingAlerts.map((a) => a.ruleId).filter((rule) => rule !== 'silent_failure'));
    await expect(row(silent).getByTestId('trace-row-status')).toHaveText('Silent failure');
    if (others.size === 0) await expect(row(silent).getByTestId('trace-row-alerts')).toHaveCount(0);
    else await expect(row(silent).getByTestId('trace-row-alerts')).toHaveAttribute('data-rules', [...others].join(' '));
  });
});
