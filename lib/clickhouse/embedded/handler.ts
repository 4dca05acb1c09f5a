/**
 * Serves `POST /` and `GET /`: reads the request, queues its engine work, and answers.
 *
 * The engine queue is held only while the engine works, not while a client reads: a result is drained into memory
 * up to BUFFERED_RESULT_BYTES and the queue released before it is sent, so a client slowed by its own CPU does not
 * stall every other query. A read (SELECT, WITH, SHOW, …) whose result is larger is streamed: the buffered part is
 * written first, later chunks as the client reads them, and the query keeps the queue until it has been read or
 * cancelled. Inserts whose statement is in the URL hand the body to chdb as one Buffer (text formats) or as a
 * file written before the insert is queued (binary formats). Everything else runs to completion. Failures before
 * the first byte is written get a proper error status.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ChdbEngine } from './engine';
import { RAW_INSERT_FORMATS } from './engine';
import { ClickHouseServerError, toServerError } from './errors';
import { bindValues } from './params';
import { QueryCancelledError, QueueClosedError, type SerialQueue } from './queue';
import { parseQueryRequest, readBody, type QueryRequest } from './request';
import { sendError, sendResult, StreamedResult, type ResponseInfo, type Summary } from './respond';
import { changesSessionState, hasSeveralStatements, isReadStatement, statementKind, trailingFormat } from './sql';

export interface HandlerContext {
  engine: ChdbEngine;
  queue: SerialQueue;
  maxBodyBytes: number;
  stallTimeoutMs: number;
}

/** Results up to this size are read whole and the engine released before they are sent. */
export const BUFFERED_RESULT_BYTES = 32 * 1024 * 1024;

/** Sends a result once the engine queue has been released. */
type Delivery = () => Promise<void>;

// Insert bodies in these formats are binary and cannot be appended to SQL text.
const BINARY_FORMATS = /^(RowBinary|Native|Parquet|Arrow|ORC|Avro|Protobuf|CapnProto|MsgPack|BSON|Npy|RawBLOB)/;

export async function handleQuery(ctx: HandlerContext, req: IncomingMessage, res: ServerResponse, url: URL) {
  const { engine, queue } = ctx;
  // Aborted when the client goes away before its response is complete.
  const gone = new AbortController();
  res.on('close', () => {
    if (!res.writableFinished) gone.abort();
  });
  let request: QueryRequest | undefined;
  try {
    request = parseQueryRequest(url, req.headers, await readBody(req, ctx.maxBodyBytes));
    const kind = statementKind(request.sql);
    const read = isReadStatement(kind) && !request.insert;
    if (req.method === 'GET' && !read) {
      throw ClickHouseServerError.of(
        'READONLY',
        'Cannot execute query in readonly mode. For queries over HTTP, method GET implies readonly. ' +
          'You should use method POST for modifying queries',
        400,
      );
    }
    if (hasSeveralStatements(request.sql)) {
      throw ClickHouseServerError.of('SYNTAX_ERROR', 'Multi-statements are not allowed', 400);
    }
    const spooled = await spoolBinaryInsert(engine, request);
    let deliver: Delivery | undefined;
    try {
      const job = new QueryJob(ctx, request, res, kind, gone.signal, spooled);
      deliver = await queue.run(() => job.run(), { signal: gone.signal, droppable: read });
    } finally {
      // Gone before the answer: a client that sees its insert done finds no file of it left.
      if (spooled) await engine.discardFile(spooled);
    }
    await deliver?.();
  } catch (err) {
    if (gone.signal.aborted || err instanceof QueryCancelledError) return;
    const failure = err instanceof QueueClosedError ? ClickHouseServerError.of('ABORTED', err.message, 503) : toServerError(err);
    sendError(res, failure, engine.version, request?.queryId);
  }
}

class QueryJob {
  private readonly info: ResponseInfo;

  constructor(
    private readonly ctx: HandlerContext,
    private readonly request: QueryRequest,
    private readonly res: ServerResponse,
    private readonly kind: string,
    private readonly gone: AbortSignal,
    /** The file holding a binary insert's body. */
    private readonly spooled: string | undefined,
  ) {
    const { engine } = ctx;
    this.info = {
      queryId: request.queryId,
      format: trailingFormat(request.sql) ?? request.defaultFormat,
      timezone: engine.timezone,
      version: engine.version,
      encoding: request.responseEncoding,
    };
  }

  /** Runs the engine work; returns how to send the result when it was read whole, after streaming it otherwise. */
  async run(): Promise<Delivery | undefined> {
    const { engine } = this.ctx;
    const { request } = this;
    const started = process.hrtime.bigint();
    const elapsed = () => Number(process.hrtime.bigint() - started);
    await engine.prepare({ settings: request.settings, database: request.database });
    if (request.insert) return this.insert(request.insert, elapsed);
    const params = bindValues(request.sql, request.params);
    if (isReadStatement(this.kind)) return this.stream(params, elapsed);
    const outcome = await engine.run(request.sql, params, this.info.format);
    // A SET or USE sent as a statement must not outlive its request (ClickHouse's HTTP requests are stateless).
    if (changesSessionState(this.kind)) await engine.resync();
    return this.deliver(outcome.bytes, {
      readRows: outcome.rowsRead,
      readBytes: outcome.bytesRead,
      resultBytes: outcome.bytes.length,
      elapsedNs: elapsed(),
    });
  }

  private deliver(body: Uint8Array, summary: Summary): Delivery {
    return () => sendResult(this.res, this.info, body, summary);
  }

  private async insert(insert: NonNullable<QueryRequest['insert']>, elapsed: () => number): Promise<Delivery> {
    const { engine } = this.ctx;
    const { target, data } = insert;
    if (target && RAW_INSERT_FORMATS.has(target.format)) {
      const written = await engine.insert(target, data);
      return this.deliver(new Uint8Array(0), {
        writtenRows: written.rowsWritten,
        writtenBytes: written.bytesWritten,
        elapsedNs: elapsed(),
      });
    }
    if (target && this.spooled) {
      const outcome = await engine.insertFile(target, this.spooled);
      return this.deliver(new Uint8Array(0), { writtenRows: outcome.rowsRead, writtenBytes: data.length, elapsedNs: elapsed() });
    }
    const format = trailingFormat(this.request.sql) ?? '';
    if (BINARY_FORMATS.test(format)) {
      throw ClickHouseServerError.of(
        'NOT_IMPLEMENTED',
        `The embedded ClickHouse server takes ${format} data only for INSERT INTO table [(columns)] FORMAT ${format} ` +
          'with the statement in the URL and the data in the body',
      );
    }
    const params = bindValues(this.request.sql, this.request.params);
    const outcome = await engine.run(`${this.request.sql}\n${data.toString('utf8')}`, params);
    return this.deliver(outcome.bytes, { readRows: outcome.rowsRead, elapsedNs: elapsed() });
  }

  private async stream(params: Record<string, unknown>, elapsed: () => number): Promise<Delivery | undefined> {
    const { engine } = this.ctx;
    let chunks: AsyncIterator<{ raw(): Uint8Array; numRows: number }> | undefined;
    try {
      // chdb refuses to stream some reads (DESCRIBE) as it starts them: inside the try, so they run in one shot.
      chunks = engine.stream(this.request.sql, params, this.info.format)[Symbol.asyncIterator]();
      const buffered: Uint8Array[] = [];
      let bytes = 0;
      let rows = 0;
      for (;;) {
        if (bytes >= BUFFERED_RESULT_BYTES && !this.request.waitEndOfQuery) {
          await this.writeStreamed(chunks, buffered, { resultRows: rows, elapsedNs: elapsed() });
          return undefined;
        }
        const next = await chunks.next();
        if (next.done) break;
        const raw = next.value.raw();
        buffered.push(raw);
        bytes += raw.length;
        rows += next.value.numRows;
      }
      const body = buffered.length === 1 ? (buffered[0] as Uint8Array) : Buffer.concat(buffered);
      return this.deliver(body, { resultRows: rows, resultBytes: body.length, elapsedNs: elapsed() });
    } catch (err) {
      if (!isStreamingUnsupported(err)) throw err;
      // chdb streams only result-producing statements; anything else it refuses up front runs in one shot.
      const outcome = await engine.run(this.request.sql, params, this.info.format);
      return this.deliver(outcome.bytes, { readRows: outcome.rowsRead, elapsedNs: elapsed() });
    } finally {
      // Cancels the engine stream when the loop stopped early (client gone, error); a no-op once it has ended.
      await chunks?.return?.();
    }
  }

  private async writeStreamed(
    chunks: AsyncIterator<{ raw(): Uint8Array }>,
    buffered: readonly Uint8Array[],
    summary: Summary,
  ): Promise<void> {
    const out = new StreamedResult(this.res, this.info, summary, this.ctx.stallTimeoutMs);
    try {
      for (const chunk of buffered) await out.write(chunk);
      for (let next = await chunks.next(); !next.done; next = await chunks.next()) {
        if (this.gone.aborted) return;
        await out.write(next.value.raw());
      }
      out.end();
    } catch (err) {
      if (this.gone.aborted || out.closed) return;
      out.fail(toServerError(err));
    }
  }
}

async function spoolBinaryInsert(engine: ChdbEngine, request: QueryRequest): Promise<string | undefined> {
  const target = request.insert?.target;
  if (!target || !request.insert || !BINARY_FORMATS.test(target.format)) return undefined;
  return engine.spoolFile(request.insert.data);
}

function isStreamingUnsupported(err: unknown): boolean {
  return err instanceof Error && err.message.includes('Streaming query is not supported');
}
