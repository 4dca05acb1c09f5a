import Link from 'next/link';

/** A malformed trace id in the URL: said plainly, with what a valid one looks like (a 400, not a missing trace). */
export function TraceIdInvalid({ value }: { value: string }) {
  return (
    <section role="alert" className="mx-auto mt-16 max-w-lg text-center" data-testid="trace-id-invalid">
      <h1 className="text-lg font-semibold text-error">Bad request: not a trace id</h1>
      <p className="mt-2 text-muted">
        <span className="break-all font-mono text-ink">{value.slice(0, 120)}</span> is not a trace id. A trace id is 32
        hexadecimal digits, for example <span className="font-mono">4bf92f3577b34da6a3ce929d0e0e4736</span>.
      </p>
      <Link href="/traces" className="mt-4 inline-block text-accent hover:underline">
        Go to traces
      </Link>
    </section>
  );
}
