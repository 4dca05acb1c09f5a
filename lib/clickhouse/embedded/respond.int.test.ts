/**
 * StreamedResult against a real HTTP client that reads slower than the server writes: every chunk waits for
 * `drain`, and the waits must not leave listeners behind on the response.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { StreamedResult } from './respond';

let server: Server;
let url: string;
let peakListeners = 0;

const CHUNKS = 64;
const CHUNK = Buffer.alloc(256 * 1024, 'x');

beforeAll(async () => {
  server = createServer((_req, res) => {
    const out = new StreamedResult(res, { queryId: 'q', format: 'TabSeparated', timezone: 'UTC', version: 'test' }, {}, 10_000);
    void (async () => {
      for (let i = 0; i < CHUNKS; i++) {
        await out.write(CHUNK);
        peakListeners = Math.max(peakListeners, res.listenerCount('close'), res.listenerCount('error'));
      }
      out.end();
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

it('keeps the response’s listeners bounded while a slow client reads a long result', async () => {
  const response = await fetch(url);
  let bytes = 0;
  const reader = response.body!.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes += value.length;
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
  expect(bytes).toBe(CHUNKS * CHUNK.length);
  expect(peakListeners).toBeLessThan(5);
});
