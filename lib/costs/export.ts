/**
 * The CSV of each cost table, with the same rows the page shows: one header and row mapping per table, so a
 * column added to a table on the page is added to its export in the same place.
 */
import { toCsv, type CsvCell } from './csv';
import type { ExportTable } from './params';
import type { ApiCostBreakdown, ApiCostSummary } from './types';

export function breakdownCsv(breakdown: ApiCostBreakdown): string {
  return toCsv(
    [breakdown.dimension, 'cost_usd', 'previous_cost_usd', 'change_usd', 'change_ratio', 'share', 'calls', 'unpriced_calls', 'input_tokens', 'output_tokens', 'cache_read_tokens'],
    breakdown.rows.map((r): CsvCell[] => [
      r.key,
      r.costUsd,
      r.previousCostUsd,
      r.change.deltaUsd,
      r.change.ratio,
      r.share,
      r.calls,
      r.unpricedCalls,
      r.inputTokens,
      r.outputTokens,
      r.cacheReadTokens,
    ]),
  );
}

export function summaryCsv(table: Exclude<ExportTable, 'model' | 'agent' | 'service' | 'project'>, summary: ApiCostSummary): string {
  switch (table) {
    case 'traces':
      return toCsv(
        ['trace_id', 'root_name', 'service', 'start_time', 'cost_usd', 'calls', 'unpriced_calls'],
        summary.topTraces.map((t) => [t.traceId, t.rootName, t.serviceName, t.startTime, t.costUsd, t.calls, t.unpricedCalls]),
      );
    case 'agents':
      return toCsv(
        ['agent', 'cost_usd', 'calls'],
        summary.topAgents.map((a) => [a.agent, a.costUsd, a.calls]),
      );
    case 'unpriced':
      return toCsv(
        ['provider', 'model', 'unpriced_calls', 'input_tokens', 'output_tokens'],
        summary.unpriced.map((u) => [u.provider, u.model, u.calls, u.inputTokens, u.outputTokens]),
      );
    case 'cache':
      return toCsv(
        ['provider', 'model', 'cache_read_tokens', 'saved_usd', 'input_per_mtok', 'cache_read_per_mtok'],
        summary.cacheSavings.map((c) => [c.provider, c.model, c.cacheReadTokens, c.savedUsd, c.inputPerMTok, c.cacheReadPerMTok]),
      );
  }
}

export function exportFileName(table: ExportTable, fromIso: string, toIso: string): string {
  return `loupe-costs-${table}-${fromIso.slice(0, 10)}-${toIso.slice(0, 10)}.csv`;
}
