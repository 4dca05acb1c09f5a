/**
 * What every real-client test needs: a fresh database, a collector in front of it, a loopback recorder between
 * the OTLP exporter and the collector (it keeps the exact request bodies the SDK sent, for the fixtures), the
 * fake model server, and a tracer provider registered globally (instrumentations look their tracer up there,
 * and the async-hooks context manager makes their spans nest under the caller's).
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { context, propagation, trace } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { createTestDatabase, type TestDatabase } from '../../lib/testing/clickhouse';
import { startTestCollector, type TestCollector } from '../../lib/testing/collector';
import { startFakeOpenAIServer, type FakeOpenAIServer, type RecordedCall } from './fake-openai-server';

/** One OTLP/HTTP JSON export request as the SDK sent it. */
export type RecordedExport = Record<string, unknown>;

export interface OtlpFixture {
  /** The instrumentation (or SDK) that produced the spans, as package@version. */
  instrumentation: string;
  /** The client library it observed, as package@version. */
  client: string;
  requests: RecordedExport[];
}

export interface ClientHarness {
  db: TestDatabase;
  collector: TestCollector;
  model: FakeOpenAIServer;
  provider: NodeTracerProvider;
  /** Export bodies received so far, parsed. */
  exports: RecordedExport[];
  /** Exports every ended span and waits until the collector acknowledged (committed) them. */
  flush(): Promise<void>;
  /** Writes tests/fixtures/otlp/<name>.json when LOUPE_RECORD_FIXTURES=1; reports whether it did. */
  recordFixture(name: string, meta: Omit<OtlpFixture, 'requests'>): Promise<boolean>;
  close(): Promise<void>;
}

const FIXTURE_DIR = new URL('../fixtures/otlp/', import.meta.url);

/** Forwards each export to the collector and keeps the body; answers with the collector's own response. */
async function startRecorder(target: string, exports: RecordedExport[]): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const contentType = req.headers['content-type'] ?? 'application/json';
      if (contentType.includes('json')) exports.push(JSON.parse(body.toString('utf8')) as RecordedExport);
      fetch(`${target}${req.url ?? '/v1/traces'}`, { method: 'POST', headers: { 'content-type': contentType }, body })
        .then(async (response) => {
          res.writeHead(response.status, { 'content-type': response.headers.get('content-type') ?? contentType });
          res.end(Buffer.from(await response.arrayBuffer()));
        })
        .catch((error: unknown) => {
          res.writeHead(502, { 'content-type': 'text/plain' });
          res.end(String(error));
        });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

export async function startClientHarness(serviceName: string): Promise<ClientHarness> {
  const db = await createTestDatabase('clients');
  const collector = await startTestCollector(db);
  const model = await startFakeOpenAIServer();
  const exports: RecordedExport[] = [];
  const recorder = await startRecorder(collector.url, exports);
  const exporter = new OTLPTraceExporter({ url: `${recorder.url}/v1/traces`, timeoutMillis: 10_000 });
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ 'service.name': serviceName }),
    spanProcessors: [new BatchSpanProcessor(exporter, { scheduledDelayMillis: 50 })],
  });
  provider.register();

  return {
    db,
    collector,
    model,
    provider,
    exports,
    async flush() {
      await provider.forceFlush();
      // Spans are acknowledged once stored; trace summaries follow shortly after. Rebuild them now.
      await collector.flushDerived();
    },
    async recordFixture(name, meta) {
      if (process.env.LOUPE_RECORD_FIXTURES !== '1') return false;
      await mkdir(FIXTURE_DIR, { recursive: true });
      const fixture: OtlpFixture = { ...meta, requests: exports };
      await writeFile(new URL(`${name}.json`, FIXTURE_DIR), `${JSON.stringify(fixture, null, 2)}\n`);
      return true;
    },
    async close() {
      await provider.shutdown();
      trace.disable();
      context.disable();
      propagation.disable();
      await new Promise<void>((resolve) => {
        recorder.server.closeAllConnections();
        recorder.server.close(() => resolve());
      });
      await model.close();
      await collector.close();
      await db.drop();
    },
  };
}

/** package@version of an installed package, for the fixtures and the docs. */
export async function installedVersion(pkg: string): Promise<string> {
  const manifest = JSON.parse(await readFile(new URL(`../../node_modules/${pkg}/package.json`, import.meta.url), 'utf8')) as {
    version: string;
  };
  return `${pkg}@${manifest.version}`;
}

export interface UsageTotals {
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  reasoningTokens: number;
}

/** What the fake provider billed over the given calls: the totals a trace must show, no more, no less. */
export function billedUsage(calls: RecordedCall[]): UsageTotals {
  const totals = { inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, reasoningTokens: 0 };
  for (const { usage } of calls) {
    totals.inputTokens += usage.prompt_tokens;
    if ('completion_tokens' in usage) {
      totals.outputTokens += usage.completion_tokens;
      totals.cacheReadTokens += usage.prompt_tokens_details.cached_tokens;
      totals.reasoningTokens += usage.completion_tokens_details.reasoning_tokens;
    }
  }
  return totals;
}
