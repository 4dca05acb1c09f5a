/** Per-million rates as one compact line: "$2.50 / $10 / $1.25 / –", cache rates shown as – when absent. */
import type { PerMTokRates } from '../pricing';

const rate = (value: number | null) => (value === null ? '–' : `$${Number(value.toFixed(4))}`);

export function formatRates(rates: PerMTokRates): string {
  const parts = [rate(rates.input), rate(rates.output), rate(rates.cacheRead), rate(rates.cacheWrite)];
  return rates.reasoning === null ? parts.join(' / ') : `${parts.join(' / ')} · reasoning ${rate(rates.reasoning)}`;
}
