/**
 * Alerting on the demo data: the tool loop raises a repeated-tool-call alert, and the empty retrieval an
 * ungrounded-answer warning; the alerts page lists them, and their links open the trace with the evidence highlighted.
 * Someone on call resolves one by hand.
 */
import { expect, test } from './support/fixtures';
import { runOf } from './support/stack';

test('the loop raises an alert whose link opens the trace with the repeated calls highlighted', async ({ page }) => {
  const { traceId } = runOf('tool-loop');
  const alert = page.locator(`[data-testid="alert-row"][data-rule="repeated_tool_call"][data-trace-id="${traceId}"]`);

  await test.step('the alert is on the alerts page', async () => {
    // The runner judges a trace once it has been quiet for a second; the page is reloaded until it has.
    await expect(async () => {
      await page.goto('/alerts');
      await expect(alert).toBeVisible({ timeout: 2_000 });
    }).toPass({ timeout: 30_000 });
    await expect(alert).toHaveAttribute('data-state', 'firing');
  });

  await test.step('its link opens the trace with the repeated calls highlighted', async () => {
    await alert.getByTestId('alert-link').click();
    await expect(page).toHaveURL(new RegExp(`/traces/${traceId}\\?span=[0-9a-f]{16}&highlight=`));
    const loop = page.locator('[data-testid="tree-group-row"][data-node-type="tool"]');
    await expect(loop).toHaveAttribute('data-highlighted', 'true');
    await expect(page.getByTestId('trace-alerts')).toContainText('get_order_status');
  });
});

test('an answer after an empty retrieval raises a warning, shown on the trace with the retrieval and the answer', async ({ page }) => {
  const { traceId } = runOf('empty-retrieval');
  const alert = page.locator(`[data-testid="alert-row"][data-rule="ungrounded_answer"][data-trace-id="${traceId}"]`);
  await expect(async () => {
    await page.goto('/alerts');
    await expect(alert).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
  await expect(alert).toContainText('answered after retrieval product-docs-v3 returned no documents');

  await alert.getByTestId('alert-link').click();
  await expect(page).toHaveURL(new RegExp(`/traces/${traceId}\\?span=[0-9a-f]{16}&highlight=`));
  await expect(page.getByTestId('trace-alerts')).toContainText('Ungrounded answer');
  const highlighted = page.locator('[data-testid="tree-row"][data-highlighted="true"]');
  await expect(highlighted).toHaveCount(2);
  await expect(highlighted.first()).toContainText('retrieval product-docs-v3');
  await expect(highlighted.last()).toContainText('chat gemini-1.5-flash');
});

test('someone on call resolves an alert: it leaves the firing list and shows as resolved', async ({ page }) => {
  const { traceId } = runOf('agent-ping-pong');
  const row = page.locator(`[data-testid="alert-row"][data-rule="agent_ping_pong"][data-trace-id="${traceId}"]`);
  await expect(async () => {
    await page.goto('/alerts?state=firing&rule=agent_ping_pong');
    await expect(row).toHaveCount(1, { timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
  await expect(row).toHaveAttribute('data-state', 'firing');

  await row.getByTestId('alert-resolve').click();
  await expect(row).toHaveCount(0);

  await page.getByTestId('alerts-tab-resolved').click();
  await expect(page).toHaveURL(/state=resolved/);
  await expect(row).toHaveAttribute('data-state', 'resolved');
  await expect(row).toContainText('resolved');
  await expect(row.getByTestId('alert-resolve')).toHaveCount(0);
});

test('an alert can be resolved from its trace page too', async ({ page }) => {
  const { traceId } = runOf('tool-retry-storm');
  const row = page.getByTestId('trace-alerts').locator('[data-testid="alert-row"][data-rule="tool_retry_storm"]');
  await expect(async () => {
    await page.goto(`/traces/${traceId}`);
    await expect(row).toHaveAttribute('data-state', 'firing', { timeout: 2_000 });
  }).toPass({ timeout: 30_000 });

  await row.getByTestId('alert-resolve').click();
  await expect(row).toHaveAttribute('data-state', 'resolved');
  await expect(row.getByTestId('alert-resolve')).toHaveCount(0);
  await page.goto('/alerts?state=resolved&rule=tool_retry_storm');
  await expect(page.locator(`[data-testid="alert-row"][data-trace-id="${traceId}"]`)).toHaveAttribute('data-state', 'resolved');
});
