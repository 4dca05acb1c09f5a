/** While the first page of traces loads: the page's frame with placeholder rows, so nothing jumps when it lands. */
export default function TracesLoading() {
  return (
    <div className="space-y-3" aria-busy="true">
      <div className="flex items-center justify-between">
        <h1 className="text-lg font-semibold">Traces</h1>
        <div className="h-7 w-80 animate-pulse rounded-md bg-line" />
      </div>
      <div className="h-7 w-full max-w-4xl animate-pulse rounded-md bg-line/70" />
      <p role="status" className="sr-only">
        Loading traces…
      </p>
      <div className="rounded-md border border-line bg-panel">
        {Array.from({ length: 12 }, (_, i) => (
          <div key={i} className="flex items-center gap-4 border-b border-line px-3 py-2 last:border-b-0">
            <div className="h-3 w-16 animate-pulse rounded bg-line" />
            <div className="h-3 flex-1 animate-pulse rounded bg-line/80" />
            <div className="h-3 w-24 animate-pulse rounded bg-line" />
            <div className="h-3 w-16 animate-pulse rounded bg-line" />
          </div>
        ))}
      </div>
    </div>
  );
}
