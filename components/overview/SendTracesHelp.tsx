/**
 * How to get traces into Loupe, shown wherever there are none: the exporter settings an instrumented app needs,
 * and the demo that fills Loupe with example runs.
 */
export function SendTracesHelp() {
  return (
    <div data-testid="send-traces-help" className="space-y-3 text-sm">
      <div>
        <p className="font-medium text-ink">Send traces from your app</p>
        <p className="mt-0.5 text-muted">
          Point any OpenTelemetry exporter (OTLP over HTTP) at Loupe’s collector, then run your agent as usual:
        </p>
        <pre className="mt-1.5 overflow-x-auto rounded-md border border-line bg-page px-3 py-2 font-mono text-xs text-ink">
          {'export OTEL_EXPORTER_OTLP_ENDPOINT=http://localhost:4318\nexport OTEL_SERVICE_NAME=my-agent'}
        </pre>
        <p className="mt-1.5 text-xs text-muted">
          GenAI spans from the OpenTelemetry <code className="font-mono">gen_ai.*</code> conventions, OpenInference,
          OpenLLMetry and the Vercel AI SDK are understood as they are.
        </p>
      </div>
      <div>
        <p className="font-medium text-ink">Or watch example runs</p>
        <p className="mt-0.5 text-muted">Start Loupe with demo agents streaming runs into it (loops, failures, a cost explosion…):</p>
        <pre className="mt-1.5 overflow-x-auto rounded-md border border-line bg-page px-3 py-2 font-mono text-xs text-ink">
          npm run demo
        </pre>
      </div>
    </div>
  );
}
