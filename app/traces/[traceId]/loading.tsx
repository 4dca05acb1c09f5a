/** Shown while the trace loads: the header and tree outlines, so the page does not jump when it arrives. */
export default function TraceLoading() {
  return (
    <div aria-busy="true" aria-label="Loading trace" className="animate-pulse space-y-3">
      <div className="h-24 rounded-md border border-line bg-panel" />
      <div className="h-8 rounded-md border border-line bg-panel" />
      <div className="space-y-1 rounded-md border border-line bg-panel p-2">
        {Array.from({ length: 12 }, (_, i) => (
          <div key={i} className="h-5 rounded bg-page" style={{ marginLeft: `${(i % 4) * 16}px` }} />
        ))}
      </div>
    </div>
  );
}
