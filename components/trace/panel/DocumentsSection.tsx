import { documentList } from '@/lib/span-view/documents';
import type { ApiSpan } from '@/lib/span/api-types';
import type { SpanContent } from '@/lib/span/types';
import { DocumentRow } from './DocumentRow';
import { PanelSection } from './PanelSection';

/** The retrieved documents with their scores; an empty retrieval is called out, never left blank. */
export function DocumentsSection({ span, content }: { span: ApiSpan; content: SpanContent | undefined }) {
  const list = documentList(span, content);
  const count = list.count ?? list.rows.length;
  const empty = list.state === 'empty';
  return (
    <PanelSection
      testId="panel-documents"
      title="Retrieved documents"
      tone={empty ? 'warn' : 'normal'}
      note={list.state === 'absent' ? 'none recorded' : `${count} ${count === 1 ? 'document' : 'documents'}`}
    >
      {list.query !== '' && (
        <p className="mb-2 text-xs">
          <span className="text-muted">Query </span>
          <span className="break-words font-mono">{list.query}</span>
        </p>
      )}
      {empty && (
        <p data-testid="documents-empty" role="status" className="rounded border border-warn/30 bg-warn-soft px-2 py-1.5 text-sm font-semibold text-warn">
          0 documents returned
          <span className="block text-xs font-normal">The retriever found nothing; whatever came next ran without context.</span>
        </p>
      )}
      {list.state === 'absent' && <p className="text-xs italic text-faint">No documents recorded on this span.</p>}
      {list.state === 'listed' && list.rows.length === 0 && (
        <p className="text-xs text-muted">{count} returned; their content was not captured.</p>
      )}
      {list.rows.length > 0 && (
        <ol className="flex flex-col divide-y divide-line rounded border border-line">
          {list.rows.map((row) => (
            <DocumentRow
              key={row.key}
              rank={row.rank}
              id={row.id}
              score={row.score}
              scoreFraction={row.scoreFraction}
              preview={row.preview}
              metadata={row.metadata.kind === 'empty' ? '' : row.metadata.text}
            />
          ))}
        </ol>
      )}
    </PanelSection>
  );
}
