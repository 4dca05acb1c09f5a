import Link from 'next/link';
import type { ReactNode } from 'react';

interface Props {
  label: string;
  value: string;
  testId: string;
  /** The value in the error colour: something failed. */
  alarming?: boolean;
  detail?: ReactNode;
  /** The trace list filtered to the runs the figure counts. */
  href: string;
  linkLabel: string;
}

/** One headline figure, with a line of context and a link to the runs behind it. */
export function StatCard({ label, value, testId, alarming = false, detail, href, linkLabel }: Props) {
  return (
    <section
      aria-label={label}
      className={`flex flex-col rounded-md border bg-panel px-4 py-3 ${alarming ? 'border-error/40' : 'border-line'}`}
    >
      <h2 className="text-xs font-medium text-muted">{label}</h2>
      <p data-testid={testId} className={`mt-1 text-2xl font-semibold tracking-tight ${alarming ? 'text-error' : 'text-ink'}`}>
        {value}
      </p>
      {detail && <div className="mt-0.5 text-xs text-muted">{detail}</div>}
      <Link href={href} className="mt-auto pt-2 text-xs text-accent hover:underline">
        {linkLabel} →
      </Link>
    </section>
  );
}
