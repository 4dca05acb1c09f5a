/**
 * The demo's runs through the public API: every trace the demo exported is served by GET /api/v1/traces/{id}
 * with the tokens, node types, agents and services its scenario emitted, and quickly after the export was
 * acknowledged.
 */
import type { ApiTraceDetail, ApiTraceList } from '../lib/span/api-types';
import { expect, test } from './support/fixtures';

test('a demo trace is served by the API within 2 seconds of its export', async ({ stack }) => {
  // Measured by the global setup right after the demo's last export was acknowledged.
  expect(stack.firstReadMs).toBeLessThan(2_000);
});

test('every demo run is stored with the tokens, node types, agents and services it emitted', async ({ request, stack }) => {
  expect(stack.runs.length).toBeGreaterThanOrEqual(11);
  for (const run of stack.runs) {
    await test.step(run.scenario, async () => {
      for (const traceId of run.traceIds) {
        const response = await request.get(`/api/v1/traces/${traceId}`);
        expect(response.status(), `${run.scenario} ${traceId}`).toBe(200);
      }
      const details = await Promise.all(
        run.traceIds.map(async (id) => (await (await request.get(`/api/v1/traces/${id}`)).json()) as ApiTraceDetail),
      );
      const spans = details.flatMap((d) => d.spans);
      const sum = (key: 'inputTokens' | 'outputTokens' | 'cacheReadTokens' | 'reasoningTokens') =>
        details.reduce((total, d) => total + d.trace[key], 0);
      expect(spans.length, 'span count').toBe(run.expected.spanCount);
      expect(sum('inputTokens'), 'input tokens').toBe(run.expected.inputTokens);
      expect(sum('outputTokens'), 'output tokens').toBe(run.expected.outputTokens);
      expect(sum('cacheReadTokens'), 'cache read tokens').toBe(run.expected.cacheReadTokens);
      expect(sum('reasoningTokens'), 'reasoning tokens').toBe(run.expected.reasoningTokens);
      const nodeTypes: Record<string, number> = {};
      for (const span of spans) nodeTypes[span.nodeType] = (nodeTypes[span.nodeType] ?? 0) + 1;
      const expectedTypes = Object.fromEntries(Object.entries(run.expected.nodeTypes).filter(([, n]) => n > 0));
      expect(nodeTypes, 'node types').toEqual(expectedTypes);
      expect([...new Set(details.flatMap((d) => d.trace.agents))].sort(), 'agents').toEqual([...run.expected.agents].sort());
      expect([...new Set(details.flatMap((d) => d.trace.services))].sort(), 'services').toEqual([...run.expected.services].sort());
    });
  }
});

test('the trace list finds a run by its root name and rejects malformed ids', async ({ request, stack }) => {
  const loop = stack.runs.find((r) => r.scenario === 'tool-loop');
  const detail = (await (await request.get(`/api/v1/traces/${loop?.traceIds[0]}`)).json()) as ApiTraceDetail;
  const list = (await (await request.get(`/api/v1/traces?q=${encodeURIComponent(detail.trace.rootName)}&from=0`)).json()) as ApiTraceList;
  expect(list.traces.map((t) => t.traceId)).toContain(loop?.traceIds[0]);
  expect((await request.get('/api/v1/traces/not-a-trace-id')).status()).toBe(400);
  expect((await request.get(`/api/v1/traces/${'ab'.repeat(16)}`)).status()).toBe(404);
});
