'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { CheckCheck } from 'lucide-react';
import { useCallback } from 'react';
import { invalidateAlertLists, resolveAlert } from '@/lib/api-client/alerts';

/** Resolving alerts by hand: the call, which alert is on its way, and the last failure; alert lists refresh after. */
export function useResolveAlert() {
  const queryClient = useQueryClient();
  const mutation = useMutation({ mutationFn: resolveAlert, onSettled: () => invalidateAlertLists(queryClient) });
  const { mutate } = mutation;
  const onResolve = useCallback((fingerprint: string) => mutate(fingerprint), [mutate]);
  return {
    onResolve,
    resolving: mutation.isPending ? mutation.variables : null,
    error: mutation.isError ? mutation.error.message : null,
  };
}

/** The button on a firing alert that marks it handled. */
export function ResolveAlertButton(props: { fingerprint: string; onResolve: (fingerprint: string) => void; resolving: boolean; className: string }) {
  return (
    <button
      type="button"
      data-testid="alert-resolve"
      disabled={props.resolving}
      onClick={() => props.onResolve(props.fingerprint)}
      title="Mark the problem handled: the webhooks are told it resolved. If a later evaluation finds it again, it fires again."
      className={`inline-flex shrink-0 items-center gap-1 whitespace-nowrap font-medium text-muted hover:text-ink disabled:opacity-50 ${props.className}`}
    >
      <CheckCheck size={13} aria-hidden />
      {props.resolving ? 'Resolving…' : 'Resolve'}
    </button>
  );
}
