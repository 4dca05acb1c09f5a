/**
 * Spans recorded by the official OpenTelemetry SDK, for decoding tests and the throughput measurement: the bodies
 * come from the same serializers exporters use, so decoding them checks us against the reference encoder.
 */
import {
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  createTraceState,
  trace,
  type HrTime,
  type Span,
  type Tracer,
} from '@opentelemetry/api';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
  type ReadableSpan,
} from '@opentelemetry/sdk-trace-base';

export const RESOURCE_ATTRIBUTES = {
  'service.name': 'support-agent',
  'service.version': '1.4.0',
  'host.cpu.count': 8,
  'loupe.canary': false,
};

export const REMOTE_PARENT = {
  traceId: '5b8efff798038103d269b633813fc60c',
  spanId: 'eee19b7ec3c1b173',
  traceState: 'vendor=abc',
};

export const LINKED = { traceId: 'a1b2c3d4e5f60718293a4b5c6d7e8f90', spanId: '0123456789abcdef' };

/** Nanoseconds of an HrTime, exact (the values exceed 2^53). */
export function hrToNanos([seconds, nanos]: HrTime): bigint {
  return BigInt(seconds) * 1_000_000_000n + BigInt(nanos);
}

function record(run: (tracer: Tracer) => void): ReadableSpan[] {
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes(RESOURCE_ATTRIBUTES),
    spanProcessors: [new SimpleSpanProcessor(exporter)],
  });
  run(provider.getTracer('loupe-fixture', '2.1.0'));
  return exporter.getFinishedSpans();
}

const T0 = 1_760_000_000;

/**
 * One agent run: a server root, an LLM call that fails with events, a tool call, a producer/consumer pair with a
 * link to another trace, and a span continuing a remote parent. Every attribute type the SDK accepts appears.
 */
export function recordAgentRun(): ReadableSpan[] {
  return record((tracer) => {
    const root = tracer.startSpan('invoke_agent planner', {
      kind: SpanKind.SERVER,
      startTime: [T0, 123_456_789],
      attributes: {
        'gen_ai.operation.name': 'invoke_agent',
        'gen_ai.agent.name': 'planner',
        'loupe.retry': true,
        'loupe.steps': 12,
        'loupe.offset': -7,
        'gen_ai.request.temperature': 0.25,
        'gen_ai.response.finish_reasons': ['stop', 'length'],
        'loupe.token_history': [512, 1024, 2048],
        'loupe.scores': [0.5, 0.75],
        'loupe.flags': [true, false],
        'loupe.empty': '',
      },
    });
    const ctx = trace.setSpan(ROOT_CONTEXT, root);
    const llm = tracer.startSpan('chat gpt-4o', { kind: SpanKind.CLIENT, startTime: [T0, 200_000_001] }, ctx);
    llm.setAttribute('gen_ai.request.model', 'gpt-4o');
    llm.setAttribute('gen_ai.usage.input_tokens', 1_200);
    llm.addEvent('gen_ai.choice', { index: 0, 'finish_reason': 'length', 'message.roles': ['assistant'] }, [T0, 900_000_009]);
    llm.addEvent('exception', { 'exception.type': 'RateLimitError', 'exception.message': 'slow down' }, [T0 + 1, 5]);
    llm.setStatus({ code: SpanStatusCode.ERROR, message: 'rate limited after 3 retries' });
    llm.end([T0 + 1, 999_999_999]);
    const tool = tracer.startSpan('execute_tool search', { kind: SpanKind.INTERNAL, startTime: [T0 + 2, 0] }, ctx);
    tool.setStatus({ code: SpanStatusCode.OK });
    tool.end([T0 + 2, 1]);
    const producer = tracer.startSpan('enqueue review', { kind: SpanKind.PRODUCER, startTime: [T0 + 3, 0] }, ctx);
    producer.end([T0 + 3, 500]);
    const consumer = tracer.startSpan('review handoff', {
      kind: SpanKind.CONSUMER,
      startTime: [T0 + 4, 0],
      links: [
        {
          context: { ...LINKED, traceFlags: 1, isRemote: true, traceState: createTraceState('k=v') },
          attributes: { 'loupe.handoff': 'reviewer', 'loupe.attempt': 2 },
        },
      ],
    }, ctx);
    consumer.end([T0 + 4, 750]);
    root.end([T0 + 5, 0]);

    const remote = trace.setSpanContext(ROOT_CONTEXT, {
      traceId: REMOTE_PARENT.traceId,
      spanId: REMOTE_PARENT.spanId,
      traceFlags: 1,
      isRemote: true,
      traceState: createTraceState(REMOTE_PARENT.traceState),
    });
    const continued = tracer.startSpan('handle callback', { kind: SpanKind.SERVER, startTime: [T0 + 6, 42] }, remote);
    continued.end([T0 + 6, 4_200]);
  });
}

const SMALL_MESSAGES = JSON.stringify([
  { role: 'system', parts: [{ type: 'text', content: 'You are a support agent. Answer briefly.' }] },
  { role: 'user', parts: [{ type: 'text', content: 'Where is my order #4411?' }] },
]);
const SMALL_OUTPUT = JSON.stringify([
  { role: 'assistant', parts: [{ type: 'text', content: 'It shipped yesterday and arrives Friday.' }], finish_reason: 'stop' },
]);

/** `count` realistic GenAI model-call spans of about 20 attributes each, with small message content. */
export function recordGenAiSpans(count: number): ReadableSpan[] {
  return record((tracer) => {
    let root: Span | undefined;
    let parent = ROOT_CONTEXT;
    for (let i = 0; i < count; i++) {
      // A new trace every 50 spans, like agent runs of 50 steps.
      if (i % 50 === 0) {
        root?.end();
        root = tracer.startSpan('invoke_agent support', { kind: SpanKind.INTERNAL });
        parent = trace.setSpan(ROOT_CONTEXT, root);
      }
      const span = tracer.startSpan('chat gpt-4o-mini', {
        kind: SpanKind.CLIENT,
        attributes: {
          'gen_ai.operation.name': 'chat',
          'gen_ai.provider.name': 'openai',
          'gen_ai.request.model': 'gpt-4o-mini',
          'gen_ai.response.model': 'gpt-4o-mini-2024-07-18',
          'gen_ai.response.id': `chatcmpl-${i.toString(36).padStart(8, '0')}`,
          'gen_ai.request.temperature': 0.2,
          'gen_ai.request.max_tokens': 512,
          'gen_ai.request.top_p': 0.9,
          'gen_ai.usage.input_tokens': 800 + (i % 200),
          'gen_ai.usage.output_tokens': 60 + (i % 40),
          'gen_ai.usage.cache_read.input_tokens': 512,
          'gen_ai.response.finish_reasons': ['stop'],
          'gen_ai.conversation.id': `conv-${Math.floor(i / 50)}`,
          'gen_ai.agent.name': 'support',
          'gen_ai.input.messages': SMALL_MESSAGES,
          'gen_ai.output.messages': SMALL_OUTPUT,
          'server.address': 'api.openai.com',
          'server.port': 443,
          'http.response.status_code': 200,
          'loupe.streamed': false,
        },
      }, parent);
      span.end();
    }
    root?.end();
  });
}
