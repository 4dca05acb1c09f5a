'use client';

import { Bell, LayoutDashboard, ListTree, Settings, Wallet, type LucideIcon } from 'lucide-react';
import Link from 'next/link';
import { usePathname } from 'next/navigation';

interface NavItem {
  href: string;
  label: string;
  icon: LucideIcon;
}

const NAV_ITEMS: readonly NavItem[] = [
  { href: '/', label: 'Overview', icon: LayoutDashboard },
  { href: '/traces', label: 'Traces', icon: ListTree },
  { href: '/costs', label: 'Costs', icon: Wallet },
  { href: '/alerts', label: 'Alerts', icon: Bell },
  { href: '/settings', label: 'Settings', icon: Settings },
];

/** A section is active on its own page and every page below it (a trace's page keeps "Traces" lit). */
function isActive(href: string, pathname: string): boolean {
  return href === '/' ? pathname === '/' : pathname === href || pathname.startsWith(`${href}/`);
}

export function AppNav() {
  const pathname = usePathname() ?? '/';
  return (
    <nav aria-label="Main" className="flex items-center gap-1">
      {NAV_ITEMS.map(({ href, label, icon: Icon }) => {
        const active = isActive(href, pathname);
        return (
          <Link
            key={href}
            href={href}
            aria-current={active ? 'page' : undefined}
            className={`flex items-center gap-1.5 rounded-md px-2.5 py-1.5 text-sm transition-colors ${
              active ? 'bg-accent-soft font-medium text-accent' : 'text-muted hover:bg-page hover:text-ink'
            }`}
          >
            <Icon aria-hidden size={15} strokeWidth={2} />
            {label}
          </Link>
        );
      })}
    </nav>
  );
}
