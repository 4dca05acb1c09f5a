import Link from 'next/link';

export default function NotFoundPage() {
  return (
    <section className="mx-auto mt-16 max-w-md text-center">
      <h1 className="text-lg font-semibold">Not found</h1>
      <p className="mt-2 text-muted">
        Nothing lives at this address. A trace may have expired under the retention policy, or the link belongs to
        another project.
      </p>
      <Link href="/traces" className="mt-4 inline-block text-accent hover:underline">
        Go to traces
      </Link>
    </section>
  );
}
