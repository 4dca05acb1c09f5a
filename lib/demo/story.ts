/**
 * The plan builder scenarios tell their story with. It keeps a clock (milliseconds from the start of the run) and
 * a stack of open spans: `open` starts a span now as a child of the innermost open one, work inside advances the
 * clock, `close` ends it. Children therefore always lie within their parents, and sibling order is the order in
 * which control passed. The result is plain data (PlannedSpan trees); the emitter turns it into SDK spans later,
 * which lets a run be placed in time only once its duration is known.
 */
import type { NodeType } from '@/lib/span/types';
import type { Rng } from './rng';
import type { PlanAttributes, PlanSpanKind, PlannedSpan, PlannedUsage } from './types';

export class PlanError extends Error {
  override name = 'PlanError';
}

export interface SpanSpec {
  kind: PlanSpanKind;
  nodeType: NodeType;
  attributes?: PlanAttributes;
  usage?: PlannedUsage;
}

export interface Outcome {
  status?: 'ok' | 'error';
  statusMessage?: string;
  attributes?: PlanAttributes;
}

export class Story {
  readonly rng: Rng;
  private clockMs = 0;
  private service: string;
  private readonly stack: PlannedSpan[] = [];
  private readonly roots: PlannedSpan[] = [];

  constructor(rng: Rng, service: string) {
    this.rng = rng;
    this.service = service;
  }

  /** Milliseconds since the start of the run. */
  get now(): number {
    return this.clockMs;
  }

  /** Think time, queueing or network latency between two steps. */
  pause(minMs: number, maxMs: number): void {
    this.clockMs += this.rng.int(minMs, maxMs);
  }

  /** The innermost open span, for scenarios that annotate it once its children have run. */
  get current(): PlannedSpan | undefined {
    return this.stack[this.stack.length - 1];
  }

  open(name: string, spec: SpanSpec): PlannedSpan {
    const parent = this.current;
    const span: PlannedSpan = {
      name,
      kind: spec.kind,
      service: this.service,
      nodeType: spec.nodeType,
      startMs: this.clockMs,
      endMs: this.clockMs,
      attributes: { ...spec.attributes },
      events: [],
      status: 'unset',
      statusMessage: '',
      usage: spec.usage ?? null,
      remote: parent !== undefined && parent.service !== this.service,
      children: [],
    };
    if (parent) parent.children.push(span);
    else this.roots.push(span);
    this.stack.push(span);
    this.clockMs += this.rng.int(0, 3);
    return span;
  }

  close(span: PlannedSpan, outcome: Outcome = {}): PlannedSpan {
    if (this.current !== span) {
      throw new PlanError(`close("${span.name}") while "${this.current?.name ?? 'nothing'}" is the open span`);
    }
    this.clockMs += this.rng.int(1, 5);
    span.endMs = this.clockMs;
    if (outcome.status) span.status = outcome.status;
    if (outcome.statusMessage) span.statusMessage = outcome.statusMessage;
    Object.assign(span.attributes, outcome.attributes);
    this.stack.pop();
    return span;
  }

  /** A span with no children that takes `durationMs`. */
  leaf(name: string, spec: SpanSpec, durationMs: number, outcome?: Outcome): PlannedSpan {
    const span = this.open(name, spec);
    this.clockMs += Math.max(0, Math.round(durationMs));
    return this.close(span, outcome);
  }

  /** Opens a span, runs `body` inside it, and closes it with the outcome (which may depend on what happened). */
  within(name: string, spec: SpanSpec, body: (span: PlannedSpan) => void, outcome?: Outcome): PlannedSpan {
    const span = this.open(name, spec);
    body(span);
    return this.close(span, outcome);
  }

  /** Records a span event at the current time. */
  event(span: PlannedSpan, name: string, attributes: PlanAttributes): void {
    span.events.push({ name, atMs: this.clockMs, attributes });
  }

  /** Spans opened inside `body` belong to `service`; the first one is marked as reached over the network. */
  inService(service: string, body: () => void): void {
    const previous = this.service;
    this.service = service;
    try {
      body();
    } finally {
      this.service = previous;
    }
  }

  /** The finished plan: every root, all spans closed. */
  finish(): PlannedSpan[] {
    if (this.stack.length > 0) {
      throw new PlanError(`plan finished with open spans: ${this.stack.map((span) => span.name).join(', ')}`);
    }
    if (this.roots.length === 0) throw new PlanError('plan has no spans');
    return this.roots;
  }
}
