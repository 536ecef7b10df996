/**
 * An account's threading phase: the queue a large listing left (messages
 * in provisional conversations, pipeline/thread-queue.ts) threaded batch by
 * batch, with the progress the UI shows.
 *
 * Two callers, never at once: the account's work loop, one batch per turn
 * while connected (`step`), and, with no connection, `drainOffline`, which
 * runs until the queue is empty or a connection is up. Threading is
 * database work only, so a desktop that crashed mid-sync and starts offline
 * does not show provisional conversations until it reconnects.
 */
import type { Database } from 'better-sqlite3';
import type { SyncProgress } from '../../../src-preload/api.ts';
import type { Clock } from '../clock.ts';
import { countQueuedForThreading, hasQueuedForThreading } from '../db/thread-queue.repo.ts';
import type { Logger } from '../log.ts';
import { threadQueued } from '../pipeline/thread-queue.ts';
import { PhaseProgress } from './progress.ts';

// Queued messages threaded per transaction: a few hundred milliseconds, so the agent's requests wait no longer.
const THREAD_BATCH = 1000;

export interface ThreadingPhaseOptions {
  db: Database;
  accountId: number;
  clock: Clock;
  log: Logger;
  /** Messages threaded per transaction (default 1000). */
  batchSize?: number;
  /** Each batch's message ids, once committed. */
  onThreaded(ids: number[]): void;
}

export class ThreadingPhase {
  private readonly o: ThreadingPhaseOptions;
  private readonly batch: number;
  private draining = false;

  constructor(o: ThreadingPhaseOptions) {
    this.o = o;
    this.batch = Math.max(1, o.batchSize ?? THREAD_BATCH);
  }

  pending(): boolean {
    return hasQueuedForThreading(this.o.db, this.o.accountId);
  }

  /** A progress counter for the queue as it is now. */
  progress(): PhaseProgress {
    return new PhaseProgress('threading', countQueuedForThreading(this.o.db, this.o.accountId), this.o.clock.now());
  }

  /** Threads one batch, then yields to the event loop. Returns how many messages were threaded. */
  async step(): Promise<number> {
    const ids = threadQueued(this.o.db, this.o.accountId, this.batch);
    if (ids.length > 0) this.o.onThreaded(ids);
    await new Promise<void>((resolve) => setImmediate(resolve));
    return ids.length;
  }

  /**
   * Threads the queue while `go()` holds, reporting progress after each
   * batch, and null once the queue is empty. Stopped by `go()` (a connection
   * came up; the work loop goes on from there), it reports nothing more. A
   * failure (the disk full, the cache damaged) is handed to `failed`; the
   * queue stays, and the work loop tries again once connected. A second call
   * while one runs does nothing.
   */
  drainOffline(go: () => boolean, report: (progress: SyncProgress | null) => void, failed: (err: unknown) => void): void {
    if (this.draining || !go() || !this.pending()) return;
    this.draining = true;
    const progress = this.progress();
    const run = async (): Promise<void> => {
      report(progress.snapshot(this.o.clock.now()));
      while (go() && this.pending()) {
        progress.add(await this.step());
        if (go()) report(progress.snapshot(this.o.clock.now()));
      }
      if (go()) report(null);
    };
    void run()
      .catch((err: unknown) => {
        this.o.log.error('threading the queue offline failed', { err });
        if (go()) report(null);
        failed(err);
      })
      .finally(() => (this.draining = false));
  }
}
