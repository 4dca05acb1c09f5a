/** Convention tables → canonical Span. See README.md for the priority order. */
export { normalizeSpan } from './normalize';
export type { NormalizeInput } from './normalize';
export { flattenAttributeValue, flattenAttributes } from './values';
export {
  NODE_TYPE_LABELS,
  OPERATION_NODE_TYPE_TABLE,
  OPERATION_NODE_TYPES,
  nodeTypeForOperation,
} from './node-types';
export type { OperationRow } from './node-types';
export { normaliseProvider } from './providers';
export { mapGuardrailResult } from './guardrail';
export { isUsageAggregate } from './usage';
