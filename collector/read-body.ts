/**
 * Reads a request body, gunzipping when asked, and enforces the size cap on the decompressed bytes: a small
 * gzip bomb that would inflate to gigabytes is stopped at the cap, not after it has filled memory.
 */
import type { IncomingMessage } from 'node:http';
import { createGunzip, createInflate } from 'node:zlib';
import type { Readable } from 'node:stream';
import { BadRequest, PayloadTooLarge, UnsupportedMediaType } from '../lib/errors';

export async function readBody(request: IncomingMessage, maxBytes: number): Promise<Buffer> {
  const encoding = (request.headers['content-encoding'] ?? 'identity').toLowerCase().trim();
  const declared = Number(request.headers['content-length'] ?? NaN);
  if (Number.isFinite(declared) && declared > maxBytes) {
    throw new PayloadTooLarge(`Request body of ${declared} bytes exceeds the ${maxBytes}-byte limit`);
  }
  let source: Readable;
  if (encoding === 'gzip' || encoding === 'x-gzip') source = request.pipe(createGunzip());
  else if (encoding === 'deflate') source = request.pipe(createInflate());
  else if (encoding === 'identity' || encoding === '') source = request;
  else throw new UnsupportedMediaType(`Content-Encoding '${encoding}' is not supported; use gzip or none`);

  const chunks: Buffer[] = [];
  let total = 0;
  try {
    for await (const chunk of source) {
      const buffer = chunk as Buffer;
      total += buffer.length;
      if (total > maxBytes) {
        source.destroy();
        const what = source === request ? 'Request body' : 'Decompressed request body';
        throw new PayloadTooLarge(`${what} exceeds the ${maxBytes}-byte limit`);
      }
      chunks.push(buffer);
    }
  } catch (error) {
    if (error instanceof PayloadTooLarge) throw error;
    const code = (error as NodeJS.ErrnoException).code ?? '';
    if (code.startsWith('Z_')) {
      throw new BadRequest(`Request body is not valid ${encoding} data: ${(error as Error).message}`);
    }
    throw error;
  }
  return Buffer.concat(chunks, total);
}
