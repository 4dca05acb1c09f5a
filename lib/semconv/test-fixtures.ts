/** Span factories for the normaliser's tests: an OTLP span with defaults, overridden per case. */
import type { Attributes, OtlpEvent, OtlpSpan } from '@/lib/otlp/types';
import type { Span } from '@/lib/span/types';
import { normalizeSpan } from './normalize';

export function otlpSpan(overrides: Partial<OtlpSpan> = {}): OtlpSpan {
  return {
    traceId: '0af7651916cd43dd8448eb211c80319c',
    spanId: 'b7ad6b7169203331',
    parentSpanId: '',
    traceState: '',
    flags: 1,
    name: 'span',
    kind: 1,
    startTimeUnixNano: 1_700_000_000_000_000_000n,
    endTimeUnixNano: 1_700_000_000_250_000_000n,
    attributes: {},
    events: [],
    links: [],
    status: { code: 0, message: '' },
    ...overrides,
  };
}

export function event(name: string, attributes: Attributes, timeUnixNano = 1_700_000_000_100_000_000n): OtlpEvent {
  return { name, attributes, timeUnixNano };
}

/** Normalise a span with these attributes (and optional span overrides) under a fixed resource and scope. */
export function norm(attributes: Attributes, overrides: Partial<OtlpSpan> = {}, resource: Attributes = {}): Span {
  return normalizeSpan({
    span: otlpSpan({ attributes, ...overrides }),
    resource: { 'service.name': 'checkout-agent', ...resource },
    scope: { name: 'test-scope', version: '1.2.3', attributes: {} },
    projectId: 'proj-1',
  });
}
