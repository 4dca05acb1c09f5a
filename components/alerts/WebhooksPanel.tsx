'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Plus } from 'lucide-react';
import { useCallback, useState } from 'react';
import { addWebhook, invalidateWebhooks, removeWebhook, webhooksQuery } from '@/lib/api-client/alerts';
import { WEBHOOK_FORMATS, type WebhookFormat } from '@/lib/alerts/types';
import { WebhookRow } from './WebhookRow';

const FORMAT_OPTIONS: Record<WebhookFormat, string> = { generic: 'Generic JSON', slack: 'Slack-compatible' };

/** Where alerts are sent: add a receiver, try it, remove it. */
export function WebhooksPanel() {
  const query = useQuery(webhooksQuery());
  const queryClient = useQueryClient();
  const [url, setUrl] = useState('');
  const [format, setFormat] = useState<WebhookFormat>('generic');
  const add = useMutation({
    mutationFn: addWebhook,
    onSuccess: async () => {
      setUrl('');
      await invalidateWebhooks(queryClient);
    },
  });
  const remove = useMutation({
    mutationFn: removeWebhook,
    onSettled: () => invalidateWebhooks(queryClient),
  });
  const onDelete = useCallback((id: string) => remove.mutate(id), [remove]);
  const webhooks = query.data?.webhooks ?? [];

  return (
    <div>
      <form
        data-testid="webhook-form"
        aria-label="Add a webhook"
        className="flex flex-wrap items-end gap-2 border-b border-line px-3 py-2"
        onSubmit={(event) => {
          event.preventDefault();
          add.mutate({ url: url.trim(), format });
        }}
      >
        <label className="flex min-w-48 flex-1 flex-col text-[11px] text-muted">
          URL
          <input
            type="url"
            required
            value={url}
            onChange={(event) => setUrl(event.target.value)}
            placeholder="https://hooks.example.com/loupe"
            className="mt-0.5 rounded border border-line-strong bg-panel px-2 py-1 font-mono text-xs text-ink"
          />
        </label>
        <label className="flex flex-col text-[11px] text-muted">
          Body
          <select
            value={format}
            onChange={(event) => setFormat(event.target.value as WebhookFormat)}
            className="mt-0.5 rounded border border-line-strong bg-panel px-1.5 py-1 text-xs text-ink"
          >
            {WEBHOOK_FORMATS.map((f) => (
              <option key={f} value={f}>
                {FORMAT_OPTIONS[f]}
              </option>
            ))}
          </select>
        </label>
        <button
          type="submit"
          disabled={add.isPending || url.trim() === ''}
          className="inline-flex items-center gap-1 rounded-md bg-accent px-3 py-1 text-sm font-medium text-white disabled:opacity-40"
        >
          <Plus size={14} aria-hidden />
          Add
        </button>
        {add.isError && (
          <p role="alert" className="w-full text-xs text-error">
            Not added: {add.error.message}
          </p>
        )}
      </form>
      {query.isError ? (
        <p role="alert" className="px-3 py-4 text-sm text-error">
          Webhooks could not be loaded: {query.error.message}
        </p>
      ) : query.isPending ? (
        <p className="px-3 py-4 text-sm text-muted">Loading webhooks…</p>
      ) : webhooks.length === 0 ? (
        <p className="px-3 py-4 text-sm text-muted">No webhooks yet: alerts are only shown here until you add one.</p>
      ) : (
        <ul>
          {webhooks.map((w) => (
            <WebhookRow
              key={w.id}
              id={w.id}
              url={w.url}
              format={w.format}
              enabled={w.enabled}
              deleting={remove.isPending && remove.variables === w.id}
              onDelete={onDelete}
            />
          ))}
        </ul>
      )}
      {remove.isError && (
        <p role="alert" className="px-3 pb-2 text-xs text-error">
          Not deleted: {remove.error.message}
        </p>
      )}
      <p className="border-t border-line px-3 py-2 text-xs text-faint">
        Each alert is posted once when it fires and once when it resolves, with an Idempotency-Key header; failed
        deliveries are retried with backoff until the receiver accepts them.
      </p>
    </div>
  );
}
