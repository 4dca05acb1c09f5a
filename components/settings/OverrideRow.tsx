import { memo } from 'react';

interface Props {
  id: string;
  provider: string;
  model: string;
  rates: string;
  catalogModel: string | null;
  catalogRates: string | null;
  effectiveFrom: string | null;
  deleting: boolean;
  onDelete: (id: string) => void;
}

/** One override, with the catalog price it replaces next to it. */
export const OverrideRow = memo(function OverrideRow(p: Props) {
  return (
    <tr data-testid="override-row" data-model={p.model} className="border-t border-line align-top">
      <td className="py-1.5 pr-2">{p.provider || <span className="text-muted">any</span>}</td>
      <td className="py-1.5 pr-2 font-mono text-xs">{p.model}</td>
      <td className="py-1.5 pr-2 text-xs">{p.rates}</td>
      <td className="py-1.5 pr-2 text-xs text-muted" data-testid="override-catalog">
        {p.catalogRates ? (
          <>
            {p.catalogRates}
            <span className="block text-faint">catalog: {p.catalogModel}</span>
          </>
        ) : (
          'not in catalog'
        )}
      </td>
      <td className="py-1.5 pr-2 text-xs">{p.effectiveFrom ? p.effectiveFrom.slice(0, 10) : 'always'}</td>
      <td className="py-1.5 text-right">
        <button
          type="button"
          onClick={() => p.onDelete(p.id)}
          disabled={p.deleting}
          aria-label={`Delete override for ${p.model}`}
          className="rounded border border-line px-2 py-0.5 text-xs text-error hover:bg-error-soft disabled:opacity-50"
        >
          {p.deleting ? 'Deleting…' : 'Delete'}
        </button>
      </td>
    </tr>
  );
});
