/**
 * silent_failure: a tool or model call below the run's root failed, and the root still reports success (status
 * ok or unset, no error type). The user got an answer built on a failure nobody was told about. One pass over the
 * root's subtree (a pre-order index range). A run whose real root never arrived (only orphans) has no outcome to
 * contradict, so it is not judged; a root whose parent is in another, uninstrumented process still counts.
 */
import { toolLabel, modelLabel } from '@/lib/trace-tree';
import type { DetectorConfig } from './config';
import { listNames, plural } from './format';
import { byStart, callFailed, failureReason, isModelCall, makeFinding, subtreeNodes, type PreparedTrace } from './prepare';
import type { Finding } from './types';

export function detectSilentFailure(run: PreparedTrace, _rule: DetectorConfig['silent_failure']): Finding[] {
  const root = run.root;
  if (!root || (root.orphan && !root.span.parentIsRemote)) return [];
  if (root.span.statusCode === 'error' || root.span.errorType !== '') return [];
  const failed = byStart(
    subtreeNodes(run.tree, [root]).filter(
      (node) => node !== root && (node.span.nodeType === 'tool' || isModelCall(node.span)) && callFailed(node.span),
    ),
  );
  if (failed.length === 0) return [];
  const names = [...new Set(failed.map((node) => (node.span.nodeType === 'tool' ? toolLabel(node.span) : modelLabel(node.span) || node.span.name)))];
  const first = failed[0]!;
  const status = root.span.statusCode === 'ok' ? 'OK' : 'no error (status unset)';
  return [
    makeFinding(run, {
      ruleId: 'silent_failure',
      severity: 'critical',
      title: `${listNames(names)} failed (${failureReason(first.span)}) but the run reported success`,
      summary:
        `${plural(failed.length, 'call')} failed inside the run (${failed.map((node) => `${node.span.nodeType === 'tool' ? toolLabel(node.span) : modelLabel(node.span)}: ${failureReason(node.span)}`).slice(0, 4).join('; ')}` +
        `${failed.length > 4 ? '; …' : ''}), yet ${root.span.name} reported ${status}. ` +
        `Whatever the run answered was built without ${names.length === 1 && failed.length === 1 ? 'that result' : 'those results'}; ` +
        `the failure must reach the caller or be handled.`,
      evidence: [...failed.map((node) => node.id), root.id],
      key: 'run',
      value: failed.length,
      threshold: 1,
    }),
  ];
}
