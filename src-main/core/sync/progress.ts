/**
 * "n of m, about t left" for one phase of a sync (headers, then bodies).
 *
 * The ETA is the remaining count at the rate seen so far in this phase. It is
 * null until there is something to go on (a second of work and at least one
 * item), so the UI never shows a wild first guess.
 */
import type { SyncProgress } from '../../../src-preload/api.ts';

const MIN_ELAPSED_MS = 1_000;

export class PhaseProgress {
  readonly phase: SyncProgress['phase'];
  private readonly startedAt: number;
  private doneNow = 0;
  private totalNow: number;

  constructor(phase: SyncProgress['phase'], total: number, now: number) {
    this.phase = phase;
    this.totalNow = Math.max(0, total);
    this.startedAt = now;
  }

  add(count: number): void {
    this.doneNow += Math.max(0, count);
    // Mail that arrived meanwhile: the total grows rather than "done" passing it.
    if (this.doneNow > this.totalNow) this.totalNow = this.doneNow;
  }

  /** More work became known during the phase. */
  grow(count: number): void {
    this.totalNow += Math.max(0, count);
  }

  get done(): number {
    return this.doneNow;
  }

  get total(): number {
    return this.totalNow;
  }

  snapshot(now: number): SyncProgress {
    const elapsed = now - this.startedAt;
    let etaSeconds: number | null = null;
    if (elapsed >= MIN_ELAPSED_MS && this.doneNow > 0) {
      const perMs = this.doneNow / elapsed;
      etaSeconds = Math.max(0, Math.round((this.totalNow - this.doneNow) / perMs / 1000));
    }
    return { phase: this.phase, done: this.doneNow, total: this.totalNow, etaSeconds };
  }
}
