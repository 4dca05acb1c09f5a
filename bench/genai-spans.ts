/**
 * Realistic GenAI spans for benchmarks, recorded with the OpenTelemetry SDK: agent runs of one invoke_agent span,
 * model calls with usage and short messages, and tool calls — about 20 attributes per span.
 */
import { context, trace, SpanKind } from '@opentelemetry/api';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from '@opentelemetry/sdk-trace-base';

const MODELS = ['gpt-4o-2024-08-06', 'gpt-4o-mini', 'claude-3-5-sonnet-20241022'];
const TOOLS = ['search_web', 'get_weather', 'read_file', 'run_sql'];

/** Returns the spans grouped in export requests of `perRequest` spans. */
export function recordGenAiSpans(total: number, perRequest: number): ReadableSpan[][] {
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ 'service.name': 'bench-agent', 'service.version': '1.4.2', 'deployment.environment': 'prod' }),
    spanProcessors: [new SimpleSpanProcessor(exporter)],
  });
  const tracer = provider.getTracer('bench', '1.0.0');
  let made = 0;
  let run = 0;
  const base = Date.now() - 3_600_000;
  while (made < total) {
    run++;
    const t0 = base + run * 50;
    const root = tracer.startSpan('invoke_agent researcher', {
      kind: SpanKind.INTERNAL,
      startTime: t0,
      attributes: { 'gen_ai.operation.name': 'invoke_agent', 'gen_ai.agent.name': 'researcher', 'gen_ai.provider.name': 'openai', 'gen_ai.conversation.id': `conv-${run % 500}` },
    });
    const parent = trace.setSpan(context.active(), root);
    for (let step = 0; step < 19 && made < total - 1; step++, made++) {
      const start = t0 + step * 2;
      if (step % 2 === 0) {
        const model = MODELS[step % MODELS.length] ?? 'gpt-4o';
        const span = tracer.startSpan(`chat ${model}`, { kind: SpanKind.CLIENT, startTime: start, attributes: chatAttributes(model, run, step) }, parent);
        span.end(start + 1);
      } else {
        const tool = TOOLS[step % TOOLS.length] ?? 'search_web';
        const span = tracer.startSpan(`execute_tool ${tool}`, { startTime: start, attributes: toolAttributes(tool, run, step) }, parent);
        span.end(start + 1);
      }
    }
    root.end(t0 + 45);
    made++;
  }
  const spans = exporter.getFinishedSpans();
  const requests: ReadableSpan[][] = [];
  for (let i = 0; i < spans.length; i += perRequest) requests.push(spans.slice(i, i + perRequest));
  return requests;
}

function chatAttributes(model: string, run: number, step: number) {
  return {
    'gen_ai.operation.name': 'chat',
    'gen_ai.provider.name': model.startsWith('claude') ? 'anthropic' : 'openai',
    'gen_ai.request.model': model,
    'gen_ai.response.model': model,
    'gen_ai.request.temperature': 0.2,
    'gen_ai.request.max_tokens': 1024,
    'gen_ai.response.id': `resp_${run}_${step}`,
    'gen_ai.response.finish_reasons': ['stop'],
    'gen_ai.usage.input_tokens': 1200 + step * 40,
    'gen_ai.usage.output_tokens': 180 + step,
    'gen_ai.usage.cache_read.input_tokens': 1024,
    'gen_ai.conversation.id': `conv-${run % 500}`,
    'gen_ai.agent.name': 'researcher',
    'server.address': 'api.example.com',
    'server.port': 443,
    'gen_ai.input.messages': JSON.stringify([{ role: 'user', parts: [{ type: 'text', content: `Summarise finding ${step} of run ${run}.` }] }]),
    'gen_ai.output.messages': JSON.stringify([{ role: 'assistant', parts: [{ type: 'text', content: 'The finding says the cache hit rate doubled.' }], finish_reason: 'stop' }]),
    'gen_ai.system_instructions': JSON.stringify([{ type: 'text', content: 'You are a careful research assistant.' }]),
    'app.tenant': `tenant-${run % 7}`,
    'app.request_id': `req-${run}-${step}`,
  };
}

function toolAttributes(tool: string, run: number, step: number) {
  return {
    'gen_ai.operation.name': 'execute_tool',
    'gen_ai.tool.name': tool,
    'gen_ai.tool.call.id': `call_${run}_${step}`,
    'gen_ai.tool.type': 'function',
    'gen_ai.tool.call.arguments': JSON.stringify({ query: `topic ${step}`, limit: 5 }),
    'gen_ai.tool.call.result': JSON.stringify({ items: 3, ok: true }),
    'gen_ai.agent.name': 'researcher',
    'gen_ai.conversation.id': `conv-${run % 500}`,
    'http.response.status_code': 200,
    'app.tenant': `tenant-${run % 7}`,
    'app.request_id': `req-${run}-${step}`,
  };
}
