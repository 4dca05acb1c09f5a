'use client';

import { Radio } from 'lucide-react';

interface Props {
  live: boolean;
  /** Live follows the clock; a fixed custom window cannot. */
  disabled: boolean;
  onToggle: (live: boolean) => void;
}

/** Turns polling for new runs on and off. */
export function LiveToggle({ live, disabled, onToggle }: Props) {
  return (
    <button
      type="button"
      data-testid="live-toggle"
      aria-pressed={live}
      disabled={disabled}
      title={disabled ? 'Live mode follows a relative range (15 min … 7 d), not a custom window' : live ? 'Stop polling for new runs' : 'Poll for new runs every few seconds'}
      onClick={() => onToggle(!live)}
      className={`inline-flex items-center gap-1.5 rounded-md border px-2.5 py-1 text-xs font-medium disabled:cursor-not-allowed disabled:opacity-50 ${
        live ? 'border-ok bg-ok-soft text-ok' : 'border-line-strong bg-panel text-muted hover:text-ink'
      }`}
    >
      {live ? (
        <span aria-hidden className="relative flex size-2">
          <span className="absolute inline-flex size-full animate-ping rounded-full bg-ok opacity-60" />
          <span className="relative inline-flex size-2 rounded-full bg-ok" />
        </span>
      ) : (
        <Radio aria-hidden size={13} />
      )}
      {live ? 'Live' : 'Go live'}
    </button>
  );
}
