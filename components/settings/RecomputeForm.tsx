'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { invalidateCosts, recomputeCosts } from '@/lib/api-client/costs';
import { formatCount, formatUsd } from '@/lib/ui/format';

const today = () => new Date().toISOString().slice(0, 10);
const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);

/** Re-prices stored spans of a date range (UTC days, both included) with the current overrides and catalog. */
export function RecomputeForm() {
  const queryClient = useQueryClient();
  const [from, setFrom] = useState(daysAgo(30));
  const [to, setTo] = useState(today());
  const mutation = useMutation({
    mutationFn: () => recomputeCosts(`${from}T00:00:00Z`, new Date(Date.parse(`${to}T00:00:00Z`) + 86_400_000).toISOString()),
    onSuccess: () => invalidateCosts(queryClient),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    mutation.mutate();
  };
  const result = mutation.data;
  return (
    <section aria-label="Recompute costs" className="rounded-md border border-line bg-panel p-3">
      <h2 className="text-sm font-semibold">Recompute costs for a range</h2>
      <p className="text-xs text-muted">
        After adding or deleting an override: re-prices the spans that started in the range. Costs reported by the
        instrumentation stay as they are.
      </p>
      <form data-testid="recompute-form" onSubmit={submit} className="mt-2 flex flex-wrap items-end gap-2">
        <label className="text-xs text-muted">
          From
          <input type="date" name="from" value={from} onChange={(e) => setFrom(e.target.value)} className="block rounded border border-line-strong bg-panel px-2 py-1 text-sm" />
        </label>
        <label className="text-xs text-muted">
          To
          <input type="date" name="to" value={to} onChange={(e) => setTo(e.target.value)} className="block rounded border border-line-strong bg-panel px-2 py-1 text-sm" />
        </label>
        <button
          type="submit"
          disabled={mutation.isPending}
          className="rounded-md border border-accent px-3 py-1.5 text-sm font-medium text-accent hover:bg-accent-soft disabled:opacity-50"
        >
          {mutation.isPending ? 'Recomputing…' : 'Recompute'}
        </button>
        {mutation.isError && (
          <p role="alert" className="text-sm text-error">
            {mutation.error.message}
          </p>
        )}
      </form>
      {result && (
        <p role="status" data-testid="recompute-result" className="mt-2 text-sm">
          {formatCount(result.spansChanged)} of {formatCount(result.spansExamined)} spans re-priced in{' '}
          {formatCount(result.tracesRefreshed)} traces · cost {formatUsd(result.costBeforeUsd)} →{' '}
          <span className="font-medium">{formatUsd(result.costAfterUsd)}</span>
        </p>
      )}
    </section>
  );
}
