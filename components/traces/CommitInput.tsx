'use client';

import { useEffect, useState, type InputHTMLAttributes } from 'react';

/** A pause in typing this long applies the value; Enter or leaving the field applies it at once. */
const PAUSE_MS = 400;

interface Props extends Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange' | 'defaultValue'> {
  /** The applied value (from the URL). */
  value: string;
  onCommit: (value: string) => void;
}

/**
 * A text field that applies its value after a pause rather than on every keystroke, so typing "timeout" makes
 * one request, not seven. A change from outside (clearing all filters, going back) replaces the draft, but the
 * field's own value coming back from the URL does not, so a slow round trip never eats fresh keystrokes.
 */
export function CommitInput({ value, onCommit, onKeyDown, onBlur, ...rest }: Props) {
  const [draft, setDraft] = useState(value);
  const [applied, setApplied] = useState(value);
  const [seen, setSeen] = useState({ value, ownCommit: false });
  if (value !== seen.value) {
    // The URL changed. Our own commit coming back (perhaps normalised: "0." as "0") keeps the draft; any other
    // change is someone else's and replaces it.
    if (!seen.ownCommit) {
      setDraft(value);
      setApplied(value);
    }
    setSeen({ value, ownCommit: false });
  }

  const commit = (next: string) => {
    if (next === applied) return;
    setApplied(next);
    setSeen((current) => ({ ...current, ownCommit: true }));
    onCommit(next);
  };
  useEffect(() => {
    if (draft === applied) return;
    const timer = setTimeout(() => commit(draft), PAUSE_MS);
    return () => clearTimeout(timer);
  });

  return (
    <input
      {...rest}
      value={draft}
      onChange={(event) => setDraft(event.target.value)}
      onKeyDown={(event) => {
        if (event.key === 'Enter') commit(draft);
        if (event.key === 'Escape') setDraft(applied);
        onKeyDown?.(event);
      }}
      onBlur={(event) => {
        commit(draft);
        onBlur?.(event);
      }}
    />
  );
}
