/** While the cost review loads: its frame with placeholders, so nothing jumps when the figures land. */
export default function CostsLoading() {
  return (
    <div className="space-y-3" aria-busy="true">
      <h1 className="text-lg font-semibold">Costs</h1>
      <p role="status" className="sr-only">
        Loading costs…
      </p>
      <div className="grid gap-3 md:grid-cols-3">
        {[0, 1, 2].map((i) => (
          <div key={i} className="h-[92px] animate-pulse rounded-md border border-line bg-panel" />
        ))}
      </div>
      <div className="h-80 animate-pulse rounded-md border border-line bg-panel" />
    </div>
  );
}
