/**
 * Counts spans dropped one by one and keeps a few distinct reasons for partial_success.error_message. Reasons are
 * value-free templates, so a batch of 5,000 spans with the same fault yields one line, not 5,000.
 */
export const MAX_REJECTION_REASONS = 5;

export class Rejections {
  count = 0;
  private readonly byReason = new Map<string, number>();

  add(reason: string): void {
    this.count++;
    const seen = this.byReason.get(reason);
    if (seen !== undefined) this.byReason.set(reason, seen + 1);
    else if (this.byReason.size < MAX_REJECTION_REASONS) this.byReason.set(reason, 1);
  }

  /** "reason" for a single span, "reason (N spans)" when several share it. */
  reasons(): string[] {
    return [...this.byReason].map(([reason, n]) => (n === 1 ? reason : `${reason} (${n} spans)`));
  }
}

/** The checks both encodings share once ids are hex and times are bigint. */
export function timeProblem(start: bigint, end: bigint): string | null {
  return end < start ? 'endTimeUnixNano is before startTimeUnixNano' : null;
}
