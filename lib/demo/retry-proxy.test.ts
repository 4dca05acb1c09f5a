import { ExportResultCode, type ExportResult } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { afterEach, describe, expect, it } from 'vitest';
import { startLoopbackReceiver, type LoopbackReceiver } from './loopback-receiver';
import { startRetryProxy, type RetryProxy } from './retry-proxy';

let receiver: LoopbackReceiver | undefined;
let proxy: RetryProxy | undefined;

afterEach(async () => {
  await proxy?.close();
  await receiver?.close();
  proxy = receiver = undefined;
});

async function exportOneSpanTo(url: string): Promise<ExportResult> {
  const memory = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(memory)] });
  provider.getTracer('test').startSpan('chat gpt-4o').end();
  await provider.forceFlush();
  const exporter = new OTLPTraceExporter({ url, keepAlive: false, timeoutMillis: 10_000 });
  const result = await new Promise<ExportResult>((resolve) => exporter.export(memory.getFinishedSpans(), resolve));
  await exporter.shutdown();
  await provider.shutdown();
  return result;
}

describe('startRetryProxy', () => {
  it('makes the official exporter send the same request twice, both reaching the collector', async () => {
    receiver = await startLoopbackReceiver();
    proxy = await startRetryProxy(`${receiver.endpoint}/v1/traces`);

    const result = await exportOneSpanTo(proxy.url);

    expect(result.code).toBe(ExportResultCode.SUCCESS);
    expect(proxy.requestCount()).toBe(2);
    expect(receiver.requests).toHaveLength(2);
    expect(receiver.requests.map((request) => request.path)).toEqual(['/v1/traces', '/v1/traces']);
    expect(receiver.requests[1]?.body.equals(receiver.requests[0]!.body)).toBe(true);
  });

  it('passes a collector rejection through, so the exporter fails instead of retrying', async () => {
    receiver = await startLoopbackReceiver(() => 400);
    proxy = await startRetryProxy(`${receiver.endpoint}/v1/traces`);

    const result = await exportOneSpanTo(proxy.url);

    expect(result.code).toBe(ExportResultCode.FAILED);
    expect(proxy.requestCount()).toBe(1);
    expect(receiver.requests).toHaveLength(1);
  });
});
