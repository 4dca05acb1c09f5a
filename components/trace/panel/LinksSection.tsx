import Link from 'next/link';
import { linkRows } from '@/lib/span-view/events';
import type { ApiSpan } from '@/lib/span/api-types';
import { PanelSection } from './PanelSection';

/**
 * Spans this one is linked to (a hand-off to another service's trace, a batch it belongs to). A link within
 * the same trace selects the span in place; another trace opens on the linked span.
 */
export function LinksSection({ span, onSelectSpan }: { span: ApiSpan; onSelectSpan?: (spanId: string) => void }) {
  const rows = linkRows(span);
  return (
    <PanelSection testId="panel-links" title="Links" note={`${rows.length}`}>
      <ul className="flex flex-col gap-1.5">
        {rows.map((row) => (
          <li key={row.key} data-testid="span-link" className="text-xs">
            <Link
              href={row.href}
              onClick={(event) => {
                if (row.sameTrace && onSelectSpan && row.spanId !== '') {
                  event.preventDefault();
                  onSelectSpan(row.spanId);
                }
              }}
              className="font-mono text-accent hover:underline"
            >
              {row.sameTrace ? 'this trace' : `trace ${row.traceId.slice(0, 12)}…`}
              {row.spanId !== '' && ` · span ${row.spanId}`}
            </Link>
            {row.attributes.length > 0 && (
              <dl className="mt-0.5 grid grid-cols-[max-content_1fr] gap-x-2 pl-3 font-mono">
                {row.attributes.map(([key, value]) => (
                  <div key={key} className="contents">
                    <dt className="text-muted">{key}</dt>
                    <dd className="min-w-0 whitespace-pre-wrap break-words">{value}</dd>
                  </div>
                ))}
              </dl>
            )}
          </li>
        ))}
      </ul>
    </PanelSection>
  );
}
