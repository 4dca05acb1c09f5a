'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useMemo, useState } from 'react';
import { alertRulesQuery, invalidateAlertRules, saveAlertRules } from '@/lib/api-client/alerts';
import { fieldOfError, fieldTexts, parseThreshold, ruleFormRows, withFieldText, withRuleValue } from '@/lib/alerts/rule-fields';
import type { RuleId } from '@/lib/alerts/types';
import type { DetectorConfig } from '@/lib/detectors/config';
import { RuleRow } from './RuleRow';

/** The project's rules: switch each on or off and set its thresholds; saved together. */
export function RulesForm() {
  const query = useQuery(alertRulesQuery());
  const queryClient = useQueryClient();
  // The edit in progress; null while the form shows what is stored.
  const [draft, setDraft] = useState<DetectorConfig | null>(null);
  const [texts, setTexts] = useState<Record<string, string>>({});
  const save = useMutation({
    mutationFn: saveAlertRules,
    onSuccess: async (saved) => {
      queryClient.setQueryData(alertRulesQuery().queryKey, saved);
      setDraft(null);
      await invalidateAlertRules(queryClient);
    },
  });

  const { reset: resetSave } = save;
  const config = draft ?? query.data?.rules ?? null;
  const rows = useMemo(() => (config ? ruleFormRows(config) : []), [config]);

  // Edits start from the stored rules the first time, then build on the draft.
  const edit = useCallback(
    (ruleId: RuleId, name: string, value: number | boolean) =>
      setDraft((current) => {
        const base = current ?? queryClient.getQueryData(alertRulesQuery().queryKey)?.rules;
        return base ? withRuleValue(base, ruleId, name, value) : current;
      }),
    [queryClient],
  );
  const onToggle = useCallback((ruleId: RuleId, enabled: boolean) => edit(ruleId, 'enabled', enabled), [edit]);
  const onField = useCallback(
    (ruleId: RuleId, name: string, text: string) => {
      const value = parseThreshold(text);
      setTexts((current) => withFieldText(current, ruleId, name, value === null ? text : null));
      if (value !== null) edit(ruleId, name, value);
      resetSave();
    },
    [edit, resetSave],
  );

  if (query.isError) return <p role="alert" className="px-3 py-4 text-sm text-error">Rules could not be loaded: {query.error.message}</p>;
  if (!config || !query.data) return <p className="px-3 py-4 text-sm text-muted">Loading rules…</p>;

  const hasInvalid = Object.keys(texts).length > 0;
  // The field a rejected save names is marked like a field that is not a number.
  const rejected = save.isError ? fieldOfError(save.error.message) : null;
  const dirty = draft !== null;
  const defaults = query.data.defaults;
  return (
    <form
      data-testid="rules-form"
      aria-label="Alert rules"
      onSubmit={(event) => {
        event.preventDefault();
        if (draft && !hasInvalid) save.mutate(draft);
      }}
    >
      <ul>
        {rows.map((row) => (
          <RuleRow
            key={row.ruleId}
            ruleId={row.ruleId}
            label={row.label}
            description={row.description}
            enabled={row.enabled}
            fields={row.fields}
            drafts={fieldTexts(texts, row.ruleId)}
            rejectedField={rejected?.ruleId === row.ruleId ? rejected.name : null}
            onToggle={onToggle}
            onField={onField}
          />
        ))}
      </ul>
      <div className="flex flex-wrap items-center gap-2 border-t border-line px-3 py-2">
        <button
          type="submit"
          disabled={!dirty || hasInvalid || save.isPending}
          className="rounded-md bg-accent px-3 py-1 text-sm font-medium text-white disabled:opacity-40"
        >
          {save.isPending ? 'Saving…' : 'Save rules'}
        </button>
        <button
          type="button"
          disabled={!dirty && !hasInvalid}
          onClick={() => {
            setDraft(null);
            setTexts({});
            save.reset();
          }}
          className="rounded-md border border-line px-3 py-1 text-sm text-muted hover:text-ink disabled:opacity-40"
        >
          Discard changes
        </button>
        <button
          type="button"
          onClick={() => {
            setDraft(defaults);
            setTexts({});
          }}
          className="rounded-md px-2 py-1 text-sm text-muted underline-offset-2 hover:text-ink hover:underline"
        >
          Use defaults
        </button>
        <span role="status" className="text-xs">
          {save.isError ? (
            <span className="text-error">Not saved: {save.error.message}</span>
          ) : hasInvalid ? (
            <span className="text-error">Enter a number in each highlighted field.</span>
          ) : save.isSuccess && !dirty ? (
            <span className="text-ok">Saved. New traces are checked against these rules.</span>
          ) : dirty ? (
            <span className="text-warn">Unsaved changes</span>
          ) : !query.data.customised ? (
            <span className="text-faint">Using the default rules</span>
          ) : null}
        </span>
      </div>
    </form>
  );
}

