'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { budgetQuery, invalidateCosts, setBudget } from '@/lib/api-client/costs';
import { formatUsd } from '@/lib/ui/format';

/** The project's monthly budget; an empty amount removes it. */
export function BudgetForm() {
  const queryClient = useQueryClient();
  const budget = useQuery(budgetQuery());
  const [amount, setAmount] = useState<string | null>(null);
  const mutation = useMutation({
    mutationFn: (monthlyUsd: number | null) => setBudget(monthlyUsd),
    onSuccess: async () => {
      setAmount(null);
      await invalidateCosts(queryClient);
    },
  });
  const current = budget.data?.monthlyUsd ?? null;
  const shown = amount ?? (current === null ? '' : String(current));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const text = shown.trim();
    mutation.mutate(text === '' ? null : Number(text));
  };
  return (
    <section id="budget" aria-label="Monthly budget" className="rounded-md border border-line bg-panel p-3">
      <h2 className="text-sm font-semibold">Monthly budget</h2>
      <p className="text-xs text-muted">
        {current === null ? 'No budget set.' : `Budget ${formatUsd(current)} per UTC month.`}{' '}
        {budget.data && `Spent ${formatUsd(budget.data.actualUsd)} so far, forecast ${formatUsd(budget.data.forecastUsd)}.`}
      </p>
      <form data-testid="budget-form" onSubmit={submit} className="mt-2 flex items-end gap-2" noValidate>
        <label className="text-xs text-muted">
          USD per month (empty removes it)
          <input
            name="monthlyUsd"
            inputMode="decimal"
            value={shown}
            onChange={(e) => setAmount(e.target.value)}
            className="block w-40 rounded border border-line-strong bg-panel px-2 py-1 text-sm"
          />
        </label>
        <button
          type="submit"
          disabled={mutation.isPending}
          className="rounded-md bg-accent px-3 py-1.5 text-sm font-medium text-white hover:opacity-90 disabled:opacity-50"
        >
          {mutation.isPending ? 'Saving…' : 'Save budget'}
        </button>
        {mutation.isError && (
          <p role="alert" className="text-sm text-error">
            {mutation.error.message}
          </p>
        )}
        {mutation.isSuccess && <p role="status" className="text-xs text-ok">Saved.</p>}
      </form>
    </section>
  );
}
