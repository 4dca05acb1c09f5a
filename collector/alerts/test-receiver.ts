/**
 * A webhook receiver on 127.0.0.1 for tests: records every request (idempotency key, body, the status it
 * answered) and answers with whatever status `respond` picks, so tests can play a receiver that fails, recovers,
 * or is down.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedRequest {
  idempotencyKey: string;
  body: unknown;
  status: number;
}

export interface TestReceiver {
  url: string;
  port: number;
  requests: ReceivedRequest[];
  /** How many requests with this key were answered 2xx. */
  acceptedCount(key: string): number;
  close(): Promise<void>;
}

export async function startReceiver(
  respond: (requestNumber: number) => number = () => 200,
  port = 0,
): Promise<TestReceiver> {
  const requests: ReceivedRequest[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const status = respond(requests.length + 1);
      let body: unknown = null;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
      } catch {
        body = Buffer.concat(chunks).toString('utf8');
      }
      const key = req.headers['idempotency-key'];
      requests.push({ idempotencyKey: typeof key === 'string' ? key : '', body, status });
      res.writeHead(status, { 'content-type': 'text/plain', connection: 'close' });
      res.end(status < 300 ? 'accepted' : 'receiver unavailable');
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const actual = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${actual}/hook`,
    port: actual,
    requests,
    acceptedCount: (key) => requests.filter((r) => r.idempotencyKey === key && r.status >= 200 && r.status < 300).length,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Polls until `check` returns a value other than undefined, or fails after `timeoutMs`. */
export async function waitFor<T>(what: string, check: () => Promise<T | undefined> | T | undefined, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
