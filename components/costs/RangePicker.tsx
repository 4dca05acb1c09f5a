'use client';

import { VIEW_DAYS, type ViewDays } from '@/lib/costs/view';

/** The cost page's range: the last 7, 30 or 90 days. */
export function RangePicker({ value, onChange }: { value: ViewDays; onChange: (days: ViewDays) => void }) {
  return (
    <div role="radiogroup" aria-label="Range" data-testid="cost-range" className="flex rounded-md border border-line bg-panel p-0.5">
      {VIEW_DAYS.map((days) => (
        <button
          key={days}
          type="button"
          role="radio"
          aria-checked={value === days}
          data-value={days}
          onClick={() => onChange(days)}
          className={`rounded px-2.5 py-1 text-sm ${value === days ? 'bg-accent-soft font-medium text-accent' : 'text-muted hover:text-ink'}`}
        >
          {days} days
        </button>
      ))}
    </div>
  );
}
