/** While the alerts page loads: its frame with placeholder rows, so nothing jumps when the alerts land. */
export default function AlertsLoading() {
  return (
    <div className="mx-auto max-w-[1400px] space-y-4" aria-busy="true">
      <h1 className="text-lg font-semibold">Alerts</h1>
      <p role="status" className="sr-only">
        Loading alerts…
      </p>
      <div className="rounded-md border border-line bg-panel">
        <div className="flex gap-2 border-b border-line px-3 py-2">
          <div className="h-6 w-24 animate-pulse rounded-md bg-line" />
          <div className="h-6 w-24 animate-pulse rounded-md bg-line/70" />
        </div>
        {Array.from({ length: 6 }, (_, i) => (
          <div key={i} className="flex items-start gap-3 border-b border-line px-3 py-3 last:border-b-0">
            <div className="h-4 w-16 animate-pulse rounded bg-line" />
            <div className="flex-1 space-y-1.5">
              <div className="h-3 w-2/3 animate-pulse rounded bg-line" />
              <div className="h-3 w-full animate-pulse rounded bg-line/70" />
            </div>
            <div className="h-3 w-20 animate-pulse rounded bg-line" />
          </div>
        ))}
      </div>
    </div>
  );
}
