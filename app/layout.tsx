import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { AppHeader } from '@/components/AppHeader';
import { HydrationMark } from '@/components/HydrationMark';
import { QueryProvider } from '@/components/QueryProvider';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Loupe', template: '%s · Loupe' },
  description: 'Trace explorer for LLM agent systems',
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen">
        <QueryProvider>
          <AppHeader />
          <main className="px-4 py-4">{children}</main>
          <HydrationMark />
        </QueryProvider>
      </body>
    </html>
  );
}
