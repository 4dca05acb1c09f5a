import { expect, it } from 'vitest';
import { Unavailable } from '../lib/errors';
import { ExportLane } from './export-lane';
import { createMetrics, registerWaitingExportsGauge } from './metrics';

/** A task that runs until `finish` is called, noting when it started. */
function gate(started: string[], name: string) {
  let finish = () => {};
  const done = new Promise<void>((resolve) => (finish = resolve));
  return { task: async () => (started.push(name), await done, name), finish: () => finish() };
}

it('runs exports one at a time, in arrival order', async () => {
  const lane = new ExportLane(1_000);
  const started: string[] = [];
  const a = gate(started, 'a');
  const b = gate(started, 'b');
  const first = lane.run(10, a.task);
  const second = lane.run(10, b.task);
  await new Promise((r) => setImmediate(r));
  expect(started).toEqual(['a']);
  expect(lane.waitingBytes).toBe(10);
  a.finish();
  expect(await first).toBe('a');
  await new Promise((r) => setImmediate(r));
  expect(started).toEqual(['a', 'b']);
  expect(lane.waitingBytes).toBe(0);
  b.finish();
  expect(await second).toBe('b');
});

it('goes on with the next export when one fails', async () => {
  const lane = new ExportLane(1_000);
  const failed = lane.run(10, async () => {
    throw new Error('undecodable');
  });
  const next = lane.run(10, async () => 'next');
  await expect(failed).rejects.toThrow('undecodable');
  expect(await next).toBe('next');
});

it('refuses an export past the waiting limit with 503, and lets one in again once the queue moves', async () => {
  const lane = new ExportLane(100);
  const started: string[] = [];
  const running = gate(started, 'running');
  const waiting = gate(started, 'waiting');
  const first = lane.run(500, running.task); // alone: let in whatever its size
  await new Promise((r) => setImmediate(r));
  expect(started).toEqual(['running']);
  const second = lane.run(60, waiting.task);
  const refused = lane.run(60, async () => 'refused');
  await expect(refused).rejects.toBeInstanceOf(Unavailable);
  await expect(refused).rejects.toThrow('The collector has 60 bytes of exports waiting to be decoded; retry shortly');
  running.finish();
  await first;
  await new Promise((r) => setImmediate(r));
  // The one that waited is being decoded now: nothing waits, so the next is let in.
  expect(lane.waitingBytes).toBe(0);
  const later = lane.run(60, async () => 'later');
  waiting.finish();
  expect(await second).toBe('waiting');
  expect(await later).toBe('later');
});

it('shows the bytes waiting on /metrics as loupe_exports_waiting_bytes', async () => {
  const lane = new ExportLane(1_000);
  const metrics = createMetrics();
  registerWaitingExportsGauge(metrics, () => lane.waitingBytes);
  const gauge = async () => (await metrics.registry.getSingleMetric('loupe_exports_waiting_bytes')?.get())?.values[0]?.value;
  expect(await gauge()).toBe(0);
  const a = gate([], 'a');
  const first = lane.run(300, a.task);
  const second = lane.run(120, async () => 'b');
  const third = lane.run(80, async () => 'c');
  await new Promise((r) => setImmediate(r));
  expect(await gauge()).toBe(200);
  a.finish();
  expect(await Promise.all([first, second, third])).toEqual(['a', 'b', 'c']);
  expect(await gauge()).toBe(0);
});
