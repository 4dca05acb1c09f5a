'use client';

import { useDeferredValue, useMemo, useState } from 'react';
import { attributeTable } from '@/lib/span-view/attributes';
import { AttributeRow } from './AttributeRow';
import { PanelSection } from './PanelSection';

/** A filterable key/value table, grouped by namespace. Used for span attributes and resource attributes. */
export function AttributesSection({
  testId,
  title,
  attributes,
  defaultOpen = true,
}: {
  testId: string;
  title: string;
  attributes: Readonly<Record<string, string>>;
  defaultOpen?: boolean;
}) {
  const [filter, setFilter] = useState('');
  const deferred = useDeferredValue(filter);
  const table = useMemo(() => attributeTable(attributes, deferred), [attributes, deferred]);
  const note = table.shown === table.total ? `${table.total}` : `${table.shown} of ${table.total}`;
  return (
    <PanelSection testId={testId} title={title} note={note} defaultOpen={defaultOpen}>
      {table.total > 6 && (
        <input
          type="search"
          value={filter}
          onChange={(event) => setFilter(event.target.value)}
          placeholder="Filter keys and values"
          aria-label={`Filter ${title.toLowerCase()}`}
          data-testid={`${testId}-filter`}
          className="mb-2 w-full rounded border border-line bg-panel px-2 py-1 text-xs placeholder:text-faint focus:border-accent"
        />
      )}
      {table.total === 0 && <p className="text-xs italic text-faint">None.</p>}
      {table.total > 0 && table.shown === 0 && <p className="text-xs text-muted">Nothing matches “{deferred}”.</p>}
      <table className="w-full table-fixed text-xs">
        {table.groups.map((group) => (
          <tbody key={group.namespace} className="border-t border-line first:border-t-0">
            {table.groups.length > 1 && (
              <tr>
                <th colSpan={2} scope="rowgroup" className="pb-0.5 pt-1.5 text-left text-[11px] font-semibold uppercase tracking-wide text-faint">
                  {group.namespace}
                </th>
              </tr>
            )}
            {group.rows.map((row) => (
              <AttributeRow key={row.key} name={row.key} value={row.value} json={row.json?.text ?? null} />
            ))}
          </tbody>
        ))}
      </table>
    </PanelSection>
  );
}
