/**
 * The conventions in priority order, merged once at module load into flat per-field key lists, so that
 * normalising a span is a handful of property lookups per field and no table walking.
 * Priority: OTel GenAI (new names, then deprecated) → OpenInference → OpenLLMetry → Vercel AI SDK legacy.
 * Why this order: see README.md.
 */
import type { NodeType } from '@/lib/span/types';
import type {
  ConventionTable,
  ExtractContext,
  NodeTypeKeyRule,
  NodeTypePresenceRule,
  UsageRule,
} from './convention';
import { GENERIC_USAGE_RULES, OTEL_GENAI_TABLE } from './otel-genai-table';
import { OPENINFERENCE_TABLE } from './openinference-table';
import { OPENLLMETRY_TABLE } from './openllmetry-table';
import { VERCEL_AI_TABLE } from './vercel-ai-table';

export const CONVENTIONS: readonly ConventionTable[] = [
  OTEL_GENAI_TABLE,
  OPENINFERENCE_TABLE,
  OPENLLMETRY_TABLE,
  VERCEL_AI_TABLE,
];

export function merge<T>(pick: (t: ConventionTable) => readonly T[] | undefined): readonly T[] {
  return CONVENTIONS.flatMap((t) => pick(t) ?? []);
}

export const NODE_TYPE_KEYS: readonly NodeTypeKeyRule[] = merge((t) => t.nodeTypeKeys);
export const NODE_TYPE_FALLBACKS: readonly NodeTypePresenceRule[] = merge((t) => t.nodeTypeFallbacks);
export const SPAN_NAME_NODE_TYPES: ReadonlyMap<string, NodeType> = new Map(
  CONVENTIONS.flatMap((t) => [...t.spanNameNodeTypes]),
);
export const USAGE_RULES: readonly UsageRule[] = [...merge((t) => t.usageRules), ...GENERIC_USAGE_RULES];
export const EXTRACTORS: readonly ((ctx: ExtractContext) => void)[] = CONVENTIONS.flatMap((t) =>
  t.extract === undefined ? [] : [t.extract],
);
export const EVENT_CONTENT_KEYS: ReadonlyMap<string, ReadonlySet<string>> = (() => {
  const byEvent = new Map<string, Set<string>>();
  for (const table of CONVENTIONS) {
    for (const [event, keys] of table.eventContentKeys ?? []) {
      const set = byEvent.get(event) ?? new Set<string>();
      for (const key of keys) set.add(key);
      byEvent.set(event, set);
    }
  }
  return byEvent;
})();
