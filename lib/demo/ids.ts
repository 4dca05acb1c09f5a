/** Trace and span ids drawn from the demo PRNG, so that a seed reproduces the ids as well as the content. */
import type { IdGenerator } from '@opentelemetry/sdk-trace-base';
import type { Rng } from './rng';

export class SeededIdGenerator implements IdGenerator {
  constructor(private readonly rng: Rng) {}

  generateTraceId(): string {
    return this.nonZeroHex(32);
  }

  generateSpanId(): string {
    return this.nonZeroHex(16);
  }

  // An all-zero id is invalid in OTLP and the SDK would drop the span; redraw in that (astronomically rare) case.
  private nonZeroHex(length: number): string {
    for (;;) {
      const id = this.rng.hex(length);
      if (/[^0]/.test(id)) return id;
    }
  }
}
