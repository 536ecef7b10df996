/**
 * Draining the threading queue (migration 0008): the deferred pipeline steps
 * for what a large sync batch listed with provisional conversations. No
 * step is imported here: what runs is what the process registered, as for
 * storing (pipeline/after-store.ts).
 */
import type { Database } from 'better-sqlite3';
import { dequeueThreading, nextQueuedForThreading } from '../db/thread-queue.repo.ts';
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
