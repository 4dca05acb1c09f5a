'use client';

import { COST_DIMENSIONS, type CostDimension } from '@/lib/costs/types';

const LABELS: Record<CostDimension, string> = { model: 'Model', agent: 'Agent', service: 'Service', project: 'Project' };

/** Which dimension the spend chart stacks by. */
export function GroupingSwitch({ value, onChange }: { value: CostDimension; onChange: (dimension: CostDimension) => void }) {
  return (
    <div role="radiogroup" aria-label="Stack by" data-testid="cost-grouping" className="flex items-center gap-1 text-sm">
      <span className="mr-1 text-muted">Stack by</span>
      {COST_DIMENSIONS.map((dimension) => (
        <button
          key={dimension}
          type="button"
          role="radio"
          aria-checked={value === dimension}
          data-value={dimension}
          onClick={() => onChange(dimension)}
          className={`rounded-md border px-2 py-0.5 ${
            value === dimension ? 'border-accent bg-accent-soft font-medium text-accent' : 'border-line text-muted hover:text-ink'
          }`}
        >
          {LABELS[dimension]}
        </button>
      ))}
    </div>
  );
}
