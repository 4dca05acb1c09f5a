/**
 * The collector's Prometheus metrics, served at /metrics. One registry per collector instance, so tests that
 * start several collectors in one process never see each other's counts.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export interface CollectorMetrics {
  registry: Registry;
  requests: Counter<'status'>;
  spansReceived: Counter;
  spansAccepted: Counter;
  spansRejected: Counter<'reason'>;
  batches: Counter<'outcome'>;
  insertSeconds: Histogram;
  queueDepth: Gauge;
  derivedTraces: Counter<'source'>;
  alertEvaluations: Counter<'outcome'>;
  alertAnnouncements: Counter<'event'>;
  webhookDeliveries: Counter<'outcome'>;
}

/** What the alert runner and the delivery worker count (the collector's metrics, or nothing in tests that omit them). */
export type AlertingMetrics = Pick<CollectorMetrics, 'alertEvaluations' | 'alertAnnouncements' | 'webhookDeliveries'>;

export function createMetrics(options: { defaultMetrics?: boolean } = {}): CollectorMetrics {
  const registry = new Registry();
  if (options.defaultMetrics) collectDefaultMetrics({ register: registry, prefix: 'loupe_collector_' });
  const registers = [registry];
  return {
    registry,
    requests: new Counter({
      name: 'loupe_otlp_requests_total',
      help: 'OTLP export requests answered, by HTTP status.',
      labelNames: ['status'],
      registers,
    }),
    spansReceived: new Counter({
      name: 'loupe_spans_received_total',
      help: 'Spans decoded from export requests, valid or not.',
      registers,
    }),
    spansAccepted: new Counter({
      name: 'loupe_spans_accepted_total',
      help: 'Spans committed to ClickHouse and acknowledged.',
      registers,
    }),
    spansRejected: new Counter({
      name: 'loupe_spans_rejected_total',
      help: 'Spans not stored, by reason (invalid span, undecodable request, storage failure, overload).',
      labelNames: ['reason'],
      registers,
    }),
    batches: new Counter({
      name: 'loupe_batches_total',
      help: 'Batches flushed to ClickHouse, by outcome.',
      labelNames: ['outcome'],
      registers,
    }),
    insertSeconds: new Histogram({
      name: 'loupe_insert_duration_seconds',
      help: 'Time to commit one batch (spans, contents and trace summaries).',
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    }),
    queueDepth: new Gauge({
      name: 'loupe_queue_depth_spans',
      help: 'Spans waiting to be committed.',
      registers,
    }),
    derivedTraces: new Counter({
      name: 'loupe_derived_traces_total',
      help: 'Traces whose summaries and cost rollups were rebuilt, by where their spans came from: memory (spans this collector wrote) or storage (read back).',
      labelNames: ['source'],
      registers,
    }),
    alertEvaluations: new Counter({
      name: 'loupe_alert_evaluations_total',
      help: 'Evaluations of the alert rules (a batch of quiet traces, or the windowed rules of a project), by outcome; failed ones are retried.',
      labelNames: ['outcome'],
      registers,
    }),
    alertAnnouncements: new Counter({
      name: 'loupe_alert_announcements_total',
      help: 'Alerts the rules found firing or resolved, each announced to every enabled webhook of its project (resolutions by hand come from the web app and are not counted here).',
      labelNames: ['event'],
      registers,
    }),
    webhookDeliveries: new Counter({
      name: 'loupe_webhook_deliveries_total',
      help: 'Attempts to post an announcement to a webhook, by outcome: delivered, failed (retried with backoff), cancelled (webhook deleted or disabled).',
      labelNames: ['outcome'],
      registers,
    }),
  };
}

/**
 * Gauges read at scrape time: how far the derived tables and the alert rules are behind ingest, and how many spans
 * the collector keeps to rebuild traces without reading them back.
 */
export function registerBacklogGauges(
  metrics: CollectorMetrics,
  backlog: { derivedTraces: () => number; alertTraces: () => number; rememberedSpans: () => number },
): void {
  const registers = [metrics.registry];
  new Gauge({
    name: 'loupe_derived_backlog_traces',
    help: 'Traces whose summaries and cost rollups wait for a rebuild or are being rebuilt.',
    registers,
    collect() {
      this.set(backlog.derivedTraces());
    },
  });
  new Gauge({
    name: 'loupe_alert_backlog_traces',
    help: 'Traces waiting to be quiet before their alert rules run, or being judged.',
    registers,
    collect() {
      this.set(backlog.alertTraces());
    },
  });
  new Gauge({
    name: 'loupe_remembered_spans',
    help: 'Spans of recent traces kept in memory so that their rebuilds need not read them back.',
    registers,
    collect() {
      this.set(backlog.rememberedSpans());
    },
  });
}

/**
 * Bytes of export bodies read and waiting for their turn to be decoded (`ExportLane`): non-zero while exports
 * arrive faster than the collector decodes them; past the lane's limit (`createCollectorServer`) new exports get 503.
 */
export function registerWaitingExportsGauge(metrics: CollectorMetrics, waitingBytes: () => number): void {
  new Gauge({
    name: 'loupe_exports_waiting_bytes',
    help: 'Bytes of export request bodies received and waiting to be decoded; past the limit, exports are refused with 503.',
    registers: [metrics.registry],
    collect() {
      this.set(waitingBytes());
    },
  });
}
