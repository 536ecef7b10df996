/**
 * Draining the threading queue (migration 0008): the deferred pipeline steps
 * for what a large sync batch listed with provisional conversations. No
 * step is imported here: what runs is what the process registered, as for
 * storing (pipeline/after-store.ts).
 */
import type { Database } from 'better-sqlite3';
import { dequeueThreading, hasQueuedForThreading, nextQueuedForThreading } from '../db/thread-queue.repo.ts';
import { runThreadingSteps } from './after-store.ts';

/**
 * Threads up to `limit` of the account's queued messages, with every
 * deferred step, in one transaction. Returns their ids (empty: nothing was queued).
 */
export function threadQueued(db: Database, accountId: number, limit: number): number[] {
  return db.transaction(() => {
    const ids = nextQueuedForThreading(db, accountId, limit);
    runThreadingSteps(db, { created: ids });
    dequeueThreading(db, ids);
    return ids;
  })();
}

/**
 * Threads the account's queue batch by batch while `go()` holds, yielding to
 * the event loop between batches so the agent's requests are answered
 * meanwhile. For a desktop without a connection: the queue is database work
 * only, so provisional conversations need not wait for the server.
 */
export async function drainThreadQueue(db: Database, accountId: number, batch: number, go: () => boolean, onThreaded: (ids: number[]) => void): Promise<void> {
  while (go() && hasQueuedForThreading(db, accountId)) {
    const ids = threadQueued(db, accountId, batch);
    if (ids.length > 0) onThreaded(ids);
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}
