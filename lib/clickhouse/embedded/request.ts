/**
 * Reads one HTTP request of ClickHouse's interface into a query: the statement (URL `query` and/or body), insert
 * data, bound parameters, settings, default database, query id, and how to encode the response.
 */
import type { IncomingMessage } from 'node:http';
import { randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { ClickHouseServerError } from './errors';
import { parseInsertTarget, type InsertTarget } from './sql';

export type Encoding = 'gzip' | 'deflate' | 'br';

export interface QueryRequest {
  /** The statement to run: URL query and body joined, or the URL query alone for an insert with body data. */
  sql: string;
  /** Set when the URL holds `INSERT … FORMAT X` and the body holds the rows. */
  insert?: { target: InsertTarget | undefined; data: Buffer };
  params: Map<string, string>;
  settings: Map<string, string>;
  database: string;
  queryId: string;
  defaultFormat: string;
  responseEncoding?: Encoding;
  /** `wait_end_of_query=1`: buffer the whole result so a late error still gets a proper status. */
  waitEndOfQuery: boolean;
}

// URL parameters of the HTTP interface that are not settings (ClickHouse's HTTPHandler reserves these names).
const HTTP_PARAMETERS = new Set([
  'query', 'database', 'default_format', 'query_id', 'session_id', 'session_timeout', 'session_check', 'user',
  'password', 'quota_key', 'role', 'stacktrace', 'compress', 'decompress', 'buffer_size', 'wait_end_of_query',
  'client_protocol_version', 'close_session',
]);
// Settings that only steer the HTTP layer (handled here, or meaningless without a network server), or that have no
// effect in the embedded engine. `readonly` is among them because a session-wide SET readonly would forbid
// resetting any setting afterwards.
const HTTP_SETTINGS = new Set([
  'enable_http_compression', 'http_zlib_compression_level', 'send_progress_in_http_headers',
  'http_headers_progress_interval_ms', 'cancel_http_readonly_queries_on_client_close', 'http_wait_end_of_query',
  'http_response_buffer_size', 'add_http_cors_header', 'http_native_compression_disable_checksumming_on_decompress',
  'http_write_exception_in_output_format', 'readonly',
  // Labels the query's entries in system.query_log, which the embedded engine does not keep. Applying it cost a SET
  // before and after nearly every labelled query (about a third of the engine's statements while ingesting).
  'log_comment',
]);
const SETTING_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Builds the query from the URL and the (already decoded) body. */
export function parseQueryRequest(url: URL, headers: IncomingMessage['headers'], body: Buffer): QueryRequest {
  const search = new URLSearchParams(url.search);
  let urlQuery = search.get('query') ?? '';
  let bodyData = body;
  const params = new Map<string, string>();
  const multipart = multipartBoundary(headers['content-type']);
  if (multipart) {
    // `@clickhouse/client` sends long parameter lists as form fields (use_multipart_params).
    for (const [name, value] of parseMultipart(body, multipart)) {
      if (name === 'query') urlQuery = urlQuery ? `${urlQuery}\n${value}` : value;
      else if (name.startsWith('param_')) params.set(name.slice(6), value);
    }
    bodyData = Buffer.alloc(0);
  }
  const settings = new Map<string, string>();
  for (const [name, value] of search) {
    if (name.startsWith('param_')) params.set(name.slice(6), value);
    else if (HTTP_PARAMETERS.has(name) || HTTP_SETTINGS.has(name)) continue;
    else if (!SETTING_NAME.test(name)) throw new ClickHouseServerError(115, 'UNKNOWN_SETTING', `Unknown setting '${name}'`);
    else settings.set(name, value);
  }
  const base = {
    params,
    settings,
    database: search.get('database') || 'default',
    queryId: search.get('query_id') || randomUUID(),
    defaultFormat: search.get('default_format') || 'TabSeparated',
    responseEncoding: search.get('enable_http_compression') === '1' ? pickEncoding(headers['accept-encoding']) : undefined,
    waitEndOfQuery: search.get('wait_end_of_query') === '1' || search.get('http_wait_end_of_query') === '1',
  };
  if (urlQuery && bodyData.length > 0) {
    const target = parseInsertTarget(urlQuery);
    if (target || /^\s*INSERT\b[\s\S]*\bFORMAT\s+\w+\s*$/i.test(urlQuery)) {
      return { ...base, sql: urlQuery, insert: { target, data: bodyData } };
    }
    // ClickHouse semantics: the body continues the statement begun in the URL (e.g. `INSERT … VALUES` + rows).
    return { ...base, sql: `${urlQuery}\n${bodyData.toString('utf8')}` };
  }
  const sql = urlQuery || bodyData.toString('utf8');
  if (sql.trim() === '') throw ClickHouseServerError.of('SYNTAX_ERROR', 'Empty query', 400);
  return { ...base, sql };
}

function pickEncoding(accept: string | undefined): Encoding | undefined {
  if (!accept) return undefined;
  const offered = accept.split(',').map((part) => part.trim().split(';')[0]?.toLowerCase());
  return offered.find((name): name is Encoding => name === 'gzip' || name === 'deflate' || name === 'br');
}

/** Reads the whole body, undoing `Content-Encoding`, refusing more than `limit` bytes (before and after). */
export async function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const encoding = (req.headers['content-encoding'] ?? '').toLowerCase().trim();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw tooLarge(limit);
    chunks.push(chunk);
  }
  const raw = chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, size);
  if (encoding === '' || encoding === 'identity') return raw;
  // zlib's callback API runs on the thread pool: a large body never blocks the event loop.
  const decoder = DECODERS[encoding === 'x-gzip' ? 'gzip' : encoding];
  if (!decoder) throw ClickHouseServerError.of('CANNOT_DECOMPRESS', `Unsupported Content-Encoding '${encoding}'`, 400);
  try {
    return await decoder(raw, { maxOutputLength: limit });
  } catch (err) {
    if ((err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') throw tooLarge(limit);
    const reason = err instanceof Error ? err.message : String(err);
    throw ClickHouseServerError.of('CANNOT_DECOMPRESS', `Cannot decompress the ${encoding} request body: ${reason}`, 400);
  }
}

type Decoder = (input: Buffer, options: zlib.ZlibOptions & zlib.BrotliOptions) => Promise<Buffer>;
const DECODERS: Record<string, Decoder | undefined> = {
  gzip: promisify(zlib.gunzip) as Decoder,
  deflate: promisify(zlib.inflate) as Decoder,
  br: promisify(zlib.brotliDecompress) as Decoder,
};

function tooLarge(limit: number): ClickHouseServerError {
  return ClickHouseServerError.of('QUERY_IS_TOO_LARGE', `The request body is larger than ${limit} bytes`, 413);
}

function multipartBoundary(contentType: string | undefined): string | undefined {
  if (!contentType || !/^multipart\/form-data/i.test(contentType)) return undefined;
  return /boundary="?([^";]+)"?/i.exec(contentType)?.[1];
}

/** Name → value of the parts of a multipart/form-data body (text fields only). */
function parseMultipart(body: Buffer, boundary: string): [string, string][] {
  const fields: [string, string][] = [];
  for (const part of body.toString('utf8').split(`--${boundary}`)) {
    const headerEnd = part.indexOf('\r\n\r\n');
    if (headerEnd === -1) continue;
    const name = /name="([^"]*)"/i.exec(part.slice(0, headerEnd))?.[1];
    if (name === undefined) continue;
    fields.push([name, part.slice(headerEnd + 4).replace(/\r\n$/, '')]);
  }
  return fields;
}
