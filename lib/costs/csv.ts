/**
 * CSV (RFC 4180) for the cost exports. Cells that a spreadsheet would run as a formula (text starting with
 * = + - @, tab or carriage return — a model or agent name comes from telemetry, so anyone can choose it) get a
 * leading apostrophe; numbers are written as numbers.
 */

export type CsvCell = string | number | null;

const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: CsvCell): string {
  if (value === null) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  return [header, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
