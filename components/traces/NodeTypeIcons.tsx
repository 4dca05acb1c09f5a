import { NodeTypeIcon } from '@/components/NodeTypeIcon';
import { NODE_TYPES, type NodeType } from '@/lib/span/types';
import { splitList, visibleNodeTypes } from '@/lib/traces-view/row-model';
import { NODE_TYPE_STYLE } from '@/lib/ui/node-types';

/** As many icons as the list's "Contains" column holds. */
const MAX_ICONS = 6;

const isNodeType = (value: string): value is NodeType => (NODE_TYPES as readonly string[]).includes(value);

/** One icon per kind of step the run contains; `nodeTypes` is an ordered list joined by `joinList`. */
export function NodeTypeIcons({ nodeTypes }: { nodeTypes: string }) {
  const types = splitList(nodeTypes).filter(isNodeType);
  const { shown, hidden } = visibleNodeTypes(types, MAX_ICONS);
  const all = types.map((type) => NODE_TYPE_STYLE[type].label).join(', ');
  return (
    <span role="group" className="flex items-center gap-px" aria-label={`Contains: ${all}`}>
      {shown.map((type) => (
        <NodeTypeIcon key={type} type={type} size={11} />
      ))}
      {hidden > 0 && <span className="ml-0.5 text-xs text-faint">+{hidden}</span>}
    </span>
  );
}
