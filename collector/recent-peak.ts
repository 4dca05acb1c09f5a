/**
 * The largest value noted lately, forgotten gradually: halved for every half-life since it was noted, and replaced
 * by any value noted that is at least what is left of it. Times are `performance.now()` milliseconds.
 */
export class RecentPeak {
  private peak = 0;
  private notedAt = 0;

  constructor(private readonly halfLifeMs: number) {}

  note(value: number, now = performance.now()): void {
    if (value < this.value(now)) return;
    this.peak = value;
    this.notedAt = now;
  }

  value(now = performance.now()): number {
    return this.peak * 0.5 ** ((now - this.notedAt) / this.halfLifeMs);
  }
}
