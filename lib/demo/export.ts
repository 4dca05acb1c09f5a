/**
 * Sends finished spans with the official OTLP/HTTP exporters (JSON or protobuf) and turns a failed export into
 * an error. The exporters report failure only through their result callback; without this wrapper a demo run
 * against a dead or rejecting collector would look like success while storing nothing.
 */
import { ExportResultCode, type ExportResult } from '@opentelemetry/core';
import { OTLPTraceExporter as JsonTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { OTLPTraceExporter as ProtobufTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import type { Encoding } from './types';

export class DemoExportError extends Error {
  override name = 'DemoExportError';
}

export interface ExportTarget {
  /** Full URL of the traces endpoint, e.g. http://127.0.0.1:4318/v1/traces. */
  url: string;
  encoding: Encoding;
  /** Names the spans in error messages, e.g. `tool-loop (order-support-bot)`. */
  label: string;
  /** Per export, retries included; the exporter's own default is 10 s. */
  timeoutMillis?: number;
}

export async function exportSpans(spans: ReadableSpan[], target: ExportTarget): Promise<void> {
  // keepAlive off: one request per export, and no idle socket keeps a test's receiver (or the CLI) from closing.
  const options = { url: target.url, timeoutMillis: target.timeoutMillis ?? 10_000, keepAlive: false };
  const exporter = target.encoding === 'json' ? new JsonTraceExporter(options) : new ProtobufTraceExporter(options);
  try {
    const result = await new Promise<ExportResult>((resolve) => exporter.export(spans, resolve));
    if (result.code !== ExportResultCode.SUCCESS) {
      const reason = describe(result.error);
      throw new DemoExportError(`exporting ${spans.length} spans of ${target.label} to ${target.url} failed: ${reason}`, {
        cause: result.error,
      });
    }
  } finally {
    await exporter.shutdown();
  }
}

/** The exporter's errors carry the HTTP status in `code` and the response body in `data`. */
function describe(error: Error | undefined): string {
  if (!error) return 'unknown error';
  const { code, data } = error as Error & { code?: unknown; data?: unknown };
  const status = typeof code === 'number' ? `HTTP ${code} ` : '';
  const body = typeof data === 'string' && data ? ` (${data.slice(0, 200)})` : '';
  return `${status}${error.message}${body}`;
}
