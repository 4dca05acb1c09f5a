/**
 * The chdb session behind the embedded server, and the per-request session state.
 *
 * Settings and the default database arrive with each HTTP request, but a chdb session is stateful. We apply them
 * with `SET`/`USE` before the query and remember what is applied: the next request's settings are diffed against
 * that, so a setting it does not send is put back (`SET name = DEFAULT`, or chdb's own start-up value) and never
 * leaks into it. Requests from one client usually send the same settings, so the diff is usually empty and costs
 * nothing. A `SETTINGS` clause appended to the SQL was rejected: it is invalid after FORMAT, on DDL and on INSERT
 * with inline data. All methods here must run inside the engine queue.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, rm, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Session, type ChdbQueryStream, type ChdbResult, type RawInsertFormat } from 'chdb';
import type { InsertTarget } from './sql';

/** chdb's raw (zero-copy) insert accepts these text formats; binary formats go through a file; others through SQL. */
export const RAW_INSERT_FORMATS: ReadonlySet<string> = new Set<RawInsertFormat>([
  'JSONEachRow', 'JSONCompactEachRow', 'CSV', 'CSVWithNames', 'TSV', 'TabSeparated', 'TSVWithNames',
  'TabSeparatedWithNames',
]);

/** Under the data directory: binary insert bodies wait there while the engine reads them. */
export const INSERT_SPOOL_DIR = 'insert-spool';

export interface QueryState {
  settings: ReadonlyMap<string, string>;
  database: string;
}

export interface EngineOutcome {
  bytes: Uint8Array;
  rowsRead: number;
  bytesRead: number;
}

export interface InsertOutcome {
  rowsWritten: number;
  bytesWritten: number;
}

export class ChdbEngine {
  readonly version: string;
  readonly timezone: string;
  private applied = new Map<string, string>();
  private database = 'default';

  private constructor(
    private readonly session: Session,
    info: { version: string; timezone: string },
    /** Settings chdb itself changed at start-up, with their values: what "reset" means for them. */
    private readonly baseline: ReadonlyMap<string, string>,
    /** Where binary insert bodies wait as files while the engine reads them. */
    private readonly spoolDir: string,
  ) {
    this.version = info.version;
    this.timezone = info.timezone;
  }

  static async open(dataDir: string): Promise<ChdbEngine> {
    const session = new Session(dataDir);
    try {
      const info = (await session.queryAsync('SELECT version() AS version, timezone() AS timezone', {
        format: 'JSONEachRow',
      })).json<{ version: string; timezone: string }>();
      const baseline = await readChangedSettings(session);
      // Files left by a process that died mid-insert were never acknowledged: nothing in them is owed.
      const spoolDir = join(dataDir, INSERT_SPOOL_DIR);
      await rm(spoolDir, { recursive: true, force: true });
      await mkdir(spoolDir, { recursive: true });
      return new ChdbEngine(session, info, baseline, spoolDir);
    } catch (err) {
      session.close();
      throw err;
    }
  }

  /** Brings the session to the settings and default database of the next query. */
  async prepare(state: QueryState): Promise<void> {
    const clauses: string[] = [];
    for (const [name, value] of state.settings) {
      if (this.applied.get(name) !== value) clauses.push(`${name} = ${quoteString(value)}`);
    }
    for (const name of this.applied.keys()) {
      if (!state.settings.has(name)) clauses.push(this.resetClause(name));
    }
    if (clauses.length > 0) {
      try {
        await this.run(`SET ${clauses.join(', ')}`);
      } catch (err) {
        await this.resync();
        throw err;
      }
      this.applied = new Map(state.settings);
    }
    if (state.database !== this.database) {
      await this.run(`USE ${quoteIdentifier(state.database)}`);
      this.database = state.database;
    }
  }

  /** Runs a statement to completion and returns its whole output. */
  async run(sql: string, params?: Record<string, unknown>, format = 'TabSeparated'): Promise<EngineOutcome> {
    let result: ChdbResult;
    try {
      result = params && Object.keys(params).length > 0
        ? await this.session.queryBindAsync(sql, params, { format })
        : await this.session.queryAsync(sql, { format });
    } catch (err) {
      await this.flushAfterError();
      throw err;
    }
    return { bytes: result.bytes(), rowsRead: result.rowsRead, bytesRead: result.bytesRead };
  }

  /** Starts a streamed read; the caller must iterate or cancel it before the next engine call. */
  stream(sql: string, params: Record<string, unknown>, format: string): ChdbQueryStream {
    return Object.keys(params).length > 0
      ? this.session.queryStreamBind(sql, params, { format })
      : this.session.queryStream(sql, { format });
  }

  /** Zero-copy insert of a request body in one of {@link RAW_INSERT_FORMATS}. */
  async insert(target: InsertTarget, data: Buffer): Promise<InsertOutcome> {
    try {
      const summary = await this.session.insert({
        table: target.table,
        columns: target.columns,
        values: data,
        format: target.format as RawInsertFormat,
      });
      return { rowsWritten: summary.rowsWritten, bytesWritten: summary.bytesWritten };
    } catch (err) {
      await this.flushAfterError();
      throw err;
    }
  }

  /**
   * Writes a binary insert body (RowBinary, Native, …) to a file for {@link insertFile}, which chdb reads with
   * `FROM INFILE`: chdb's own insert takes text formats only. Done outside the engine queue; the caller removes the
   * file with {@link discardFile} whatever happens.
   */
  async spoolFile(data: Buffer): Promise<string> {
    const path = join(this.spoolDir, `${randomUUID()}.bin`);
    await writeFile(path, data);
    return path;
  }

  async discardFile(path: string): Promise<void> {
    await unlink(path).catch(() => undefined);
  }

  /** Inserts a spooled body: `INSERT INTO table (columns) FROM INFILE 'path' FORMAT format`. */
  async insertFile(target: InsertTarget, path: string): Promise<EngineOutcome> {
    const columns = target.columns ? ` (${target.columns.join(', ')})` : '';
    return this.run(`INSERT INTO ${target.table}${columns} FROM INFILE ${quoteString(path)} FORMAT ${target.format}`);
  }

  /**
   * After a statement that may have changed session state itself (`SET`, `USE`), puts every setting back to
   * chdb's start-up value and re-reads the current database, so the change stays within that request.
   */
  async resync(): Promise<void> {
    const changed = await readChangedSettings(this.session);
    const clauses: string[] = [];
    for (const [name, value] of changed) {
      if (this.baseline.get(name) !== value) clauses.push(this.resetClause(name));
    }
    for (const [name, value] of this.baseline) {
      if (changed.get(name) !== value) clauses.push(`${name} = ${quoteString(value)}`);
    }
    if (clauses.length > 0) await this.run(`SET ${clauses.join(', ')}`);
    this.applied.clear();
    await this.run('USE default');
    this.database = 'default';
  }

  close(): void {
    this.session.close();
  }

  private resetClause(name: string): string {
    const original = this.baseline.get(name);
    return original === undefined ? `${name} = DEFAULT` : `${name} = ${quoteString(original)}`;
  }

  /**
   * chdb keeps the partial output of a failed statement and prepends it to the next statement's result (seen with
   * chdb 3.4: rows written before a mid-query exception reappear in the next query). A throwaway query after every
   * failure absorbs that output so it never reaches another client.
   */
  private async flushAfterError(): Promise<void> {
    try {
      await this.session.queryAsync('SELECT 1', { format: 'TabSeparated' });
    } catch {
      // The session is unusable if even this fails; the next real query reports that error itself.
    }
  }
}

async function readChangedSettings(session: Session): Promise<Map<string, string>> {
  const rows = (await session.queryAsync('SELECT name, value FROM system.settings WHERE changed', {
    format: 'JSONCompact',
  })).json<{ data: [string, string][] }>().data;
  return new Map(rows);
}

/** A single-quoted SQL string literal; backslash and quote are the only characters that can end it. */
export function quoteString(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

export function quoteIdentifier(name: string): string {
  return `\`${name.replace(/\\/g, '\\\\').replace(/`/g, '\\`')}\``;
}
