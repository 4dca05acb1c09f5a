/**
 * A span's attributes as a table someone can scan: grouped by namespace (`gen_ai`, `http`, …, with `gen_ai`
 * first because that is what a GenAI span is about), sorted by key, filtered by words that must all appear in
 * the key or the value, and JSON values parsed so they can be shown indented. O(n log n) in the attribute count.
 */
import { parseJsonString, prettyJson, type PrettyJson } from './pretty-json';

export interface AttributeRow {
  key: string;
  value: string;
  /** The value formatted, when it is a JSON object or array; null for plain values. */
  json: PrettyJson | null;
}

export interface AttributeGroup {
  namespace: string;
  rows: AttributeRow[];
}

export interface AttributeTable {
  groups: AttributeGroup[];
  total: number;
  shown: number;
}

const FIRST_NAMESPACES = ['gen_ai', 'error', 'exception'];
const NO_NAMESPACE = '(other)';

export function namespaceOf(key: string): string {
  const dot = key.indexOf('.');
  return dot > 0 ? key.slice(0, dot) : NO_NAMESPACE;
}

function namespaceRank(namespace: string): number {
  const index = FIRST_NAMESPACES.indexOf(namespace);
  if (index >= 0) return index;
  return namespace === NO_NAMESPACE ? FIRST_NAMESPACES.length + 1 : FIRST_NAMESPACES.length;
}

function matches(key: string, value: string, words: readonly string[]): boolean {
  const haystack = `${key}\u0000${value}`.toLowerCase();
  return words.every((word) => haystack.includes(word));
}

export function attributeTable(attributes: Readonly<Record<string, string>>, filter = ''): AttributeTable {
  const words = filter.toLowerCase().split(/\s+/).filter((word) => word !== '');
  const entries = Object.entries(attributes);
  const byNamespace = new Map<string, AttributeRow[]>();
  let shown = 0;
  for (const [key, value] of entries) {
    if (!matches(key, value, words)) continue;
    shown++;
    const parsed = parseJsonString(value);
    const row: AttributeRow = { key, value, json: parsed === undefined ? null : prettyJson(parsed) };
    const namespace = namespaceOf(key);
    const rows = byNamespace.get(namespace);
    if (rows) rows.push(row);
    else byNamespace.set(namespace, [row]);
  }
  const groups = [...byNamespace]
    .map(([namespace, rows]) => ({ namespace, rows: rows.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)) }))
    .sort((a, b) => namespaceRank(a.namespace) - namespaceRank(b.namespace) || (a.namespace < b.namespace ? -1 : 1));
  return { groups, total: entries.length, shown };
}
