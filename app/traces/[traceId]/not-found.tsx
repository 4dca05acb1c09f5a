import Link from 'next/link';

export default function TraceNotFound() {
  return (
    <section className="mx-auto mt-16 max-w-md text-center" data-testid="trace-not-found">
      <h1 className="text-lg font-semibold">Trace not found</h1>
      <p className="mt-2 text-muted">
        No trace with this id is stored in this project. It may have expired under the retention policy, belong to
        another project, or still be arriving: spans are shown once the collector has written the trace.
      </p>
      <Link href="/traces" className="mt-4 inline-block text-accent hover:underline">
        Go to traces
      </Link>
    </section>
  );
}
