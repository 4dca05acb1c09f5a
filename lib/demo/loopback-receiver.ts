/**
 * A tiny OTLP/HTTP receiver on a loopback port for tests of the demo: it records every request as it arrived
 * (path, content type, raw body) and answers like a collector (200 with an empty ExportTraceServiceResponse in
 * the request's encoding), or with the status `respond` picks, to exercise failures.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedRequest {
  path: string;
  contentType: string;
  body: Buffer;
}

export interface LoopbackReceiver {
  /** Base URL, e.g. http://127.0.0.1:41234 */
  endpoint: string;
  requests: ReceivedRequest[];
  close(): Promise<void>;
}

export async function startLoopbackReceiver(respond?: (index: number) => number): Promise<LoopbackReceiver> {
  const requests: ReceivedRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const contentType = req.headers['content-type'] ?? '';
      requests.push({ path: req.url ?? '', contentType, body: Buffer.concat(chunks) });
      const status = respond?.(requests.length - 1) ?? 200;
      if (status !== 200) {
        res.writeHead(status, { 'content-type': 'text/plain' }).end(`rejected with ${status}`);
      } else if (contentType.includes('json')) {
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      } else {
        res.writeHead(200, { 'content-type': 'application/x-protobuf' }).end(Buffer.alloc(0));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
