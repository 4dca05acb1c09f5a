import { Rows3 } from 'lucide-react';

/** Says that only part of a very large expanded tree is rendered, and offers to move the window. */
export function WindowNotice({
  notice,
  canEarlier,
  canLater,
  onEarlier,
  onLater,
}: {
  notice: string;
  canEarlier: boolean;
  canLater: boolean;
  onEarlier: () => void;
  onLater: () => void;
}) {
  const button = 'rounded border border-line-strong bg-panel px-2 text-xs hover:bg-page disabled:opacity-40';
  return (
    <div className="flex flex-wrap items-center gap-2 border-b border-line bg-warn-soft px-3 py-1 text-xs" role="status" data-testid="window-notice">
      <Rows3 size={13} className="text-warn" aria-hidden />
      <span>{notice}. Collapse subtrees or filter to see more at once.</span>
      <button type="button" className={button} disabled={!canEarlier} onClick={onEarlier} data-testid="window-earlier">
        Earlier rows
      </button>
      <button type="button" className={button} disabled={!canLater} onClick={onLater} data-testid="window-later">
        Later rows
      </button>
    </div>
  );
}
