/**
 * The collector's HTTP server: OTLP/HTTP `POST /v1/traces` (protobuf and JSON, gzip), plus /healthz, /readyz and
 * /metrics. Answers follow the OTLP specification: 200 (with partial_success when spans were rejected), 400 for
 * undecodable input, 413 past the size cap, 415 for an unknown content type, 503 with Retry-After while ClickHouse
 * cannot take the spans. A request is answered only after its spans are committed.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { BadRequest, httpStatusOf, LoupeError, Unavailable, UnsupportedMediaType } from '../lib/errors';
import { contentTypeOf, decodeExportRequest, encodeErrorStatus, encodeExportResponse, OtlpDecodeError } from '../lib/otlp';
import type { PriceOverride } from '../lib/pricing';
import type { BatchWriter } from './batch-writer';
import { ExportLane } from './export-lane';
import { canonicalSpans, PROJECT_ID_PATTERN } from './ingest';
import { registerWaitingExportsGauge, type CollectorMetrics } from './metrics';
import { readBody } from './read-body';

export interface CollectorServerOptions {
  writer: BatchWriter;
  metrics: CollectorMetrics;
  maxBodyBytes: number;
  defaultProject: string;
  /** Whether ClickHouse answered its last health check; while false, exports are refused with 503 at once. */
  storageReady: () => boolean;
  priceOverrides: () => readonly PriceOverride[];
  log: (message: string) => void;
}

type WireFormat = 'protobuf' | 'json';

/** Exports waiting to be decoded may hold this many times `maxBodyBytes` (see `ExportLane`). */
const WAITING_BODIES_PER_CAP = 4;

const MIME: Record<WireFormat, string> = { protobuf: 'application/x-protobuf', json: 'application/json' };

export function createCollectorServer(options: CollectorServerOptions): Server {
  const lane = new ExportLane(WAITING_BODIES_PER_CAP * options.maxBodyBytes);
  registerWaitingExportsGauge(options.metrics, () => lane.waitingBytes);
  return createServer((request, response) => {
    route(request, response, options, lane).catch((error: unknown) => {
      options.log(`collector: unexpected failure answering ${request.method} ${request.url}: ${String(error)}`);
      if (!response.headersSent) respondError(response, 'json', error, options.metrics);
      else response.destroy();
    });
  });
}

async function route(request: IncomingMessage, response: ServerResponse, options: CollectorServerOptions, lane: ExportLane) {
  const path = (request.url ?? '/').split('?')[0];
  if (request.method === 'OPTIONS') return respondPreflight(response);
  if (path === '/v1/traces' && request.method === 'POST') return handleExport(request, response, options, lane);
  if (path === '/healthz' && request.method === 'GET') return respondText(response, 200, 'ok\n');
  if (path === '/readyz' && request.method === 'GET') {
    return options.storageReady()
      ? respondText(response, 200, 'ready\n')
      : respondText(response, 503, 'ClickHouse is not reachable\n');
  }
  if (path === '/metrics' && request.method === 'GET') {
    const body = await options.metrics.registry.metrics();
    response.writeHead(200, { 'Content-Type': options.metrics.registry.contentType });
    return response.end(body);
  }
  if (path === '/v1/traces') return respondText(response, 405, 'Use POST for /v1/traces\n', { Allow: 'POST' });
  if (path === '/v1/logs' || path === '/v1/metrics') {
    return respondText(response, 404, `Loupe receives traces only; ${path} is not served\n`);
  }
  return respondText(response, 404, `No route for ${request.method} ${path}\n`);
}

async function handleExport(
  request: IncomingMessage,
  response: ServerResponse,
  options: CollectorServerOptions,
  lane: ExportLane,
) {
  const { metrics } = options;
  const format = contentTypeOf(request.headers['content-type']);
  try {
    if (!format) {
      throw new UnsupportedMediaType(
        `Content-Type '${request.headers['content-type'] ?? ''}' is not OTLP; use application/x-protobuf or application/json`,
      );
    }
    const headerProject = projectFromHeader(request.headers['x-loupe-project']);
    if (!options.storageReady()) throw new Unavailable('ClickHouse is not reachable; spans are not being accepted', 5);
    const arrived = options.writer.exportArriving();
    let accepted: Accepted;
    try {
      // The body is not a local here: this function waits for the commit, and would keep it alive that long.
      accepted = await readBody(request, options.maxBodyBytes).then((body) =>
        lane.run(body.length, () => acceptSpans(body, format, headerProject, options)),
      );
    } finally {
      arrived();
    }
    await accepted.committed;
    const { rejected, rejectionReasons } = accepted;
    const message = rejected > 0 ? `${rejected} span(s) rejected: ${rejectionReasons.join('; ')}` : '';
    metrics.requests.inc({ status: '200' });
    response.writeHead(200, { 'Content-Type': MIME[format], ...corsHeaders() });
    response.end(encodeExportResponse(format, { rejectedSpans: rejected, errorMessage: message }));
  } catch (error) {
    if (error instanceof OtlpDecodeError) metrics.spansRejected.inc({ reason: 'undecodable' });
    if (error instanceof Unavailable) metrics.spansRejected.inc({ reason: 'unavailable' });
    respondError(response, format ?? 'json', error, metrics);
    // The rest of an oversized or refused body is not read; close the connection rather than drain it.
    if (!request.complete) request.destroy();
  }
}

interface Accepted {
  committed: Promise<void>;
  rejected: number;
  rejectionReasons: string[];
}

/**
 * Decodes an export and hands its spans to the writer, which normalises and encodes them one at a time. Apart from
 * `handleExport` on purpose: an async function keeps its locals alive across its awaits, and the body, the decoded
 * export and the spans must not live until their batch is committed — kept that long, they survived young-generation
 * collections and were copied and promoted, which cost more than decoding them. Here they live until the spans are
 * in the batch.
 */
async function acceptSpans(
  body: Buffer,
  format: WireFormat,
  headerProject: string | null,
  options: CollectorServerOptions,
): Promise<Accepted> {
  const { metrics } = options;
  const decoded = decodeExportRequest(body, format);
  metrics.spansReceived.inc(decoded.acceptedSpanCount + decoded.rejectedSpanCount);
  if (decoded.rejectedSpanCount > 0) metrics.spansRejected.inc({ reason: 'invalid' }, decoded.rejectedSpanCount);
  const spans = canonicalSpans(decoded, {
    headerProject,
    defaultProject: options.defaultProject,
    overrides: options.priceOverrides(),
  });
  const { committed } = await options.writer.take(spans, decoded.acceptedSpanCount);
  return {
    committed,
    rejected: decoded.rejectedSpanCount,
    rejectionReasons: decoded.rejectionReasons,
  };
}

function projectFromHeader(value: string | string[] | undefined): string | null {
  if (value === undefined) return null;
  const text = Array.isArray(value) ? value[0] ?? '' : value;
  if (!PROJECT_ID_PATTERN.test(text)) {
    throw new BadRequest(`x-loupe-project '${text}' is not a project id (letters, digits, '_', '.', '-', at most 64)`);
  }
  return text;
}

function respondError(response: ServerResponse, format: WireFormat, error: unknown, metrics: CollectorMetrics) {
  const status = error instanceof OtlpDecodeError ? 400 : httpStatusOf(error);
  const message =
    error instanceof LoupeError || error instanceof OtlpDecodeError
      ? error.message
      : `Internal error while storing spans: ${error instanceof Error ? error.message : String(error)}`;
  const headers: Record<string, string> = { 'Content-Type': MIME[format], ...corsHeaders() };
  if (error instanceof Unavailable) headers['Retry-After'] = String(error.retryAfterSeconds);
  metrics.requests.inc({ status: String(status) });
  response.writeHead(status, headers);
  const badRequest = error instanceof OtlpDecodeError ? [{ field: error.field, description: error.description }] : undefined;
  response.end(encodeErrorStatus(format, badRequest ? { message, badRequest } : { message }));
}

function respondText(response: ServerResponse, status: number, text: string, headers: Record<string, string> = {}) {
  response.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', ...headers });
  response.end(text);
}

/** Browser exporters (OTLP from a web page) need CORS; the collector holds no cookies, so any origin may post. */
function corsHeaders(): Record<string, string> {
  return { 'Access-Control-Allow-Origin': '*' };
}

function respondPreflight(response: ServerResponse) {
  response.writeHead(204, {
    ...corsHeaders(),
    'Access-Control-Allow-Methods': 'POST, OPTIONS',
    'Access-Control-Allow-Headers': 'Content-Type, Content-Encoding, x-loupe-project',
    'Access-Control-Max-Age': '86400',
  });
  response.end();
}
