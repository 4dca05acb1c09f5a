/**
 * context_exhaustion: a model call whose input fills more than a share of the model's context window (from the
 * pricing catalog), or whose answer was cut off by a token limit (finish reason `length`, `max_tokens`,
 * `MAX_TOKENS`, `model_context_window_exceeded`). One finding per model, listing its calls in start order, so a
 * conversation that creeps towards the limit pages once, not once per call. O(model calls) catalog lookups.
 */
import type { ApiSpan } from '@/lib/span/api-types';
import { contextWindow } from '@/lib/pricing';
import { modelLabel, type TraceNode } from '@/lib/trace-tree';
import type { DetectorConfig } from './config';
import { formatPercent, formatTokens, plural } from './format';
import { byStart, makeFinding, type PreparedTrace } from './prepare';
import type { Finding } from './types';

/** Finish reasons that mean the output hit a token limit, compared lower-cased (providers spell them differently). */
export const TRUNCATION_FINISH_REASONS: ReadonlySet<string> = new Set(['length', 'max_tokens', 'model_context_window_exceeded']);

export function isTruncated(span: Pick<ApiSpan, 'finishReasons'>): boolean {
  return span.finishReasons.some((reason) => TRUNCATION_FINISH_REASONS.has(reason.toLowerCase()));
}

/** The context window of the model that answered, else of the one requested (a dated snapshot may be unlisted). */
export function modelContextWindow(span: Pick<ApiSpan, 'provider' | 'responseModel' | 'requestModel'>): number | null {
  const answered = span.responseModel !== '' ? contextWindow(span.provider, span.responseModel) : null;
  if (answered !== null) return answered;
  return span.requestModel !== '' ? contextWindow(span.provider, span.requestModel) : null;
}

interface Exhausted {
  node: TraceNode;
  window: number | null;
  share: number | null;
  truncated: boolean;
}

function assess(node: TraceNode, windowShare: number): Exhausted | null {
  const window = modelContextWindow(node.span);
  const share = window !== null && window > 0 ? node.ownTokens.inputTokens / window : null;
  const truncated = isTruncated(node.span);
  return truncated || (share !== null && share > windowShare) ? { node, window, share, truncated } : null;
}

export function detectContextExhaustion(run: PreparedTrace, rule: DetectorConfig['context_exhaustion']): Finding[] {
  const byModel = new Map<string, Exhausted[]>();
  for (const node of byStart(run.tree.preorder.filter((candidate) => candidate.span.nodeType === 'llm'))) {
    const hit = assess(node, rule.windowShare);
    if (!hit) continue;
    const model = modelLabel(node.span) || node.span.name;
    const list = byModel.get(model);
    if (list) list.push(hit);
    else byModel.set(model, [hit]);
  }
  const findings: Finding[] = [];
  for (const [model, hits] of byModel) {
    const peak = hits.reduce((best, hit) => ((hit.share ?? -1) > (best.share ?? -1) ? hit : best), hits[0]!);
    const truncated = hits.filter((hit) => hit.truncated);
    const full = hits.filter((hit) => hit.share !== null && hit.share > rule.windowShare);
    const window = peak.window;
    const fill =
      peak.share !== null && window !== null
        ? `${formatPercent(peak.share)} of its ${formatTokens(window)} context window`
        : 'an unknown share of its context window';
    const cut =
      truncated.length === 0 ? '' : truncated.length === 1 ? '; the answer was cut off' : `; ${truncated.length} answers were cut off`;
    const reasons = [...new Set(truncated.flatMap((hit) => hit.node.span.finishReasons))].join(', ');
    findings.push(
      makeFinding(run, {
        ruleId: 'context_exhaustion',
        severity: truncated.length > 0 ? 'critical' : 'warning',
        title: `${model} input filled ${fill}${cut}`,
        summary:
          `${plural(hits.length, 'call')} to ${model} ran out of room: ` +
          `${full.length > 0 ? `${plural(full.length, 'call')} sent more than ${formatPercent(rule.windowShare)} of the window (peak ${formatTokens(peak.node.ownTokens.inputTokens)} input tokens)` : 'no input was over the threshold'}` +
          `${truncated.length > 0 ? `, and ${plural(truncated.length, 'answer')} stopped at a token limit (finish reason ${reasons})` : ''}. ` +
          `Past this point the model forgets earlier turns or returns a truncated answer; trim or summarise the context.`,
        evidence: hits.map((hit) => hit.node.id),
        key: model,
        value: peak.share ?? 0,
        threshold: rule.windowShare,
      }),
    );
  }
  return findings;
}
