// When a bulk runner takes its next TrustedForm 4.0 row. Recovery cannot look a 4.0 row up, so a row left "sending"
// by a dead worker becomes "unknown" for a reviewer: a row should be taken (marked "sending") as shortly as possible
// before it is sent. Taking it only after the current answer puts a database round trip in front of every claim;
// taking it a little before the current answer is expected hides that round trip while a row is seldom taken long
// before it is sent. Money is never at stake here: a row taken too early and then lost is unknown, never sent twice.

/** The share of answers expected to come before the next row is taken (a lower quartile of the answer times). */
const EARLY_SHARE = 0.25;
/** Weight of the newest take time in its running average. */
const WEIGHT = 0.1;

export class TakeTiming {
  /** Tracks the answers' lower quartile: robust to outliers, and follows answers that slow down or speed up. */
  private answerMs: number | null = null;
  private takeMs: number | null = null;

  /** How long a request took from being handed over to being settled. */
  observeAnswer(ms: number) {
    if (this.answerMs === null) {
      this.answerMs = ms;
      return;
    }
    const step = Math.max(1, this.answerMs * 0.02);
    this.answerMs += ms < this.answerMs ? -step * (1 - EARLY_SHARE) : step * EARLY_SHARE;
  }

  /** How long taking a row took. */
  observeTake(ms: number) {
    this.takeMs = this.takeMs === null ? ms : this.takeMs + WEIGHT * (ms - this.takeMs);
  }

  /**
   * Milliseconds after sending a row to start taking the next one, so that the next row is ready about when an
   * early answer comes; null before both have been seen (then the next row is taken after the answer).
   */
  takeDelayMs(): number | null {
    if (this.answerMs === null || this.takeMs === null) return null;
    return Math.max(0, Math.round(this.answerMs - 1.5 * this.takeMs));
  }
}
