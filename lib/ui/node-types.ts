/**
 * How each node type looks: label and colours, one table for the tree, the trace list and the legends.
 * Colours are chosen so that neighbouring types stay distinguishable and none reuses the error red.
 */
import type { NodeType } from '../span/types';

export interface NodeTypeStyle {
  label: string;
  color: string;
  background: string;
}

export const NODE_TYPE_STYLE: Readonly<Record<NodeType, NodeTypeStyle>> = {
  agent: { label: 'Agent', color: '#6d28d9', background: '#f1ebfd' },
  workflow: { label: 'Workflow', color: '#334155', background: '#eef1f5' },
  llm: { label: 'LLM call', color: '#2457c5', background: '#e8eefb' },
  embedding: { label: 'Embedding', color: '#0e7490', background: '#e3f5f8' },
  retrieval: { label: 'Retrieval', color: '#a15c00', background: '#fdf1df' },
  rerank: { label: 'Rerank', color: '#9a3412', background: '#fcece3' },
  tool: { label: 'Tool call', color: '#1f7a4d', background: '#e6f4ec' },
  guardrail: { label: 'Guardrail', color: '#be185d', background: '#fbe9f2' },
  evaluator: { label: 'Evaluator', color: '#4d7c0f', background: '#eef6e1' },
  memory: { label: 'Memory', color: '#475569', background: '#eef1f5' },
  chain: { label: 'Chain', color: '#475569', background: '#f1f3f6' },
  span: { label: 'Span', color: '#64748b', background: '#f1f3f6' },
};
