/**
 * What every API v1 route handler shares: which project a request is about, JSON responses that no cache keeps,
 * and the one mapping from our errors to HTTP (`httpStatusOf`), so all routes answer a problem the same way.
 */
import { BadRequest, httpStatusOf, Unavailable } from '../errors';
import { PROJECT_ID } from '../queries/trace-list-params';

export const PROJECT_HEADER = 'x-loupe-project';

const NO_STORE = { 'cache-control': 'no-store' } as const;

/** The project from the `x-loupe-project` header, else the `project` query parameter, else the default. */
export function projectOf(request: Request, defaultProject: string): string {
  const project = request.headers.get(PROJECT_HEADER) ?? new URL(request.url).searchParams.get('project') ?? defaultProject;
  if (!PROJECT_ID.test(project)) {
    throw new BadRequest(`project: ${JSON.stringify(project.slice(0, 80))} is not a project id (1-64 letters, digits, _ . or -)`);
  }
  return project;
}

export function jsonResponse(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return Response.json(body, { status, headers: { ...NO_STORE, ...headers } });
}

/**
 * The error body is `{ error: message }`. Messages of our own 4xx/503 errors are written for the caller; a 500 is
 * a defect on our side, so its details go to the server log and the caller gets a generic message.
 */
export function errorResponse(error: unknown, request: Request): Response {
  if (request.signal.aborted || (error instanceof Error && error.name === 'AbortError')) {
    // Nobody is listening any more; 499 keeps the access log honest about why the request ended.
    return jsonResponse({ error: 'Request aborted by the client' }, 499);
  }
  const status = httpStatusOf(error);
  if (status >= 500) {
    console.error(`${request.method} ${new URL(request.url).pathname} failed:`, error);
  }
  if (status === 500) return jsonResponse({ error: 'Internal error; the server log has the details' }, 500);
  const message = error instanceof Error ? error.message : String(error);
  const headers: Record<string, string> =
    error instanceof Unavailable ? { 'retry-after': String(error.retryAfterSeconds) } : {};
  return jsonResponse({ error: message }, status, headers);
}

/** Runs a handler body and turns whatever it throws into the JSON error response. */
export async function handle(request: Request, body: () => Promise<unknown>): Promise<Response> {
  try {
    return jsonResponse(await body());
  } catch (error) {
    return errorResponse(error, request);
  }
}

/** A hexadecimal id from a URL, in any case, normalised to the lower case we store; BadRequest naming it otherwise. */
function parseHexId(raw: string, name: string, digits: number): string {
  const id = raw.trim().toLowerCase();
  if (id.length !== digits || !/^[0-9a-f]*$/.test(id)) {
    throw new BadRequest(`${name}: expected ${digits} hexadecimal digits, got ${JSON.stringify(raw.slice(0, 80))}`);
  }
  return id;
}

/** A trace id from a URL: 32 hex digits. */
export const parseTraceId = (raw: string): string => parseHexId(raw, 'traceId', 32);

/** An alert's fingerprint from a URL: 32 hex digits. */
export const parseFingerprint = (raw: string): string => parseHexId(raw, 'fingerprint', 32);

/** A span id from a URL: 16 hex digits. */
export const parseSpanId = (raw: string): string => parseHexId(raw, 'spanId', 16);
