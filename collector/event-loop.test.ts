import { stat } from 'node:fs';
import { expect, it } from 'vitest';
import { TimeSlices, yieldToIo } from './event-loop';

const busy = (ms: number) => {
  const until = performance.now() + ms;
  while (performance.now() < until);
};

it('lets I/O that completed during synchronous work be handled within two pauses', async () => {
  let read = false;
  stat(__filename, () => (read = true));
  busy(20);
  expect(read).toBe(false);
  let pauses = 0;
  while (!read && pauses < 10) {
    await yieldToIo();
    pauses++;
  }
  expect(read).toBe(true);
  expect(pauses).toBeLessThanOrEqual(2);
});

it('says a slice is due once it has lasted its time, and starts a new one after the pause', async () => {
  const slices = new TimeSlices(20);
  expect(slices.due).toBe(false);
  busy(25);
  expect(slices.due).toBe(true);
  await slices.next();
  expect(slices.due).toBe(false);
});
