/**
 * The cost review on the demo data: the page's totals equal the API's, the grouping switch restacks the chart, a
 * table's CSV export holds the table's rows, and a budget line appears once a budget is set.
 */
import { readFile } from 'node:fs/promises';
import { expect, test } from './support/fixtures';

const DAY_MS = 86_400_000;

test('the cost page shows the totals of the API', async ({ page, request }) => {
  await page.goto('/costs?days=7');
  const total = page.getByTestId('cost-total');
  await expect(total).toBeVisible();
  const now = Date.now();
  // The demo data is all within the last day, so any 7-day window ending now holds all of it.
  const api = (await (await request.get(`/api/v1/costs?from=${new Date(now - 7 * DAY_MS).toISOString()}&to=${new Date(now + 60_000).toISOString()}`)).json()) as {
    costUsd: number;
  };
  expect(api.costUsd).toBeGreaterThan(0);
  expect(Number(await total.getAttribute('data-value'))).toBeCloseTo(api.costUsd, 9);
});

test('switching the grouping restacks the chart', async ({ page }) => {
  await page.goto('/costs?days=7');
  const chart = page.getByTestId('cost-chart');
  await expect(chart).toHaveAttribute('data-dimension', 'model');
  const legend = page.getByRole('list', { name: 'Chart legend' });
  const byModel = await legend.locator('li').allTextContents();
  await page.getByTestId('cost-grouping').getByRole('radio', { name: 'Agent' }).click();
  await expect(chart).toHaveAttribute('data-dimension', 'agent');
  await expect(page).toHaveURL(/groupBy=agent/);
  await expect.poll(async () => (await legend.locator('li').allTextContents()).join('|')).not.toBe(byModel.join('|'));
});

test('a breakdown table exports a CSV with the same rows', async ({ page }) => {
  await page.goto('/costs?days=7');
  const table = page.locator('[data-testid="cost-breakdown-table"][data-dimension="model"]');
  const rows = table.getByTestId('cost-breakdown-row');
  await expect(rows.first()).toBeVisible();
  const names = (await rows.evaluateAll((els) => els.map((e) => e.querySelector('td')?.textContent?.trim() ?? ''))).filter(Boolean);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.locator('[data-testid="export-csv"][data-table="model"]').first().click(),
  ]);
  const csv = await readFile((await download.path()) ?? '', 'utf8');
  const lines = csv.trim().split('\n');
  expect(lines.length - 1).toBe(names.length);
  for (const name of names) expect(csv).toContain(name);
});

test('a budget line appears once a budget is set', async ({ page, request }) => {
  expect((await request.put('/api/v1/budgets', { data: { monthlyUsd: null } })).status()).toBe(200);
  await page.goto('/costs?days=7');
  await expect(page.getByTestId('budget-card')).toBeVisible();
  await expect(page.getByTestId('budget-line')).toHaveCount(0);
  expect((await request.put('/api/v1/budgets', { data: { monthlyUsd: 25 } })).status()).toBe(200);
  await page.reload();
  await expect(page.getByTestId('budget-line')).toBeVisible();
  await expect(page.getByTestId('budget-card')).toContainText('$25');
});
