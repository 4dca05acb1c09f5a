/**
 * Writes responses the way ClickHouse's HTTP interface does: the `X-ClickHouse-*` headers `@clickhouse/client`
 * reads, errors as `Code: N. DB::Exception: …` with a non-200 status, optional response compression, and streamed
 * results with backpressure. An error after the first bytes of a stream is sent as ClickHouse (25.11+) does:
 * a trailer tagged with the `X-ClickHouse-Exception-Tag` header value, which the client turns into an error.
 */
import type { ServerResponse } from 'node:http';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { promisify } from 'node:util';
import type { Writable } from 'node:stream';
import zlib from 'node:zlib';
import type { ClickHouseServerError } from './errors';
import { QueryCancelledError } from './queue';
import type { Encoding } from './request';

export interface ResponseInfo {
  queryId: string;
  format: string;
  timezone: string;
  version: string;
  encoding?: Encoding;
}

export interface Summary {
  readRows?: number;
  readBytes?: number;
  writtenRows?: number;
  writtenBytes?: number;
  resultRows?: number;
  resultBytes?: number;
  elapsedNs?: number;
}

/** `X-ClickHouse-Summary`: every counter as a decimal string, as the server writes it. */
export function summaryHeader(summary: Summary): string {
  const text = (value: number | undefined) => String(Math.round(value ?? 0));
  return JSON.stringify({
    read_rows: text(summary.readRows),
    read_bytes: text(summary.readBytes),
    written_rows: text(summary.writtenRows),
    written_bytes: text(summary.writtenBytes),
    total_rows_to_read: text(summary.readRows),
    result_rows: text(summary.resultRows),
    result_bytes: text(summary.resultBytes),
    elapsed_ns: text(summary.elapsedNs),
  });
}

function contentType(format: string): string {
  if (format.startsWith('JSON')) return 'application/json; charset=UTF-8';
  if (format.startsWith('CSV')) return 'text/csv; charset=UTF-8; header=absent';
  if (format.startsWith('TSV') || format.startsWith('TabSeparated')) return 'text/tab-separated-values; charset=UTF-8';
  return 'text/plain; charset=UTF-8';
}

function successHeaders(info: ResponseInfo, summary: Summary): Record<string, string> {
  return {
    'Content-Type': contentType(info.format),
    'X-ClickHouse-Query-Id': info.queryId,
    'X-ClickHouse-Format': info.format,
    'X-ClickHouse-Timezone': info.timezone,
    'X-ClickHouse-Server-Display-Name': 'loupe-embedded',
    'X-ClickHouse-Summary': summaryHeader(summary),
  };
}

export function sendError(res: ServerResponse, err: ClickHouseServerError, version: string, queryId?: string): void {
  if (res.headersSent || res.destroyed) {
    res.destroy();
    return;
  }
  const headers: Record<string, string> = {
    'Content-Type': 'text/plain; charset=UTF-8',
    'X-ClickHouse-Exception-Code': String(err.code),
  };
  if (queryId) headers['X-ClickHouse-Query-Id'] = queryId;
  res.writeHead(err.httpStatus(), headers);
  res.end(err.body(version));
}

const COMPRESS: Record<Encoding, (input: Uint8Array) => Promise<Buffer>> = {
  gzip: promisify(zlib.gzip),
  deflate: promisify(zlib.deflate),
  br: promisify(zlib.brotliCompress),
};

/** A complete (buffered) result. */
export async function sendResult(res: ServerResponse, info: ResponseInfo, body: Uint8Array, summary: Summary) {
  const headers = successHeaders(info, summary);
  let payload = body;
  if (info.encoding && body.length > 0) {
    payload = await COMPRESS[info.encoding](body);
    headers['Content-Encoding'] = info.encoding;
  }
  headers['Content-Length'] = String(payload.length);
  res.writeHead(200, headers);
  res.end(payload);
}

export class StreamStalledError extends Error {
  constructor(ms: number) {
    super(`The HTTP client read nothing for ${ms} ms; the streamed result was abandoned`);
    this.name = 'StreamStalledError';
  }
}

/** A result written chunk by chunk; `write` waits while the client is not reading. */
export class StreamedResult {
  private readonly out: Writable;
  private readonly tag = randomBytes(8).toString('hex');

  constructor(
    private readonly res: ServerResponse,
    private readonly info: ResponseInfo,
    summary: Summary,
    private readonly stallTimeoutMs: number,
  ) {
    const headers: Record<string, string> = { ...successHeaders(info, summary), 'X-ClickHouse-Exception-Tag': this.tag };
    if (info.encoding) {
      headers['Content-Encoding'] = info.encoding;
      const compressor = createCompressor(info.encoding);
      compressor.pipe(res);
      this.out = compressor;
    } else {
      this.out = res;
    }
    res.writeHead(200, headers);
  }

  get closed(): boolean {
    return this.res.destroyed;
  }

  /** Writes one chunk; rejects when the client has gone or stopped reading, so the caller cancels the query. */
  async write(chunk: Uint8Array): Promise<void> {
    if (this.res.destroyed) throw new QueryCancelledError('The client closed the connection during the result');
    if (this.out.write(chunk)) return;
    // One signal for both waits, aborted once either ends: the loser's listeners go with it instead of piling up
    // on the response for every chunk of a long result.
    const settled = new AbortController();
    const signal = AbortSignal.any([settled.signal, AbortSignal.timeout(this.stallTimeoutMs)]);
    try {
      await Promise.race([once(this.out, 'drain', { signal }), once(this.res, 'close', { signal })]);
    } catch {
      this.res.destroy();
      throw new StreamStalledError(this.stallTimeoutMs);
    } finally {
      settled.abort();
    }
    if (this.res.destroyed) throw new QueryCancelledError('The client closed the connection during the result');
  }

  end(): void {
    this.out.end();
  }

  /** Ends the response with the exception trailer `@clickhouse/client` recognises. */
  fail(err: ClickHouseServerError): void {
    const message = err.body(this.info.version).trimEnd();
    const length = Buffer.byteLength(message) + 1;
    this.out.end(`\r\n__exception__\r\n${this.tag}\n${message}\n${length} ${this.tag}\r\n__exception__\r\n`);
  }
}

function createCompressor(encoding: Encoding): zlib.Gzip | zlib.Deflate | zlib.BrotliCompress {
  if (encoding === 'gzip') return zlib.createGzip();
  if (encoding === 'deflate') return zlib.createDeflate();
  return zlib.createBrotliCompress();
}
