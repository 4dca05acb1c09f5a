/**
 * Number formatting shared by every page, so a cost or a duration reads the same in the list, the tree and the
 * charts. Unknown is shown as unknown: a null cost is never printed as $0.
 */

export function formatUsd(value: number | null, options: { unpriced?: number } = {}): string {
  if (value === null) return 'unpriced';
  const suffix = options.unpriced ? ` + ${options.unpriced} unpriced` : '';
  if (value === 0) return `$0${suffix}`;
  const abs = Math.abs(value);
  const digits = abs >= 100 ? 0 : abs >= 1 ? 2 : abs >= 0.01 ? 3 : abs >= 0.0001 ? 5 : 7;
  return `$${value.toFixed(digits)}${suffix}`;
}

export function formatTokens(value: number): string {
  if (value < 1000) return String(value);
  if (value < 1_000_000) return `${(value / 1000).toFixed(value < 10_000 ? 1 : 0)}k`;
  return `${(value / 1_000_000).toFixed(value < 10_000_000 ? 2 : 1)}M`;
}

export function formatDurationMs(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '—';
  if (ms < 1) return `${Math.round(ms * 1000)} µs`;
  if (ms < 1000) return `${ms < 10 ? ms.toFixed(1) : Math.round(ms)} ms`;
  const s = ms / 1000;
  if (s < 60) return `${s < 10 ? s.toFixed(2) : s.toFixed(1)} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m ${Math.round(s % 60)}s`;
  return `${Math.floor(m / 60)}h ${m % 60}m`;
}

export function formatCount(value: number): string {
  return value.toLocaleString('en-US');
}
