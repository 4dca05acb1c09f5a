/**
 * Turns a planned run into real SDK spans: one tracer provider per service (its own `service.name` resource and
 * seeded id generator), spans started and ended at explicit times (run start + planned offsets), parents passed
 * as explicit contexts so no global context manager is involved. A child marked `remote` is sent over HTTP to an
 * in-process loopback service with W3C trace context, as a real hand-off between processes would be.
 * Ended spans are kept in memory per service, to be exported afterwards with the OTLP exporters.
 */
import { ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, type Context, type HrTime, type Tracer } from '@opentelemetry/api';
import { defaultResource, resourceFromAttributes } from '@opentelemetry/resources';
import { InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { SeededIdGenerator } from './ids';
import { startRemoteService, type RemoteService } from './remote-service';
import type { Rng } from './rng';
import { PlanError } from './story';
import type { PlanSpanKind, PlannedSpan } from './types';

const KINDS: Record<PlanSpanKind, SpanKind> = {
  internal: SpanKind.INTERNAL,
  client: SpanKind.CLIENT,
  server: SpanKind.SERVER,
};

export const DEMO_SCOPE = { name: 'loupe-demo', version: '1.0.0' };

/** Epoch milliseconds (integers) to OpenTelemetry's [seconds, nanoseconds]. */
export function toHrTime(epochMs: number): HrTime {
  const ms = Math.round(epochMs);
  return [Math.floor(ms / 1000), (ms % 1000) * 1_000_000];
}

class ServiceTracers {
  private readonly services = new Map<string, { provider: NodeTracerProvider; memory: InMemorySpanExporter }>();

  constructor(private readonly rng: Rng) {}

  tracer(service: string): Tracer {
    let entry = this.services.get(service);
    if (!entry) {
      const memory = new InMemorySpanExporter();
      const provider = new NodeTracerProvider({
        resource: defaultResource().merge(
          resourceFromAttributes({
            'service.name': service,
            'service.version': '1.4.0',
            'deployment.environment.name': 'demo',
          }),
        ),
        idGenerator: new SeededIdGenerator(this.rng.fork(`ids/${service}`)),
        spanProcessors: [new SimpleSpanProcessor(memory)],
      });
      entry = { provider, memory };
      this.services.set(service, entry);
    }
    return entry.provider.getTracer(DEMO_SCOPE.name, DEMO_SCOPE.version);
  }

  /** Ended spans per service, in the order the services first emitted. */
  async collect(): Promise<Map<string, ReadableSpan[]>> {
    const out = new Map<string, ReadableSpan[]>();
    for (const [service, { provider, memory }] of this.services) {
      await provider.forceFlush();
      out.set(service, [...memory.getFinishedSpans()]);
    }
    return out;
  }

  async shutdown(): Promise<void> {
    await Promise.all([...this.services.values()].map(({ provider }) => provider.shutdown()));
  }
}

/** Emits every root of the plan starting at `runStartMs`; returns the ended spans per service. */
export async function emitPlan(roots: PlannedSpan[], runStartMs: number, rng: Rng): Promise<Map<string, ReadableSpan[]>> {
  const tracers = new ServiceTracers(rng);
  let remote: RemoteService | null = null;

  const emit = async (node: PlannedSpan, parent: Context): Promise<void> => {
    const span = tracers.tracer(node.service).startSpan(
      node.name,
      { kind: KINDS[node.kind], startTime: toHrTime(runStartMs + node.startMs), attributes: node.attributes },
      parent,
    );
    for (const event of node.events) span.addEvent(event.name, event.attributes, toHrTime(runStartMs + event.atMs));
    const inside = trace.setSpan(parent, span);
    for (const child of node.children) {
      if (child.remote) {
        remote ??= await startRemoteService((task, remoteParent) => emit(task.span, remoteParent));
        await remote.call({ span: child }, inside);
      } else if (child.service !== node.service) {
        throw new PlanError(`"${child.name}" runs in ${child.service} under ${node.service} without a network hop`);
      } else {
        await emit(child, inside);
      }
    }
    if (node.status !== 'unset') {
      const code = node.status === 'ok' ? SpanStatusCode.OK : SpanStatusCode.ERROR;
      span.setStatus(node.statusMessage ? { code, message: node.statusMessage } : { code });
    }
    span.end(toHrTime(runStartMs + node.endMs));
  };

  try {
    for (const root of roots) await emit(root, ROOT_CONTEXT);
    return await tracers.collect();
  } finally {
    await (remote as RemoteService | null)?.close();
    await tracers.shutdown();
  }
}
