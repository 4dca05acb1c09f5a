import { Link2 } from 'lucide-react';
import Link from 'next/link';
import type { ApiIncomingLink } from '@/lib/span/api-types';

/**
 * Spans of other traces that link into this one — the run that handed work to this one, an evaluator that judged
 * it — so a span link can be followed backwards as well as forwards (the span panel lists the outgoing ones).
 */
export function IncomingLinks({ links }: { links: ApiIncomingLink[] }) {
  if (links.length === 0) return null;
  return (
    <section data-testid="incoming-links" aria-label="Linked from other traces" className="rounded-md border border-line bg-panel px-3 py-2 text-xs">
      <span className="mr-2 inline-flex items-center gap-1 font-medium text-muted">
        <Link2 size={12} aria-hidden /> Linked from
      </span>
      {links.map((link) => (
        <Link
          key={`${link.fromTraceId}:${link.fromSpanId}:${link.toSpanId}`}
          href={`/traces/${link.fromTraceId}?span=${link.fromSpanId}`}
          data-testid="incoming-link"
          className="mr-3 text-accent hover:underline"
          title={`${link.fromServiceName} · trace ${link.fromTraceId}`}
        >
          {link.fromName || link.fromSpanId} <span className="text-faint">({link.fromServiceName})</span>
        </Link>
      ))}
    </section>
  );
}
