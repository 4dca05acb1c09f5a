/**
 * From a decoded export to canonical, priced spans: the CPU part of ingest, free of I/O so it can be measured
 * and tested on its own.
 */
import type { DecodedExport } from '../lib/otlp/types';
import { normalizeSpan } from '../lib/semconv';
import { priceSpan } from '../lib/pricing';
import type { PriceOverride } from '../lib/pricing';
import type { Span } from '../lib/span/types';

/** A resource attribute that routes a service's spans to a project without a header. */
export const PROJECT_RESOURCE_ATTRIBUTE = 'loupe.project.id';
export const PROJECT_ID_PATTERN = /^[A-Za-z0-9_.-]{1,64}$/;

export interface IngestContext {
  /** From the `x-loupe-project` header; wins over the resource attribute. */
  headerProject: string | null;
  defaultProject: string;
  overrides: readonly PriceOverride[];
}

/**
 * The export's spans as canonical, priced spans, one at a time: a consumer that stores each before asking for the
 * next (the batch writer) never holds more than one of them.
 */
export function* canonicalSpans(decoded: DecodedExport, context: IngestContext): Generator<Span, void, undefined> {
  for (const resourceSpans of decoded.resourceSpans) {
    const fromResource = resourceSpans.resource[PROJECT_RESOURCE_ATTRIBUTE];
    const projectId =
      context.headerProject ??
      (typeof fromResource === 'string' && PROJECT_ID_PATTERN.test(fromResource) ? fromResource : context.defaultProject);
    for (const scopeSpans of resourceSpans.scopeSpans) {
      for (const span of scopeSpans.spans) {
        const canonical = normalizeSpan({ span, resource: resourceSpans.resource, scope: scopeSpans.scope, projectId });
        const price = priceSpan(canonical, context.overrides);
        canonical.costUsd = price.costUsd;
        canonical.costSource = price.costSource;
        yield canonical;
      }
    }
  }
}

export function toCanonicalSpans(decoded: DecodedExport, context: IngestContext): Span[] {
  return [...canonicalSpans(decoded, context)];
}
