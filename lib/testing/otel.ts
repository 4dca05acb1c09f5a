/**
 * The real OpenTelemetry SDK, exporting over OTLP/HTTP to a collector under test, for tests that must prove what
 * an instrumented application's spans become in Loupe.
 */
import { OTLPTraceExporter as JsonExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { OTLPTraceExporter as ProtobufExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BasicTracerProvider, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import type { Tracer } from '@opentelemetry/api';

export type OtlpProtocol = 'json' | 'protobuf';

export interface TestTracer {
  tracer: Tracer;
  /** Exports everything ended so far and shuts the provider down. */
  shutdown(): Promise<void>;
}

export function createTestTracer(options: {
  collectorUrl: string;
  protocol: OtlpProtocol;
  serviceName: string;
  headers?: Record<string, string>;
}): TestTracer {
  const config = { url: `${options.collectorUrl}/v1/traces`, headers: options.headers, timeoutMillis: 10_000 };
  const exporter = options.protocol === 'json' ? new JsonExporter(config) : new ProtobufExporter(config);
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ 'service.name': options.serviceName }),
    spanProcessors: [new SimpleSpanProcessor(exporter)],
  });
  return {
    tracer: provider.getTracer('loupe-tests', '1.0.0'),
    async shutdown() {
      await provider.forceFlush();
      await provider.shutdown();
    },
  };
}
