/**
 * bench/detectors: what running every per-trace detector costs, per 1,000 spans, against the collector's own CPU
 * work on the same spans (protobuf decode + normalise + price), measured in one run on one core.
 *
 *   npx tsx bench/detectors.ts [--seeds 8] [--min-seconds 2]
 *
 * The traces are the demo scenarios (tool loops, retry storms, ping-pong, a 112-span cost explosion, …), emitted
 * with the OpenTelemetry SDK for several seeds and serialised by the official OTLP protobuf serializer, one
 * request per trace. Ingest is timed on those bodies; the detectors on the same spans as API spans (what the
 * runner hands them), including the tree build each detectTrace call does.
 */
import { cpus, totalmem } from 'node:os';
import { parseArgs } from 'node:util';
import { ProtobufTraceSerializer } from '@opentelemetry/otlp-transformer';
import { toCanonicalSpans } from '../collector/ingest';
import { emitScenario, SCENARIOS } from '../lib/demo';
import { startLoopbackReceiver } from '../lib/demo/loopback-receiver';
import { detectTrace } from '../lib/detectors';
import { otlpBodiesToApiSpans, toDetectorTraces } from '../lib/detectors/testing/to-detector-trace';
import type { DetectorTrace } from '../lib/detectors';
import { decodeExportRequest } from '../lib/otlp';

const { values: args } = parseArgs({
  options: { seeds: { type: 'string', default: '8' }, 'min-seconds': { type: 'string', default: '2' } },
});
const seeds = Number(args.seeds);
const minSeconds = Number(args['min-seconds']);
const INGEST_CONTEXT = { headerProject: null, defaultProject: 'default', overrides: [] };

async function recordBodies(): Promise<Uint8Array[]> {
  const receiver = await startLoopbackReceiver();
  const bodies: Uint8Array[] = [];
  try {
    for (let seed = 1; seed <= seeds; seed++) {
      for (const scenario of SCENARIOS) {
        const { spans } = await emitScenario(scenario, { endpoint: receiver.endpoint, seed, now: Date.now() });
        const body = ProtobufTraceSerializer.serializeRequest(spans);
        if (!body) throw new Error(`no protobuf body for ${scenario.name}`);
        bodies.push(body);
      }
    }
  } finally {
    await receiver.close();
  }
  return bodies;
}

/** Repeats `work` until `minSeconds` of CPU time have passed; returns CPU milliseconds per pass. */
function cpuMsPerPass(work: () => number): { ms: number; passes: number; sink: number } {
  for (let i = 0; i < 3; i++) work(); // warm-up: JIT, catalog caches
  let passes = 0;
  let sink = 0;
  const start = process.cpuUsage();
  let elapsedMs = 0;
  while (elapsedMs < minSeconds * 1000) {
    sink += work();
    passes++;
    const used = process.cpuUsage(start);
    elapsedMs = (used.user + used.system) / 1000;
  }
  return { ms: elapsedMs / passes, passes, sink };
}

async function main() {
  console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, node ${process.version}`);
  const bodies = await recordBodies();
  const traces: DetectorTrace[] = toDetectorTraces(
    otlpBodiesToApiSpans(bodies.map((body) => ({ contentType: 'application/x-protobuf', body }))),
  );
  const spanCount = traces.reduce((sum, trace) => sum + trace.spans.length, 0);
  const bytes = bodies.reduce((sum, body) => sum + body.length, 0);
  console.log(`${traces.length} traces (${SCENARIOS.length} scenarios × ${seeds} seeds), ${spanCount} spans, ${(bytes / 1024).toFixed(0)} KiB of OTLP/protobuf`);

  const ingest = cpuMsPerPass(() => {
    let n = 0;
    for (const body of bodies) n += toCanonicalSpans(decodeExportRequest(body, 'protobuf'), INGEST_CONTEXT).length;
    return n;
  });
  const detect = cpuMsPerPass(() => {
    let n = 0;
    for (const trace of traces) n += detectTrace(trace).length;
    return n;
  });
  const findings = detect.sink / detect.passes;

  const per1k = (ms: number) => (ms / spanCount) * 1000;
  console.log('');
  console.log(`ingest (decode + normalise + price):  ${per1k(ingest.ms).toFixed(2)} ms CPU per 1,000 spans  (${ingest.passes} passes)`);
  console.log(`detectTrace (tree + 7 rules):         ${per1k(detect.ms).toFixed(2)} ms CPU per 1,000 spans  (${detect.passes} passes, ${findings} findings per pass)`);
  console.log(`ratio detectors / ingest:             ${(detect.ms / ingest.ms).toFixed(2)}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
