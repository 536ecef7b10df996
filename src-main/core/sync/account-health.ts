/**
 * An account's health as the UI shows it, and when to tell the UI.
 *
 * Changes of state, error or last sync time are reported at once; progress
 * alone at most every `minIntervalMs` (a 50,000-message sync makes thousands
 * of batches, the agent needs a few updates a second). The contract's rule
 * that `lastError` stays until the next successful pass is the caller's.
 */
import type { AccountHealth, SyncProgress } from '../../../src-preload/api.ts';
import type { Clock } from '../clock.ts';

function sameProgress(a: SyncProgress | null, b: SyncProgress | null): boolean {
  if (a === null || b === null) return a === b;
  return a.phase === b.phase && a.done === b.done && a.total === b.total && a.etaSeconds === b.etaSeconds;
}

export class HealthReporter {
  private current: AccountHealth = { state: 'offline', progress: null, lastError: null, lastSyncAt: null };
  private lastEmitAt = Number.NEGATIVE_INFINITY;
  private readonly clock: Clock;
  private readonly emit: (health: AccountHealth) => void;
  private readonly minIntervalMs: number;

  constructor(clock: Clock, emit: (health: AccountHealth) => void, minIntervalMs = 250) {
    this.clock = clock;
    this.emit = emit;
    this.minIntervalMs = minIntervalMs;
  }

  get health(): AccountHealth {
    return this.current;
  }

  set(patch: Partial<AccountHealth>): void {
    const prev = this.current;
    const next: AccountHealth = { ...prev, ...patch };
    this.current = next;
    const structural = next.state !== prev.state || next.lastError?.text !== prev.lastError?.text || next.lastSyncAt !== prev.lastSyncAt;
    const phaseChanged = (next.progress?.phase ?? null) !== (prev.progress?.phase ?? null);
    if (!structural && !phaseChanged) {
      if (sameProgress(prev.progress, next.progress)) return;
      if (this.clock.now() - this.lastEmitAt < this.minIntervalMs) return;
    }
    this.lastEmitAt = this.clock.now();
    this.emit(next);
  }
}
