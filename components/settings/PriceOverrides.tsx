'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { deletePriceOverride, invalidateCosts, priceOverridesQuery } from '@/lib/api-client/costs';
import { formatRates } from '@/lib/costs/rates';
import { OverrideForm } from './OverrideForm';
import { OverrideRow } from './OverrideRow';

/** The project's price overrides next to the catalog prices they replace, and the form to add one. */
export function PriceOverrides() {
  const queryClient = useQueryClient();
  const overrides = useQuery(priceOverridesQuery());
  const remove = useMutation({
    mutationFn: deletePriceOverride,
    onSuccess: () => invalidateCosts(queryClient),
  });
  const { mutate } = remove;
  const onDelete = useCallback((id: string) => mutate(id), [mutate]);
  const rows = overrides.data?.overrides ?? [];
  return (
    <section id="prices" aria-label="Price overrides" className="rounded-md border border-line bg-panel p-3">
      <h2 className="text-sm font-semibold">Price overrides</h2>
      <p className="text-xs text-muted">
        Negotiated rates, fine-tunes and self-hosted models. USD per million tokens; a model ending in * covers every
        model starting with the text before it. A cost the instrumentation reports always wins.
      </p>
      {overrides.isError && <p role="alert" className="mt-2 text-sm text-error">Could not load overrides: {overrides.error.message}</p>}
      {remove.isError && <p role="alert" className="mt-2 text-sm text-error">Could not delete: {remove.error.message}</p>}
      <table className="mt-2 w-full text-sm" data-testid="override-table">
        <thead>
          <tr className="text-left text-xs text-muted">
            <th className="pb-1 font-normal">provider</th>
            <th className="pb-1 font-normal">model</th>
            <th className="pb-1 font-normal">override $/M (in / out / cache read / cache write)</th>
            <th className="pb-1 font-normal">catalog $/M today</th>
            <th className="pb-1 font-normal">from</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {rows.map((o) => (
            <OverrideRow
              key={o.id}
              id={o.id}
              provider={o.provider}
              model={o.model}
              rates={formatRates({ input: o.inputPerMTok, output: o.outputPerMTok, cacheRead: o.cacheReadPerMTok, cacheWrite: o.cacheWritePerMTok, reasoning: o.reasoningPerMTok })}
              catalogModel={o.catalog?.modelId ?? null}
              catalogRates={o.catalog ? formatRates(o.catalog.rates) : null}
              effectiveFrom={o.effectiveFrom}
              deleting={remove.isPending && remove.variables === o.id}
              onDelete={onDelete}
            />
          ))}
          {overrides.data && rows.length === 0 && (
            <tr>
              <td colSpan={6} className="py-3 text-center text-xs text-muted">No overrides: every model is priced from the catalog</td>
            </tr>
          )}
        </tbody>
      </table>
      <OverrideForm />
    </section>
  );
}
