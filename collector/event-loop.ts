/**
 * Long synchronous work cut into slices, so that the event loop runs between them: a batch being inserted reads
 * ClickHouse's answer and sends its next insert, exporters are acknowledged, `/healthz` answers.
 */

/** Resolves once the event loop has been round once: I/O that was waiting is handled first. */
export const yieldToIo = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Slices of about `sliceMs` of work: `if (slices.due) await slices.next()` between two items of work. */
export class TimeSlices {
  private sliceStart = performance.now();

  constructor(private readonly sliceMs: number) {}

  /** Whether the current slice has lasted its time. */
  get due(): boolean {
    return performance.now() - this.sliceStart >= this.sliceMs;
  }

  /** Lets the event loop run, then starts the next slice. */
  async next(): Promise<void> {
    await yieldToIo();
    this.sliceStart = performance.now();
  }
}
