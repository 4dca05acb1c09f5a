/**
 * Decode throughput of 5,000-span exports (protobuf and JSON) of realistic GenAI model-call spans: ~20 attributes
 * each, small message content, plus one agent root per 50, serialized by the official OpenTelemetry serializers.
 * Spans/s = hz × 5,100.
 * Run: npx vitest bench --run --project unit lib/otlp
 */
import { JsonTraceSerializer, ProtobufTraceSerializer } from '@opentelemetry/otlp-transformer';
import { bench, describe } from 'vitest';
import { decodeExportRequest } from './decode';
import { recordGenAiSpans } from './sdk-spans.fixture';

const SPANS = 5_000;
const spans = recordGenAiSpans(SPANS);
const protobufBody = ProtobufTraceSerializer.serializeRequest(spans);
const jsonBody = JsonTraceSerializer.serializeRequest(spans);
if (!protobufBody || !jsonBody) throw new Error('the serializers produced no body');

function decodeAll(body: Uint8Array, format: 'protobuf' | 'json'): void {
  const decoded = decodeExportRequest(body, format);
  if (decoded.acceptedSpanCount !== SPANS + SPANS / 50) throw new Error(`decoded ${decoded.acceptedSpanCount} spans`);
}

describe(`decode ${SPANS} GenAI spans (+${SPANS / 50} agent roots)`, () => {
  bench(`protobuf, ${(protobufBody.length / 1024).toFixed(0)} KiB`, () => decodeAll(protobufBody, 'protobuf'), { time: 3_000 });
  bench(`json, ${(jsonBody.length / 1024).toFixed(0)} KiB`, () => decodeAll(jsonBody, 'json'), { time: 3_000 });
});
