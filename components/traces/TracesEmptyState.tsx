import { SearchX } from 'lucide-react';
import { SendTracesHelp } from '@/components/overview/SendTracesHelp';
import { describeRange, type RangePreset } from '@/lib/traces-view/time-range';

interface Props {
  /** "in the last hour", or "between … and …". */
  rangePhrase: string;
  /** The range shown is a custom window, so the offer is to jump to a recent preset rather than to widen. */
  custom: boolean;
  filtered: boolean;
  wider: RangePreset | null;
  onWiden: (preset: RangePreset) => void;
  onClearFilters: () => void;
}

/** No runs to show: says why, and offers what helps (a wider range, fewer filters, how to send traces). */
export function TracesEmptyState({ rangePhrase, custom, filtered, wider, onWiden, onClearFilters }: Props) {
  const button = 'rounded-md border border-line-strong bg-panel px-2.5 py-1 text-xs font-medium hover:bg-page';
  return (
    <section data-testid="traces-empty" className="rounded-md border border-line bg-panel px-6 py-8">
      <div className="mx-auto max-w-xl">
        <div className="flex items-center gap-2">
          <SearchX aria-hidden size={18} className="text-faint" />
          <h2 className="font-semibold">
            {filtered ? `No runs match these filters ${rangePhrase}` : `No runs ${rangePhrase}`}
          </h2>
        </div>
        <div className="mt-3 flex flex-wrap gap-2">
          {filtered && (
            <button type="button" className={button} onClick={onClearFilters} data-testid="empty-clear-filters">
              Clear filters
            </button>
          )}
          {wider && (
            <button type="button" className={button} onClick={() => onWiden(wider)} data-testid="empty-widen-range">
              {custom ? 'Show' : 'Widen to'} the {describeRange({ kind: 'preset', preset: wider })}
            </button>
          )}
        </div>
        {!filtered && (
          <div className="mt-5 border-t border-line pt-4">
            <SendTracesHelp />
          </div>
        )}
      </div>
    </section>
  );
}
