/**
 * A loopback HTTP proxy in front of the collector that makes an exporter retry a request the collector already
 * stored: the first request is forwarded and, once the collector has acknowledged it, answered with 504 Gateway
 * Timeout, as a load balancer whose upstream was slow would. The exporter retries (504 is retryable in OTLP/HTTP)
 * and the retry is passed through, so the same spans reach the collector twice.
 */
import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RetryProxy {
  /** URL to point the exporter at; same path as the upstream. */
  url: string;
  /** Requests received from the exporter so far. */
  requestCount(): number;
  close(): Promise<void>;
}

interface Forwarded {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

export async function startRetryProxy(upstream: string): Promise<RetryProxy> {
  const target = new URL(upstream);
  let requests = 0;
  const server = createServer((req, res) => {
    requests += 1;
    const first = requests === 1;
    readBody(req)
      .then((body) => forward(target, req, body))
      .then((answer) => {
        if (first && answer.status >= 200 && answer.status < 300) {
          res.writeHead(504, { 'content-type': 'text/plain' }).end('upstream timed out');
        } else {
          res.writeHead(answer.status, answer.headers).end(answer.body);
        }
      })
      .catch((error: unknown) => failed(res, error));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${target.pathname}`,
    requestCount: () => requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function forward(target: URL, req: IncomingMessage, body: Buffer): Promise<Forwarded> {
  const headers: Record<string, string> = { 'content-length': String(body.length) };
  for (const name of ['content-type', 'content-encoding', 'user-agent']) {
    const value = req.headers[name];
    if (typeof value === 'string') headers[name] = value;
  }
  return new Promise((resolve, reject) => {
    const upstream = request(target, { method: 'POST', headers }, (res) => {
      readBody(res).then((answer) => {
        const contentType = res.headers['content-type'];
        resolve({ status: res.statusCode ?? 502, headers: contentType ? { 'content-type': contentType } : {}, body: answer });
      }, reject);
    });
    upstream.on('error', reject);
    upstream.end(body);
  });
}

// The collector being unreachable is a real failure: answer 502 so the exporter (after its retries) reports it.
function failed(res: ServerResponse, error: unknown): void {
  const message = error instanceof Error ? error.message : String(error);
  if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
  res.end(`proxy could not reach the collector: ${message}`);
}
