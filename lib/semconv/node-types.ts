/**
 * Operation name → node type, and the label shown for each node type. One table, used by the normaliser
 * (to type spans) and by the UI (to label them), so that the two never disagree.
 */
import type { NodeType } from '@/lib/span/types';

export interface OperationRow {
  operation: string;
  nodeType: NodeType;
  /** The convention or instrumentation that uses this operation name. */
  source: string;
}

export const OPERATION_NODE_TYPE_TABLE: readonly OperationRow[] = [
  { operation: 'chat', nodeType: 'llm', source: 'OTel GenAI' },
  { operation: 'text_completion', nodeType: 'llm', source: 'OTel GenAI' },
  { operation: 'generate_content', nodeType: 'llm', source: 'OTel GenAI' },
  { operation: 'generate', nodeType: 'llm', source: 'pre-enum instrumentations' },
  { operation: 'completion', nodeType: 'llm', source: 'pre-enum instrumentations' },
  // A stored response fetched again: typed as a model call, but its tokens are never counted (see usage rules).
  { operation: 'fetch_response', nodeType: 'llm', source: 'OTel GenAI (semconv-genai)' },
  { operation: 'embeddings', nodeType: 'embedding', source: 'OTel GenAI' },
  { operation: 'retrieval', nodeType: 'retrieval', source: 'OTel GenAI' },
  { operation: 'rerank', nodeType: 'rerank', source: 'Vercel AI SDK v7' },
  { operation: 'execute_tool', nodeType: 'tool', source: 'OTel GenAI' },
  { operation: 'create_agent', nodeType: 'agent', source: 'OTel GenAI' },
  { operation: 'invoke_agent', nodeType: 'agent', source: 'OTel GenAI' },
  { operation: 'invoke_workflow', nodeType: 'workflow', source: 'OTel GenAI' },
  { operation: 'plan', nodeType: 'chain', source: 'OTel GenAI (semconv-genai)' },
  { operation: 'create_memory_store', nodeType: 'memory', source: 'OTel GenAI (semconv-genai)' },
  { operation: 'search_memory', nodeType: 'memory', source: 'OTel GenAI (semconv-genai)' },
  { operation: 'create_memory', nodeType: 'memory', source: 'OTel GenAI (semconv-genai)' },
  { operation: 'update_memory', nodeType: 'memory', source: 'OTel GenAI (semconv-genai)' },
  { operation: 'upsert_memory', nodeType: 'memory', source: 'OTel GenAI (semconv-genai)' },
  { operation: 'delete_memory', nodeType: 'memory', source: 'OTel GenAI (semconv-genai)' },
  { operation: 'delete_memory_store', nodeType: 'memory', source: 'OTel GenAI (semconv-genai)' },
  { operation: 'apply_guardrail', nodeType: 'guardrail', source: 'OTel GenAI (semconv-genai)' },
  { operation: 'run_guardrail', nodeType: 'guardrail', source: 'OTel GenAI security draft' },
  { operation: 'guardrail.run', nodeType: 'guardrail', source: 'OpenLLMetry-JS' },
  { operation: 'guard', nodeType: 'guardrail', source: 'OpenLLMetry-JS' },
];

export const OPERATION_NODE_TYPES: ReadonlyMap<string, NodeType> = new Map(
  OPERATION_NODE_TYPE_TABLE.map((row) => [row.operation, row.nodeType]),
);

/** Node type of a `gen_ai.operation.name` value; undefined for custom operations (the caller falls back). */
export function nodeTypeForOperation(operation: string): NodeType | undefined {
  return OPERATION_NODE_TYPES.get(operation) ?? OPERATION_NODE_TYPES.get(operation.toLowerCase());
}

export const NODE_TYPE_LABELS: Readonly<Record<NodeType, string>> = {
  agent: 'Agent',
  workflow: 'Workflow',
  llm: 'LLM',
  embedding: 'Embedding',
  retrieval: 'Retrieval',
  rerank: 'Rerank',
  tool: 'Tool',
  guardrail: 'Guardrail',
  evaluator: 'Evaluator',
  memory: 'Memory',
  chain: 'Chain',
  span: 'Span',
};
