/**
 * What OpenInference framework instrumentations say only inside JSON-string attributes, read after the tables:
 *
 * - `llm.invocation_parameters.model` is the model the caller asked for. OpenAI's instrumentation sets
 *   `llm.model_name` to the model that answered (a dated snapshot) and sends no `llm.request.model_name`, so
 *   without this the request model would show the snapshot instead of the alias the code names.
 * - LangGraph (through the LangChain instrumentation) reports every graph node as a CHAIN span named after the
 *   node, with `metadata.langgraph_node` equal to that name; child runs inherit the metadata but have their own
 *   names. Nodes are the units a graph hands work between (supervisor → researcher → writer), so a node span is
 *   typed `agent` and named after its node; the graph's own run (LangGraph metadata without a node) is the
 *   `workflow`. LangGraph's bookkeeping nodes (`__start__`, `__end__`) stay chains.
 * - LangChain model runs carry no `llm.provider`/`llm.system`; LangChain's own `metadata.ls_provider` names it.
 * JSON is parsed only when a cheap substring test says the fields are there.
 */
import type { AttributeValue } from '@/lib/otlp/types';
import type { ExtractContext } from './convention';
import { normaliseProvider } from './providers';

const LANGGRAPH_BOOKKEEPING: ReadonlySet<string> = new Set(['__start__', '__end__']);

function parseObject(v: AttributeValue | undefined, marker: string): Record<string, unknown> | null {
  if (typeof v !== 'string' || !v.includes(marker)) return null;
  try {
    const parsed: unknown = JSON.parse(v);
    return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : null;
  } catch {
    // Not JSON after all: the attribute stays as sent and nothing is inferred from it.
    return null;
  }
}

function requestModelFromInvocation({ attrs, out }: ExtractContext): void {
  if (attrs['llm.request.model_name'] !== undefined || attrs['gen_ai.request.model'] !== undefined) return;
  const params = parseObject(attrs['llm.invocation_parameters'], '"model"');
  const model = params?.model;
  if (typeof model === 'string' && model !== '') out.requestModel = model;
}

function fromLangChainMetadata({ span, out }: ExtractContext, metadata: Record<string, unknown>): void {
  const provider = metadata.ls_provider;
  if (out.provider === '' && typeof provider === 'string' && provider !== '') out.provider = normaliseProvider(provider);
  if (out.nodeType !== 'chain') return;
  const node = metadata.langgraph_node;
  if (typeof node === 'string') {
    if (node !== span.name || LANGGRAPH_BOOKKEEPING.has(node)) return;
    out.nodeType = 'agent';
    if (out.agentName === '') out.agentName = node;
    return;
  }
  if (metadata.ls_integration === 'langgraph') out.nodeType = 'workflow';
}

export function refineOpenInference(ctx: ExtractContext): void {
  if (ctx.attrs['openinference.span.kind'] === undefined) return;
  requestModelFromInvocation(ctx);
  const metadata = parseObject(ctx.attrs['metadata'], '"l');
  if (metadata !== null) fromLangChainMetadata(ctx, metadata);
}
