import { expect, it } from 'vitest';
import { deriveRows } from '../lib/queries/derived';
import { makeSpan, nanos } from '../lib/testing/span-factory';
import { TimeSlices } from './event-loop';
import { deriveFromMemory, TraceMemory, type RememberedSpan } from './trace-memory';

const memory = new TraceMemory({ maxSpans: 1_000, attributeKeys: [] });

/** Traces of an agent span and a priced model call each, as the collector keeps them. */
function rememberedTraces(count: number): Map<string, RememberedSpan[]> {
  const traces = new Map<string, RememberedSpan[]>();
  for (let i = 0; i < count; i++) {
    const traceId = i.toString(16).padStart(32, '0');
    const start = nanos(Date.UTC(2026, 11, 4, 10 + (i % 3)));
    const agent = makeSpan({ traceId, spanId: 'a'.repeat(16), nodeType: 'agent', agentName: 'planner', startTimeUnixNano: start });
    const call = makeSpan({
      traceId,
      spanId: 'b'.repeat(16),
      parentSpanId: 'a'.repeat(16),
      nodeType: 'llm',
      provider: 'openai',
      requestModel: 'gpt-4o',
      inputTokens: 100 + i,
      outputTokens: 20,
      costUsd: 0.001,
      costSource: 'catalog',
      startTimeUnixNano: start + 1_000n,
    });
    traces.set(traceId, [memory.slim(agent), memory.slim(call)]);
  }
  return traces;
}

it('derives the same rows from memory as from the spans themselves', async () => {
  const traces = rememberedTraces(30);
  const fromMemory = await deriveFromMemory(traces, new TimeSlices(0));
  const spans = new Map([...traces].map(([id, kept]) => [id, kept.map((s) => ({ ...s.api, startTimeUnixNano: s.startNs, durationNs: s.durationNs }))]));
  const direct = deriveRows(spans);
  expect(fromMemory.summaries).toEqual(direct.summaries);
  expect(fromMemory.rollups).toEqual(direct.rollups);
  expect(fromMemory.hours).toEqual(direct.hours);
  expect(fromMemory.hours.last - fromMemory.hours.first).toBe(2 * 3600);
});

it('lets waiting I/O run between slices of a large rebuild', async () => {
  const order: string[] = [];
  setImmediate(() => order.push('i/o'));
  const rows = await deriveFromMemory(rememberedTraces(200), new TimeSlices(0));
  order.push('rows derived');
  expect(order).toEqual(['i/o', 'rows derived']);
  expect(rows.summaries).toHaveLength(200);
});
