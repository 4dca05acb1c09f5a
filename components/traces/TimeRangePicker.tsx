'use client';

import { CalendarRange } from 'lucide-react';
import { useState, type FormEvent } from 'react';
import {
  describeRange,
  fromDateTimeLocal,
  PRESET_SHORT_LABEL,
  RANGE_PRESETS,
  resolveRange,
  toDateTimeLocal,
  type TimeRange,
} from '@/lib/traces-view/time-range';
import { useReaderTimeZone } from './useReaderTimeZone';

interface Props {
  range: TimeRange;
  onChange: (range: TimeRange) => void;
}

const segment = 'px-2.5 py-1 text-xs font-medium first:rounded-l-md last:rounded-r-md border-line-strong';

/** Presets (15 min … 7 d) as one segmented control, and a custom from–to window in the reader's zone. */
export function TimeRangePicker({ range, onChange }: Props) {
  const timeZone = useReaderTimeZone();
  const [editing, setEditing] = useState<{ from: string; to: string } | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  const startCustom = () => {
    const { fromMs, toMs } = resolveRange(range, Date.now());
    setEditing({ from: toDateTimeLocal(fromMs), to: toDateTimeLocal(toMs) });
    setProblem(null);
  };
  const apply = (event: FormEvent) => {
    event.preventDefault();
    if (!editing) return;
    const fromMs = fromDateTimeLocal(editing.from);
    const toMs = fromDateTimeLocal(editing.to);
    if (fromMs === null || toMs === null) return setProblem('Enter both times');
    if (fromMs >= toMs) return setProblem('“From” must be before “to”');
    setEditing(null);
    onChange({ kind: 'custom', fromMs, toMs });
  };

  return (
    <div className="flex flex-wrap items-center gap-2">
      <div role="group" aria-label="Time range" data-testid="time-range" className="flex rounded-md border border-line-strong bg-panel">
        {RANGE_PRESETS.map((preset) => {
          const active = range.kind === 'preset' && range.preset === preset;
          return (
            <button
              key={preset}
              type="button"
              data-range={preset}
              aria-pressed={active}
              onClick={() => {
                setEditing(null);
                onChange({ kind: 'preset', preset });
              }}
              className={`${segment} border-r ${active ? 'bg-accent text-white' : 'text-muted hover:bg-page hover:text-ink'}`}
            >
              {PRESET_SHORT_LABEL[preset]}
            </button>
          );
        })}
        <button
          type="button"
          data-range="custom"
          data-testid="time-range-custom"
          aria-pressed={range.kind === 'custom'}
          aria-expanded={editing !== null}
          onClick={() => (editing ? setEditing(null) : startCustom())}
          className={`${segment} inline-flex items-center gap-1 ${
            range.kind === 'custom' ? 'bg-accent text-white' : 'text-muted hover:bg-page hover:text-ink'
          }`}
        >
          <CalendarRange aria-hidden size={13} />
          {range.kind === 'custom' ? describeRange(range, timeZone, Date.now()) : 'Custom'}
        </button>
      </div>
      {editing && (
        <form onSubmit={apply} className="flex flex-wrap items-center gap-1.5 text-xs" aria-label="Custom time range">
          <label className="flex items-center gap-1 text-muted">
            From
            <input
              type="datetime-local"
              data-testid="time-range-from"
              value={editing.from}
              onChange={(e) => setEditing({ ...editing, from: e.target.value })}
              className="rounded border border-line-strong bg-panel px-1.5 py-0.5 text-ink"
            />
          </label>
          <label className="flex items-center gap-1 text-muted">
            to
            <input
              type="datetime-local"
              data-testid="time-range-to"
              value={editing.to}
              onChange={(e) => setEditing({ ...editing, to: e.target.value })}
              className="rounded border border-line-strong bg-panel px-1.5 py-0.5 text-ink"
            />
          </label>
          <button
            type="submit"
            data-testid="time-range-apply"
            className="rounded bg-accent px-2 py-0.5 font-medium text-white hover:bg-accent/90"
          >
            Apply
          </button>
          {problem && (
            <span role="alert" className="text-error">
              {problem}
            </span>
          )}
        </form>
      )}
    </div>
  );
}
