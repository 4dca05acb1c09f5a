'use client';

import { useMutation } from '@tanstack/react-query';
import { Send, Trash2 } from 'lucide-react';
import { memo, useState } from 'react';
import { sendTestAlert } from '@/lib/api-client/alerts';
import type { WebhookFormat } from '@/lib/alerts/types';

export interface WebhookRowProps {
  id: string;
  url: string;
  format: WebhookFormat;
  enabled: boolean;
  deleting: boolean;
  onDelete: (id: string) => void;
}

const FORMAT_LABEL: Record<WebhookFormat, string> = { generic: 'JSON', slack: 'Slack' };

/** A webhook with its "send test" action (showing the receiver's answer) and a delete that asks once more. */
export const WebhookRow = memo(function WebhookRow({ id, url, format, enabled, deleting, onDelete }: WebhookRowProps) {
  const test = useMutation({ mutationFn: () => sendTestAlert(id) });
  const [confirming, setConfirming] = useState(false);
  const result = test.data;
  return (
    <li data-testid="webhook-row" data-webhook-id={id} className="border-b border-line px-3 py-2 last:border-b-0">
      <div className="flex items-center gap-2">
        <span className="shrink-0 rounded border border-line bg-page px-1.5 text-[11px] font-medium text-muted">{FORMAT_LABEL[format]}</span>
        <span className="min-w-0 flex-1 truncate font-mono text-xs" title={url}>
          {url}
        </span>
        {!enabled && <span className="text-xs text-faint">disabled</span>}
        <button
          type="button"
          data-testid="webhook-test"
          onClick={() => test.mutate()}
          disabled={test.isPending}
          className="inline-flex items-center gap-1 rounded border border-line px-2 py-0.5 text-xs text-ink hover:border-accent hover:text-accent disabled:opacity-50"
        >
          <Send size={12} aria-hidden />
          {test.isPending ? 'Sending…' : 'Send test'}
        </button>
        {confirming ? (
          <span className="flex items-center gap-1">
            <button
              type="button"
              onClick={() => onDelete(id)}
              disabled={deleting}
              className="rounded border border-error bg-error-soft px-2 py-0.5 text-xs font-medium text-error"
            >
              {deleting ? 'Deleting…' : 'Delete'}
            </button>
            <button type="button" onClick={() => setConfirming(false)} className="rounded px-1.5 py-0.5 text-xs text-muted hover:text-ink">
              Keep
            </button>
          </span>
        ) : (
          <button
            type="button"
            aria-label={`Delete webhook ${url}`}
            onClick={() => setConfirming(true)}
            className="rounded p-1 text-muted hover:bg-error-soft hover:text-error"
          >
            <Trash2 size={14} aria-hidden />
          </button>
        )}
      </div>
      {(result || test.isError) && (
        <p data-testid="webhook-test-result" role="status" className={`mt-1 truncate text-xs ${result?.ok ? 'text-ok' : 'text-error'}`}>
          {test.isError
            ? `Test failed: ${test.error.message}`
            : result &&
              `${result.ok ? 'Delivered' : 'Not delivered'}: ${result.status === null ? 'no answer' : `HTTP ${result.status}`} in ${result.durationMs} ms — ${result.detail}`}
        </p>
      )}
    </li>
  );
});
