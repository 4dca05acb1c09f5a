import type { PrettyJson } from '@/lib/span-view/pretty-json';

/**
 * Formatted JSON (or plain text) from a span, always rendered as text. Long values fold behind their summary
 * (`{3 keys}`, `[12 items]`); a value cut for size says how much was left out.
 */
export function JsonBlock({
  value,
  label,
  foldAboveLines = 24,
  tone = 'normal',
}: {
  value: PrettyJson;
  label?: string;
  foldAboveLines?: number;
  tone?: 'normal' | 'error';
}) {
  if (value.kind === 'empty') return <p className="text-xs italic text-faint">{label ? `${label}: ` : ''}none recorded</p>;
  const lines = value.text.split('\n').length;
  const boxClass =
    tone === 'error' ? 'border-error/30 bg-error-soft/60' : 'border-line bg-page';
  const body = (
    <>
      <pre
        className={`max-h-96 overflow-auto whitespace-pre-wrap break-words rounded border p-2 font-mono text-xs leading-snug ${boxClass}`}
      >
        {value.text}
      </pre>
      {value.truncated && (
        <p className="mt-1 text-xs text-warn">
          Showing the first {value.text.length.toLocaleString('en-US')} of {value.totalChars.toLocaleString('en-US')}{' '}
          characters.
        </p>
      )}
    </>
  );
  if (lines <= foldAboveLines) {
    return (
      <div>
        {label && <div className="mb-0.5 text-xs font-medium text-muted">{label}</div>}
        {body}
      </div>
    );
  }
  return (
    <details className="group/json">
      <summary className="cursor-pointer text-xs text-muted hover:text-ink">
        {label && <span className="font-medium">{label} </span>}
        <span className="font-mono">{value.summary}</span>
        <span className="text-faint"> · {lines} lines</span>
      </summary>
      <div className="mt-1">{body}</div>
    </details>
  );
}
