import { memo } from 'react';
import type { RuleField } from '@/lib/alerts/rule-fields';
import type { RuleId } from '@/lib/alerts/types';

export interface RuleRowProps {
  ruleId: RuleId;
  label: string;
  description: string;
  enabled: boolean;
  fields: RuleField[];
  /** Text being typed that is not a number yet, per field name. */
  drafts: Record<string, string>;
  /** The field the server rejected on the last save, if it is one of this rule's. */
  rejectedField: string | null;
  onToggle: (ruleId: RuleId, enabled: boolean) => void;
  onField: (ruleId: RuleId, name: string, text: string) => void;
}

/** One rule: its switch, what it catches, and its thresholds. */
export const RuleRow = memo(function RuleRow(props: RuleRowProps) {
  const { ruleId, label, description, enabled, fields, drafts, rejectedField, onToggle, onField } = props;
  return (
    <li
      data-testid="rule-row"
      data-rule={ruleId}
      className="flex flex-wrap items-start gap-x-4 gap-y-1.5 border-b border-line px-3 py-2 last:border-b-0"
    >
      <label className="flex w-64 shrink-0 items-start gap-2">
        <input
          type="checkbox"
          checked={enabled}
          onChange={(event) => onToggle(ruleId, event.target.checked)}
          aria-label={`${label} enabled`}
          className="mt-0.5 accent-accent"
        />
        <span className="min-w-0">
          <span className={`font-medium ${enabled ? 'text-ink' : 'text-muted'}`}>{label}</span>
          <span className="block text-xs text-muted">{description}</span>
        </span>
      </label>
      {fields.length > 0 && (
        <div className="flex min-w-0 flex-1 flex-wrap gap-x-3 gap-y-1.5">
          {fields.map((field) => {
            const draft = drafts[field.name];
            const invalid = draft !== undefined || rejectedField === field.name;
            return (
              <label key={field.name} className="flex flex-col text-[11px] text-muted">
                {field.label}
                <input
                  type="number"
                  inputMode="decimal"
                  step={field.step}
                  disabled={!enabled}
                  value={draft ?? String(field.value)}
                  aria-invalid={invalid || undefined}
                  onChange={(event) => onField(ruleId, field.name, event.target.value)}
                  className={`mt-0.5 w-24 rounded border bg-panel px-1.5 py-0.5 text-sm text-ink tabular-nums disabled:bg-page disabled:text-faint ${
                    invalid ? 'border-error' : 'border-line-strong'
                  }`}
                />
              </label>
            );
          })}
        </div>
      )}
    </li>
  );
});
