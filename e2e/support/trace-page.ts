/** Page object of the trace page: locators by role and test id, so specs read like what a user checks. */
import type { Locator, Page } from '@playwright/test';

export class TracePage {
  constructor(readonly page: Page) {}

  async open(traceId: string, query = ''): Promise<void> {
    await this.page.goto(`/traces/${traceId}${query}`);
    await this.header.waitFor();
    await this.page.getByTestId('tree-row').first().waitFor();
  }

  get header(): Locator {
    return this.page.getByTestId('trace-header');
  }

  row(spanId: string): Locator {
    return this.page.locator(`[data-testid="tree-row"][data-span-id="${spanId}"]`);
  }

  rows(filter: { nodeType?: string } = {}): Locator {
    const type = filter.nodeType ? `[data-node-type="${filter.nodeType}"]` : '';
    return this.page.locator(`[data-testid="tree-row"]${type}`);
  }

  groupRows(): Locator {
    return this.page.getByTestId('tree-group-row');
  }

  get panel(): Locator {
    return this.page.getByTestId('span-panel');
  }
}
