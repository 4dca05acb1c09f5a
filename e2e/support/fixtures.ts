/**
 * The test object every spec uses: `baseURL` points at the stack the global setup started, and `stack` describes
 * it (URLs and the demo runs it holds). `page.goto` returns once the page is hydrated (`HydrationMark`): the
 * server-rendered HTML is visible earlier, and a select changed then is reset by hydration without an onChange.
 */
import { test as base, expect } from '@playwright/test';
import { readStack, type E2eStack } from './stack';

export const test = base.extend<{ stack: E2eStack }>({
  stack: async ({}, use) => {
    await use(readStack());
  },
  baseURL: async ({}, use) => {
    await use(readStack().webUrl);
  },
  page: async ({ page }, use) => {
    const goto = page.goto.bind(page);
    page.goto = async (url, options) => {
      const response = await goto(url, options);
      await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
      return response;
    };
    await use(page);
  },
});

export { expect };
