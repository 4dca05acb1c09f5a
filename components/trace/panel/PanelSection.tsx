import type { ReactNode } from 'react';

/**
 * One foldable section of the span panel. A native <details> keeps folding accessible (keyboard and screen
 * readers) without state; the heading carries a count or a short note so a folded section still says something.
 */
export function PanelSection({
  testId,
  title,
  note,
  tone = 'normal',
  defaultOpen = true,
  children,
}: {
  testId: string;
  title: string;
  note?: ReactNode;
  tone?: 'normal' | 'error' | 'warn';
  defaultOpen?: boolean;
  children: ReactNode;
}) {
  const titleClass = tone === 'error' ? 'text-error' : tone === 'warn' ? 'text-warn' : 'text-ink';
  return (
    <section data-testid={testId} aria-label={title} className="border-b border-line">
      <details open={defaultOpen} className="group">
        <summary className="flex cursor-pointer select-none items-center gap-2 px-4 py-2 hover:bg-page">
          <span aria-hidden className="text-faint transition-transform group-open:rotate-90">
            ▸
          </span>
          <h3 className={`text-xs font-semibold uppercase tracking-wide ${titleClass}`}>{title}</h3>
          {note !== undefined && <span className="min-w-0 truncate text-xs text-muted">{note}</span>}
        </summary>
        <div className="px-4 pb-3">{children}</div>
      </details>
    </section>
  );
}
