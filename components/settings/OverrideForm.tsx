'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { createPriceOverride, invalidateCosts } from '@/lib/api-client/costs';

const RATE_FIELDS = [
  ['inputPerMTok', 'Input $/M', true],
  ['outputPerMTok', 'Output $/M', true],
  ['cacheReadPerMTok', 'Cache read $/M', false],
  ['cacheWritePerMTok', 'Cache write $/M', false],
  ['reasoningPerMTok', 'Reasoning $/M', false],
] as const;

const EMPTY: Record<string, string> = {
  provider: '',
  model: '',
  inputPerMTok: '',
  outputPerMTok: '',
  cacheReadPerMTok: '',
  cacheWritePerMTok: '',
  reasoningPerMTok: '',
  effectiveFrom: '',
};

/**
 * Adds an override. The server validates (and names the field it rejects); its message is shown as is. Empty
 * optional rates mean "no rate of its own" (cache reads then cost the input rate), never zero.
 */
export function OverrideForm() {
  const queryClient = useQueryClient();
  const [values, setValues] = useState(EMPTY);
  const mutation = useMutation({
    mutationFn: () =>
      createPriceOverride({ ...values, effectiveFrom: values.effectiveFrom ? `${values.effectiveFrom}T00:00:00Z` : null }),
    onSuccess: async () => {
      setValues(EMPTY);
      await invalidateCosts(queryClient);
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    mutation.mutate();
  };
  const field = (name: string) => ({
    name,
    value: values[name] ?? '',
    onChange: (e: { target: { value: string } }) => setValues((v) => ({ ...v, [name]: e.target.value })),
  });
  const input = 'w-full rounded border border-line-strong bg-panel px-2 py-1 text-sm';
  return (
    <form data-testid="override-form" onSubmit={submit} className="mt-3 grid grid-cols-2 gap-2 md:grid-cols-5" noValidate>
      <label className="text-xs text-muted">
        Provider (empty = any)
        <input {...field('provider')} placeholder="openai" className={input} />
      </label>
      <label className="text-xs text-muted">
        Model or prefix*
        <input {...field('model')} placeholder="gpt-4o*" required className={input} />
      </label>
      {RATE_FIELDS.map(([name, label, required]) => (
        <label key={name} className="text-xs text-muted">
          {label}
          {required ? '' : ' (optional)'}
          <input {...field(name)} inputMode="decimal" required={required} className={input} />
        </label>
      ))}
      <label className="text-xs text-muted">
        Effective from (UTC, optional)
        <input {...field('effectiveFrom')} type="date" className={input} />
      </label>
      <div className="col-span-2 flex items-end gap-2 md:col-span-2">
        <button
          type="submit"
          disabled={mutation.isPending}
          className="rounded-md bg-accent px-3 py-1.5 text-sm font-medium text-white hover:opacity-90 disabled:opacity-50"
        >
          {mutation.isPending ? 'Saving…' : 'Add override'}
        </button>
        {mutation.isError && (
          <p role="alert" data-testid="override-error" className="text-sm text-error">
            {mutation.error.message}
          </p>
        )}
        {mutation.isSuccess && (
          <p role="status" className="text-xs text-ok">
            Saved. New spans use it within seconds; recompute a range to re-price stored spans.
          </p>
        )}
      </div>
    </form>
  );
}
