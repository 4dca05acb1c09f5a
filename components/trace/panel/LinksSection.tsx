import Link from 'next/link';
import { linkRows } from '@/lib/span-view/events';
import type { ApiSpan } from '@/lib/span/api-types';
import { PanelSection } from './PanelSection';
import { KeyValueList } from './KeyValueList';

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
            <KeyValueList pairs={row.attributes} className="mt-0.5 pl-3" />
          </li>
        ))}
      </ul>
    </PanelSection>
  );
}
