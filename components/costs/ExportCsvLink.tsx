import { Download } from 'lucide-react';

/** A plain download link: the browser saves the CSV the API answers with, the same rows as the table. */
export function ExportCsvLink({ href, table }: { href: string; table: string }) {
  return (
    <a
      href={href}
      download
      data-testid="export-csv"
      data-table={table}
      className="inline-flex items-center gap-1 rounded-md border border-line px-2 py-0.5 text-xs text-muted hover:bg-page hover:text-ink"
    >
      <Download aria-hidden size={12} />
      Export CSV
    </a>
  );
}
