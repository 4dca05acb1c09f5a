import { once } from 'node:events';
import { createServer, connect, type AddressInfo, type Socket } from 'node:net';
import { expect, it } from 'vitest';
import { TimeSlices, yieldToIo } from './event-loop';

const busy = (ms: number) => {
  const until = performance.now() + ms;
  while (performance.now() < until);
};

it('lets data that arrived during synchronous work be read within two pauses', async () => {
  // A loopback connection, as an exporter's: a write reaches the peer's receive buffer before `write` returns, so the
  // data has certainly arrived by the time the synchronous work ends, however loaded the machine.
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const accepted = once(server, 'connection') as Promise<[Socket]>;
  const client = connect((server.address() as AddressInfo).port, '127.0.0.1');
  await once(client, 'connect');
  const [peer] = await accepted;
  try {
    let read = false;
    peer.on('data', () => (read = true));
    client.write('export');
    busy(20);
    expect(read).toBe(false);
    let pauses = 0;
    while (!read && pauses < 10) {
      await yieldToIo();
      pauses++;
    }
    expect(read).toBe(true);
    expect(pauses).toBeLessThanOrEqual(2);
  } finally {
    client.destroy();
    peer.destroy();
    server.close();
  }
});

it('says a slice is due once it has lasted its time, and starts a new one after the pause', async () => {
  // A slice of 200 ms: a machine busy enough to hold the test up between the pause and the check would have to
  // stall it that long to fail it.
  const slices = new TimeSlices(200);
  expect(slices.due).toBe(false);
  busy(205);
  expect(slices.due).toBe(true);
  await slices.next();
  expect(slices.due).toBe(false);
});
