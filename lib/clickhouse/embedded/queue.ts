/**
 * One FIFO queue for all engine work. chdb runs one statement at a time per session and must never run two
 * bound-parameter queries at once in a process, so every query, insert and stream passes through here.
 * A job whose caller has gone away before it started can be dropped (`signal` + `droppable`), so a client that
 * disconnected does not keep the engine busy. O(1) enqueue and dequeue.
 */

export class QueryCancelledError extends Error {
  constructor(message = 'The client closed the connection before the query started') {
    super(message);
    this.name = 'AbortError';
  }
}

export class QueueClosedError extends Error {
  constructor() {
    super('The embedded ClickHouse server is shutting down');
    this.name = 'QueueClosedError';
  }
}

interface Job {
  run: () => Promise<void>;
  fail: (err: Error) => void;
  cancelled: boolean;
}

export interface EnqueueOptions {
  /** Aborted when the caller no longer wants the result. */
  signal?: AbortSignal;
  /** Whether the job may be skipped once `signal` aborts (true for read-only work). */
  droppable?: boolean;
}

export class SerialQueue {
  private jobs: (Job | undefined)[] = []; // consumed slots before `head` are cleared
  private head = 0;
  private running = false;
  private closed = false;
  private idleWaiters: (() => void)[] = [];

  /** Jobs waiting plus the one running. */
  get depth(): number {
    return this.jobs.length - this.head + (this.running ? 1 : 0);
  }

  run<T>(task: () => Promise<T>, options: EnqueueOptions = {}): Promise<T> {
    if (this.closed) return Promise.reject(new QueueClosedError());
    return new Promise<T>((resolve, reject) => {
      const job: Job = {
        cancelled: false,
        fail: reject,
        run: () => Promise.resolve().then(task).then(resolve, reject),
      };
      const { signal, droppable } = options;
      if (signal && droppable) {
        if (signal.aborted) return reject(new QueryCancelledError());
        signal.addEventListener('abort', () => this.drop(job), { once: true });
      }
      this.jobs.push(job);
      void this.pump();
    });
  }

  /** Refuses new jobs; the queued ones still run. Resolves when the queue is empty and idle. */
  close(): Promise<void> {
    this.closed = true;
    return this.idle();
  }

  idle(): Promise<void> {
    if (this.depth === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private drop(job: Job): void {
    if (job.cancelled) return;
    const index = this.jobs.indexOf(job, this.head);
    if (index === -1) return; // already started
    job.cancelled = true;
    this.jobs.splice(index, 1);
    job.fail(new QueryCancelledError());
  }

  private async pump(): Promise<void> {
    if (this.running) return;
    this.running = true;
    while (this.head < this.jobs.length) {
      const job = this.jobs[this.head];
      this.jobs[this.head] = undefined;
      this.head += 1;
      if (job && !job.cancelled) await job.run();
    }
    this.jobs = [];
    this.head = 0;
    this.running = false;
    for (const waiter of this.idleWaiters.splice(0)) waiter();
  }
}
