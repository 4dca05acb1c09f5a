import { Search } from 'lucide-react';
import Link from 'next/link';
import { AppNav } from './AppNav';

/** The top bar on every page: the product name (home) and the main navigation. */
export function AppHeader() {
  return (
    <header className="sticky top-0 z-20 border-b border-line bg-panel">
      <div className="flex h-12 items-center gap-6 px-4">
        <Link href="/" className="flex items-center gap-1.5 font-semibold tracking-tight text-ink">
          <Search aria-hidden size={16} strokeWidth={2.5} className="text-accent" />
          Loupe
        </Link>
        <AppNav />
      </div>
    </header>
  );
}
