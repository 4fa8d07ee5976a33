// When a bulk runner takes its next TrustedForm 4.0 row. Recovery cannot look a 4.0 row up, so a row left "sending"
// by a dead worker becomes "unknown" for a reviewer: a row should be taken (marked "sending") as shortly as possible
// before it is sent. Taking it only after the current answer puts a database round trip in front of every claim;
// taking it a little before the current answer is expected hides that round trip while a row is seldom taken long
// before it is sent. Money is never at stake here: a row taken too early and then lost is unknown, never sent twice.

/** Weight of the newest observation in the running averages. */
const WEIGHT = 0.1;

export class TakeTiming {
  private answerMs: number | null = null;
  private takeMs: number | null = null;

  /** How long a request took from being handed over to being settled. */
  observeAnswer(ms: number) {
    this.answerMs = this.answerMs === null ? ms : this.answerMs + WEIGHT * (ms - this.answerMs);
  }

  /** How long taking a row took. */
  observeTake(ms: number) {
    this.takeMs = this.takeMs === null ? ms : this.takeMs + WEIGHT * (ms - this.takeMs);
  }

  /**
   * Milliseconds after sending a row to start taking the next one, so that it is taken about when the answer
   * comes; null before both have been seen (then the next row is taken after the answer).
   */
  takeDelayMs(): number | null {
    if (this.answerMs === null || this.takeMs === null) return null;
    return Math.max(0, Math.round(this.answerMs - 1.5 * this.takeMs));
  }
}
