/**
 * The little SQL awareness the HTTP layer needs: what kind of statement a query is, its FORMAT clause, the
 * `{name:Type}` placeholders, and the target of an `INSERT … FORMAT` whose data is the request body.
 *
 * Approach: `maskLiterals` blanks out string literals, quoted identifiers and comments (keeping every offset), so
 * that plain regular expressions over the masked text never match inside user data. One linear pass per query.
 */

/** Replaces the contents of literals, quoted identifiers and comments with spaces; offsets are unchanged. */
export function maskLiterals(sql: string): string {
  let out = '';
  let i = 0;
  while (i < sql.length) {
    const ch = sql[i] as string;
    const next = sql[i + 1];
    if (ch === "'" || ch === '"' || ch === '`') {
      const end = quotedEnd(sql, i, ch);
      out += ch + ' '.repeat(Math.max(0, end - i - 2)) + (end - i >= 2 ? ch : '');
      i = end;
    } else if (ch === '-' && next === '-') {
      const end = lineEnd(sql, i);
      out += ' '.repeat(end - i);
      i = end;
    } else if (ch === '/' && next === '*') {
      const close = sql.indexOf('*/', i + 2);
      const end = close === -1 ? sql.length : close + 2;
      out += ' '.repeat(end - i);
      i = end;
    } else {
      out += ch;
      i += 1;
    }
  }
  return out;
}

/** Index just past the closing quote (backslash escapes and doubled quotes both stay inside). */
function quotedEnd(sql: string, start: number, quote: string): number {
  let i = start + 1;
  while (i < sql.length) {
    const ch = sql[i];
    if (ch === '\\') i += 2;
    else if (ch === quote && sql[i + 1] === quote) i += 2;
    else if (ch === quote) return i + 1;
    else i += 1;
  }
  return sql.length;
}

function lineEnd(sql: string, start: number): number {
  const nl = sql.indexOf('\n', start);
  return nl === -1 ? sql.length : nl;
}

/** The statement's first keyword in upper case (`SELECT`, `INSERT`, `CREATE`, …), '' when there is none. */
export function statementKind(sql: string): string {
  const match = /^[\s(]*([A-Za-z]+)/.exec(maskLiterals(sql));
  return match?.[1]?.toUpperCase() ?? '';
}

// Statements that only read and produce a result set: these are streamed and allowed over GET.
const READ_KINDS = new Set(['SELECT', 'WITH', 'SHOW', 'DESCRIBE', 'DESC', 'EXISTS', 'EXPLAIN']);

export function isReadStatement(kind: string): boolean {
  return READ_KINDS.has(kind);
}

/** Statements that change session state (settings, current database) rather than data. */
export function changesSessionState(kind: string): boolean {
  return kind === 'SET' || kind === 'USE';
}

/** True when a `;` is followed by another statement; ClickHouse's HTTP interface runs one statement per request. */
export function hasSeveralStatements(sql: string): boolean {
  return /;\s*\S/.test(maskLiterals(sql));
}

/** The output format named by a trailing `FORMAT <name>` clause, if any. */
export function trailingFormat(sql: string): string | undefined {
  return /\bFORMAT\s+([A-Za-z][A-Za-z0-9_]*)[\s;]*$/i.exec(maskLiterals(sql))?.[1];
}

/** `{name:Type}` placeholders of the query, name → type text. */
export function placeholderTypes(sql: string): Map<string, string> {
  const masked = maskLiterals(sql);
  const types = new Map<string, string>();
  const pattern = /\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*:([^{}]+)\}/g;
  for (let match = pattern.exec(masked); match; match = pattern.exec(masked)) {
    // The type may hold quoted text (Enum8('a' = 1), DateTime('UTC')): read it from the unmasked query.
    const typeStart = match.index + match[0].indexOf(':') + 1;
    const typeEnd = match.index + match[0].length - 1;
    types.set(match[1] as string, sql.slice(typeStart, typeEnd).trim());
  }
  return types;
}

export interface InsertTarget {
  table: string;
  columns?: string[];
  format: string;
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)?$/;
const INSERT_FORMAT =
  /^\s*INSERT\s+INTO\s+(?:TABLE\s+)?([A-Za-z_][A-Za-z0-9_.]*)\s*(?:\(([^()]*)\))?\s*FORMAT\s+([A-Za-z][A-Za-z0-9_]*)[\s;]*$/i;

/**
 * Parses `INSERT INTO [db.]table [(c1, c2)] FORMAT Name` — the statement `@clickhouse/client` puts in the URL
 * while the rows travel in the body. Returns undefined for anything else (quoted names, `* EXCEPT (…)`, SETTINGS,
 * VALUES, INSERT … SELECT), which then runs as ordinary SQL with the body appended.
 */
export function parseInsertTarget(sql: string): InsertTarget | undefined {
  const match = INSERT_FORMAT.exec(maskLiterals(sql));
  if (!match) return undefined;
  const table = match[1] as string;
  if (!IDENTIFIER.test(table)) return undefined;
  const format = match[3] as string;
  if (match[2] === undefined) return { table, format };
  const columns = match[2].split(',').map((column) => column.trim());
  if (columns.length === 0 || !columns.every((column) => IDENTIFIER.test(column))) return undefined;
  return { table, columns, format };
}
