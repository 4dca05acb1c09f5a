/**
 * Translates `param_<name>` values from the HTTP request into values for chdb's server-side binding, so that the
 * engine sees the same meaning a real server would.
 *
 * A real server parses each value as its placeholder type from TSV-escaped text. chdb's `queryBindAsync` takes
 * JS values and re-encodes them: a string is TSV-escaped (`\` → `\\`, tab → `\t`, …), arrays/maps/tuples become
 * SQL literals. So for each raw value we look for the JS value whose encoding is that raw text:
 *  1. `\N` → null (chdb sends `\N`).
 *  2. Usually the raw text is exactly the TSV escaping of some string (only `\\ \0 \b \f \n \r \t` escapes):
 *     unescaping it gives a string chdb re-escapes to the same bytes — every type, byte for byte.
 *  3. Otherwise (`@clickhouse/client` escapes `'` as `\'`, which chdb never produces): for a scalar placeholder
 *     the engine would TSV-unescape it anyway, so we pass the fully unescaped string; for Array/Tuple/Map the
 *     literal is parsed into JS arrays/tuples/Maps, which chdb writes back as the equivalent literal.
 * Cost: linear in the value length; values are never interpolated into SQL.
 */
import { ClickHouseServerError } from './errors';
import { placeholderTypes } from './sql';

/** chdb recognises tuples by this class name (the shape `@clickhouse/client` uses for tuple parameters). */
class TupleParam {
  constructor(readonly values: unknown[]) {}
}

const SIMPLE_ESCAPES: Record<string, string> = { '\\': '\\', '0': '\0', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
const OTHER_ESCAPES: Record<string, string> = { a: '\x07', v: '\x0B', e: '\x1B' };

/** Values for `queryBindAsync`/`queryStreamBind` from the raw `param_*` texts of one query. */
export function bindValues(sql: string, raw: ReadonlyMap<string, string>): Record<string, unknown> {
  if (raw.size === 0) return {};
  const types = placeholderTypes(sql);
  const values: Record<string, unknown> = {};
  for (const [name, text] of raw) values[name] = decodeParam(text, types.get(name));
  return values;
}

export function decodeParam(raw: string, type: string | undefined): unknown {
  if (raw === '\\N') return null;
  const exact = exactUnescape(raw);
  if (exact !== undefined) return exact;
  if (type !== undefined && isComposite(type)) return parseLiteral(raw);
  return unescapeClickHouse(raw, 0, raw.length);
}

/** The string whose TSV escaping (as chdb does it) is `raw`, or undefined when there is none. */
function exactUnescape(raw: string): string | undefined {
  if (!raw.includes('\\')) return raw;
  let out = '';
  for (let i = 0; i < raw.length; i += 1) {
    const ch = raw[i] as string;
    if (ch !== '\\') {
      out += ch;
      continue;
    }
    const replacement = SIMPLE_ESCAPES[raw[i + 1] ?? ''];
    if (replacement === undefined) return undefined;
    out += replacement;
    i += 1;
  }
  return out;
}

function isComposite(type: string): boolean {
  const inner = type.replace(/^(?:(?:Nullable|LowCardinality)\s*\(\s*)+/i, '');
  return /^(Array|Tuple|Map|Nested)\s*\(/i.test(inner);
}

/** ClickHouse's escape rules (`\xHH`, `\'`, and an unknown `\c` meaning `c`) over raw[start, end). */
function unescapeClickHouse(raw: string, start: number, end: number): string {
  let out = '';
  for (let i = start; i < end; i += 1) {
    const ch = raw[i] as string;
    if (ch !== '\\' || i + 1 >= end) {
      out += ch;
      continue;
    }
    const next = raw[i + 1] as string;
    if (next === 'x' && /^[0-9A-Fa-f]{2}$/.test(raw.slice(i + 2, i + 4))) {
      out += String.fromCharCode(parseInt(raw.slice(i + 2, i + 4), 16));
      i += 3;
    } else {
      out += SIMPLE_ESCAPES[next] ?? OTHER_ESCAPES[next] ?? next;
      i += 1;
    }
  }
  return out;
}

/** Parses an Array/Tuple/Map literal as `@clickhouse/client` writes it into JS values chdb can re-encode. */
function parseLiteral(raw: string): unknown {
  const parser = new LiteralParser(raw);
  const value = parser.value();
  parser.skipSpace();
  if (!parser.done()) throw parser.fail('unexpected text after the value');
  return value;
}

class LiteralParser {
  private pos = 0;
  constructor(private readonly text: string) {}

  done(): boolean {
    return this.pos >= this.text.length;
  }

  skipSpace(): void {
    while (/\s/.test(this.text[this.pos] ?? '')) this.pos += 1;
  }

  fail(reason: string): ClickHouseServerError {
    return ClickHouseServerError.of(
      'BAD_QUERY_PARAMETER',
      `Cannot parse query parameter value ${JSON.stringify(this.text)}: ${reason} at position ${this.pos}`,
    );
  }

  value(): unknown {
    this.skipSpace();
    const ch = this.text[this.pos];
    if (ch === "'") return this.quoted();
    if (ch === '[') return this.sequence(']');
    if (ch === '(') return new TupleParam(this.sequence(')'));
    if (ch === '{') return this.map();
    return this.bareword();
  }

  private quoted(): string {
    const start = this.pos + 1;
    let i = start;
    while (i < this.text.length && this.text[i] !== "'") i += this.text[i] === '\\' ? 2 : 1;
    if (i >= this.text.length) throw this.fail('unterminated string');
    this.pos = i + 1;
    return unescapeClickHouse(this.text, start, i);
  }

  private sequence(close: string): unknown[] {
    this.pos += 1;
    const items: unknown[] = [];
    this.skipSpace();
    if (this.text[this.pos] === close) {
      this.pos += 1;
      return items;
    }
    for (;;) {
      items.push(this.value());
      this.skipSpace();
      const ch = this.text[this.pos];
      this.pos += 1;
      if (ch === close) return items;
      if (ch !== ',') throw this.fail(`expected ',' or '${close}'`);
    }
  }

  private map(): Map<unknown, unknown> {
    this.pos += 1;
    const entries = new Map<unknown, unknown>();
    this.skipSpace();
    if (this.text[this.pos] === '}') {
      this.pos += 1;
      return entries;
    }
    for (;;) {
      const key = this.value();
      this.skipSpace();
      if (this.text[this.pos] !== ':') throw this.fail("expected ':'");
      this.pos += 1;
      entries.set(key, this.value());
      this.skipSpace();
      const ch = this.text[this.pos];
      this.pos += 1;
      if (ch === '}') return entries;
      if (ch !== ',') throw this.fail("expected ',' or '}'");
    }
  }

  private bareword(): unknown {
    const match = /^[^\s,\])}:]+/.exec(this.text.slice(this.pos));
    if (!match) throw this.fail('expected a value');
    this.pos += match[0].length;
    const word = match[0];
    const upper = word.toUpperCase();
    if (upper === 'NULL') return null;
    if (upper === 'TRUE' || upper === 'FALSE') return upper === 'TRUE';
    if (/^[-+]?\d+$/.test(word)) {
      const big = BigInt(word);
      return big >= BigInt(Number.MIN_SAFE_INTEGER) && big <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(big) : big;
    }
    const number = Number(word);
    // chdb refuses NaN and infinities inside composite values; only reachable together with an escaped quote.
    if (!Number.isFinite(number)) throw this.fail(`unsupported value '${word}'`);
    return number;
  }
}
