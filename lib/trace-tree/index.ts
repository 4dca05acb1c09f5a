export type {
  GroupRow,
  Row,
  Rollup,
  SiblingGroup,
  SiblingGroups,
  SpanRow,
  TraceNode,
  TraceTree,
} from './types';
export { buildTree, compareNodes } from './build-tree';
export { emptyRollup, nanoToUsd, usdToNano } from './rollup';
export { HTTP_STATUS_KEYS, isErrorSpan } from './errors';
export {
  hashString,
  modelLabel,
  normaliseArguments,
  repeatSignature,
  TOOL_ARGUMENT_KEYS,
  toolArguments,
  toolLabel,
} from './signature';
export {
  DEFAULT_GROUP_MIN_COUNT,
  DEFAULT_MODEL_GROUP_MIN_COUNT,
  groupRepeatedSiblings,
  NO_GROUPS,
  ROOT_PARENT_KEY,
  type GroupOptions,
} from './sibling-groups';
export { flattenTree, type FlattenOptions } from './flatten';
export { filterTree, focusSubtree, type FilterResult, type TreeFilter } from './filter';
export { firstChildRow, nextRow, parentRow, prevRow, rowIndexOf } from './navigation';
export { DEFAULT_MIN_BAR_PX, waterfallGeometry, type Nanos, type WaterfallBox } from './waterfall';
export {
  agentGraph,
  type AgentGraph,
  type AgentGraphEdge,
  type AgentGraphNode,
  type AgentHandoff,
  type AgentWork,
} from './agent-graph';
export { windowRows, type RowWindow } from './window-rows';
export { spanDurationNs, spanStartNs } from './time';
