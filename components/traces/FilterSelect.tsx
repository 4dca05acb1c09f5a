'use client';

export interface FilterOption {
  value: string;
  label: string;
}

interface Props {
  label: string;
  testId: string;
  /** '' is "any". */
  value: string;
  anyLabel: string;
  options: readonly FilterOption[];
  onChange: (value: string) => void;
  disabled?: boolean;
  /** Room for longer option labels (10rem instead of 8). */
  wide?: boolean;
}

/**
 * A filter dropdown. A value from a shared link that the current range has no data for is still listed (and
 * selected), so the page never shows a filter as off while it is on.
 */
export function FilterSelect({ label, testId, value, anyLabel, options, onChange, disabled, wide = false }: Props) {
  const listed = value === '' || options.some((option) => option.value === value);
  return (
    <select
      aria-label={label}
      title={label}
      data-testid={testId}
      value={value}
      disabled={disabled}
      onChange={(event) => onChange(event.target.value)}
      className={`h-7 ${wide ? 'max-w-40' : 'max-w-32'} rounded-md border bg-panel px-1.5 text-xs ${
        value === '' ? 'border-line-strong text-muted' : 'border-accent font-medium text-accent'
      }`}
    >
      <option value="">{anyLabel}</option>
      {!listed && <option value={value}>{value}</option>}
      {options.map((option) => (
        <option key={option.value} value={option.value}>
          {option.label}
        </option>
      ))}
    </select>
  );
}
