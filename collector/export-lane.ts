/**
 * Where exports wait for their turn to be decoded and encoded: one at a time, in arrival order. Their bodies wait
 * here as bytes, so at most one export is held decoded however many arrive together (decoded exports held side by
 * side survived young-generation collections and were copied and promoted). Bounded: past `maxWaitingBytes` of
 * waiting bodies an export is refused with 503 and Retry-After, as when the batch queue is full.
 */
import { Unavailable } from '../lib/errors';

export class ExportLane {
  private tail: Promise<unknown> = Promise.resolve();
  private waiting = 0;

  constructor(private readonly maxWaitingBytes: number) {}

  /** Bytes of the bodies waiting for their turn (not counting the one being decoded). */
  get waitingBytes(): number {
    return this.waiting;
  }

  /**
   * Runs `task` once the exports before it are done with; rejects at once with `Unavailable` when `bytes` would take
   * the waiting bodies past the limit (an export is always let in when none waits, whatever its size).
   */
  run<T>(bytes: number, task: () => Promise<T>): Promise<T> {
    if (this.waiting > 0 && this.waiting + bytes > this.maxWaitingBytes) {
      return Promise.reject(
        new Unavailable(`The collector has ${this.waiting} bytes of exports waiting to be decoded; retry shortly`, 1),
      );
    }
    this.waiting += bytes;
    const run = this.tail.then(() => {
      this.waiting -= bytes;
      return task();
    });
    this.tail = run.catch(() => undefined);
    return run;
  }
}
