/**
 * The test object every spec uses: `baseURL` points at the stack the global setup started, and `stack` describes
 * it (URLs and the demo runs it holds).
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
});

export { expect };
