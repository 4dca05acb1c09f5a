/**
 * Small runs for the rules' table tests, drawn as text with the trace tree's fixture syntax (see
 * `lib/trace-tree/test-fixtures.ts`), plus the few fields that syntax has no key for.
 */
import type { ApiSpan } from '@/lib/span/api-types';
import { spansFromText } from '@/lib/trace-tree/test-fixtures';
import { prepareTrace, type PreparedTrace } from '../prepare';
import type { DetectorTrace } from '../types';
import { summariseTrace } from './to-detector-trace';

export type SpanPatch = Partial<ApiSpan>;

/** A drawn run with per-span patches (by span id) applied, as the detectors receive it. */
export function traceFrom(text: string, patches: Record<string, SpanPatch> = {}): DetectorTrace {
  const spans = spansFromText(text).map((span) => ({ ...span, ...patches[span.spanId] }));
  const unknown = Object.keys(patches).filter((id) => !spans.some((span) => span.spanId === id));
  if (unknown.length > 0) throw new Error(`patches for spans not in the drawing: ${unknown.join(', ')}`);
  return { trace: summariseTrace(spans), spans };
}

export function runFrom(text: string, patches: Record<string, SpanPatch> = {}): PreparedTrace {
  return prepareTrace(traceFrom(text, patches));
}

/** `n` lines of drawing, one per index, each indented by `indent` levels. */
export function lines(n: number, indent: number, line: (i: number) => string): string {
  return Array.from({ length: n }, (_, i) => `${'  '.repeat(indent)}${line(i)}`).join('\n');
}
