import { Telescope } from 'lucide-react';
import { SendTracesHelp } from './SendTracesHelp';

/** The overview before any trace has arrived: what Loupe is waiting for and exactly how to send it. */
export function FirstRunPanel() {
  return (
    <section data-testid="overview-first-run" className="mx-auto mt-6 max-w-2xl rounded-md border border-line bg-panel px-6 py-6">
      <div className="flex items-center gap-2">
        <Telescope aria-hidden size={20} className="text-accent" />
        <h2 className="text-base font-semibold">No traces yet</h2>
      </div>
      <p className="mt-1 text-muted">
        Loupe is running and its collector is listening. As soon as the first run arrives, this page shows failures,
        spend and the most expensive runs. It refreshes by itself.
      </p>
      <div className="mt-4 border-t border-line pt-4">
        <SendTracesHelp />
      </div>
    </section>
  );
}
