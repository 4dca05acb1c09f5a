import {
  Bot,
  Boxes,
  BrainCircuit,
  Database,
  FileSearch,
  Gauge,
  Link2,
  ListOrdered,
  ShieldCheck,
  Sparkles,
  Workflow,
  Wrench,
  type LucideIcon,
} from 'lucide-react';
import { NODE_TYPE_STYLE } from '@/lib/ui/node-types';
import type { NodeType } from '@/lib/span/types';

const ICONS: Record<NodeType, LucideIcon> = {
  agent: Bot,
  workflow: Workflow,
  llm: Sparkles,
  embedding: BrainCircuit,
  retrieval: FileSearch,
  rerank: ListOrdered,
  tool: Wrench,
  guardrail: ShieldCheck,
  evaluator: Gauge,
  memory: Database,
  chain: Link2,
  span: Boxes,
};

/** The icon of a node type in its colour, labelled for screen readers and on hover. */
export function NodeTypeIcon({ type, size = 14 }: { type: NodeType; size?: number }) {
  const Icon = ICONS[type];
  const style = NODE_TYPE_STYLE[type];
  return (
    <span
      className="inline-flex shrink-0 items-center justify-center rounded"
      style={{ color: style.color, backgroundColor: style.background, width: size + 6, height: size + 6 }}
      title={style.label}
      aria-label={style.label}
      role="img"
      data-node-type={type}
    >
      <Icon size={size} strokeWidth={2} aria-hidden />
    </span>
  );
}
