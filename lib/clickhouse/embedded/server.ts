/**
 * The embedded ClickHouse: the real engine from chdb, served over the part of ClickHouse's HTTP interface that
 * `@clickhouse/client` uses, so every Loupe process shares one engine (chdb allows one data directory per
 * process). All engine work goes through one FIFO queue; the HTTP layer never blocks the event loop.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdir } from 'node:fs/promises';
import { drainPending } from 'chdb';
import { ChdbEngine } from './engine';
import { ClickHouseServerError } from './errors';
import { handleQuery, type HandlerContext } from './handler';
import { SerialQueue } from './queue';
import { sendError } from './respond';

const MAX_URI_BYTES = 1024 * 1024;

export interface EmbeddedClickHouseOptions {
  dataDir: string;
  host?: string;
  /** 0 picks a free port. */
  port: number;
  /** Largest accepted request body, after decompression (default 1 GiB). */
  maxBodyBytes?: number;
  /** How long a streamed result may wait for a client that stopped reading (default 60 s). */
  stallTimeoutMs?: number;
}

export interface EmbeddedClickHouse {
  url: string;
  port: number;
  /** Engine jobs waiting or running; for metrics. */
  readonly queueDepth: number;
  /** Stops accepting, finishes queued work, closes the chdb session. Idempotent. */
  close(): Promise<void>;
}

const NOT_FOUND_TEXT = (path: string) =>
  `There is no handle ${path}\n\nUse / or /ping for health checks.\n` +
  'Send queries with POST / (query in the body or the `query` URL parameter), or GET /?query=… for reads.\n';

export async function startEmbeddedClickHouse(options: EmbeddedClickHouseOptions): Promise<EmbeddedClickHouse> {
  const { dataDir, host = '127.0.0.1', port } = options;
  await mkdir(dataDir, { recursive: true });
  const engine = await ChdbEngine.open(dataDir);
  const queue = new SerialQueue();
  const ctx: HandlerContext = {
    engine,
    queue,
    maxBodyBytes: options.maxBodyBytes ?? 1024 * 1024 * 1024,
    stallTimeoutMs: options.stallTimeoutMs ?? 60_000,
  };
  let closing = false;

  // Bound parameters travel in the URL (`param_ids=[…]`): a list of a few thousand trace ids is far past Node's
  // 16 KiB header default, which would answer 431 with no body. ClickHouse itself accepts URIs up to 1 MiB
  // (http_max_uri_size); so does this server.
  const server = createServer({ maxHeaderSize: MAX_URI_BYTES }, (req, res) => {
    route(req, res).catch((err: unknown) => {
      // handleQuery answers its own failures; this only sees bugs in routing itself.
      console.error('embedded ClickHouse: request failed', err);
      if (!res.headersSent) sendError(res, ClickHouseServerError.of('STD_EXCEPTION', String(err)), engine.version);
      else res.destroy();
    });
  });
  // Longer than @clickhouse/client's default idle socket TTL (2.5 s), so the server never closes a socket the
  // client is about to reuse.
  server.keepAliveTimeout = 10_000;

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (closing) {
      res.setHeader('Connection', 'close');
      sendError(res, ClickHouseServerError.of('ABORTED', 'The server is shutting down', 503), engine.version);
      return;
    }
    if (url.pathname === '/ping' && (req.method === 'GET' || req.method === 'HEAD')) {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=UTF-8', 'Content-Length': '4' });
      res.end(req.method === 'HEAD' ? undefined : 'Ok.\n');
      return;
    }
    if (url.pathname !== '/') {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=UTF-8' });
      res.end(NOT_FOUND_TEXT(url.pathname));
      return;
    }
    if (req.method === 'GET' && !url.searchParams.has('query')) {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=UTF-8' });
      res.end('Ok.\n');
      return;
    }
    if (req.method !== 'GET' && req.method !== 'POST') {
      res.writeHead(405, { Allow: 'GET, POST', 'Content-Type': 'text/plain; charset=UTF-8' });
      res.end(`Method ${req.method} is not allowed; use GET for reads or POST\n`);
      return;
    }
    await handleQuery(ctx, req, res, url);
  }

  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (err) {
    engine.close();
    throw err;
  }
  const bound = (server.address() as AddressInfo).port;

  let closed: Promise<void> | undefined;
  const close = () => {
    closed ??= (async () => {
      closing = true;
      const listening = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      await queue.close();
      engine.close();
      await drainPending();
      server.closeAllConnections();
      await listening;
    })();
    return closed;
  };

  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${bound}`,
    port: bound,
    get queueDepth() {
      return queue.depth;
    },
    close,
  };
}
