/**
 * Flattened lists (`llm.input_messages.0.message.role`, `gen_ai.prompt.1.content`) regrouped by index.
 * One pass over the keys with startsWith and a digit scan, no regex; indexes are sorted numerically so that
 * message 10 follows message 9. Cost: O(keys) plus the sort of the distinct indexes.
 */
import type { AttributeValue } from '@/lib/otlp/types';

export interface IndexedEntry {
  index: number;
  /** The rest of each key after `<prefix><N>.`, e.g. `message.role`. */
  fields: Record<string, AttributeValue>;
}

export function collectIndexed(attrs: Readonly<Record<string, AttributeValue>>, prefix: string): IndexedEntry[] {
  const byIndex = new Map<number, Record<string, AttributeValue>>();
  for (const key in attrs) {
    if (!key.startsWith(prefix)) continue;
    let i = prefix.length;
    let index = 0;
    while (i < key.length) {
      const c = key.charCodeAt(i);
      if (c < 48 || c > 57) break;
      index = index * 10 + (c - 48);
      i++;
    }
    // The segment after the prefix must be all digits and followed by `.`: `gen_ai.prompt.name` is not a message.
    if (i === prefix.length || key.charCodeAt(i) !== 46 /* . */) continue;
    let fields = byIndex.get(index);
    if (fields === undefined) {
      fields = {};
      byIndex.set(index, fields);
    }
    fields[key.slice(i + 1)] = attrs[key] as AttributeValue;
  }
  return [...byIndex].sort((a, b) => a[0] - b[0]).map(([index, fields]) => ({ index, fields }));
}
