/**
 * The pipeline's thread step (ARCHITECTURE §3: store → thread → contact → …),
 * its deferral for large sync batches, and catching up on mail stored
 * without it.
 *
 * Importing this module registers the step; contacts/contact-step.ts imports
 * it first, so threading always runs before the contact step.
 */
import type { Database } from 'better-sqlite3';
import { unthreadedMessageIds } from '../db/thread-index.repo.ts';
import { enqueueThreading } from '../db/thread-queue.repo.ts';
import { afterMessagesStored, registerAfterStoreStep, registerDeferral } from '../pipeline/after-store.ts';
import { placeProvisional, provisionalConversations } from './provisional.ts';
import { threadMessages } from './rethread.ts';

registerAfterStoreStep((db, stored) => threadMessages(db, stored.created), { threading: true });
registerDeferral((db, stored) => {
  for (const [accountId, ids] of provisionalConversations(db, stored.created)) enqueueThreading(db, accountId, ids);
}, placeProvisional);

const CATCH_UP_BATCH = 500;

/**
 * Runs the after-store pipeline for messages that never went through it (a
 * cache from before conversations existed, or mail stored by a tool that did
 * not load the steps). Returns how many messages it processed.
 */
export function catchUpPipeline(db: Database): number {
  let done = 0;
  let after = 0;
  for (;;) {
    const ids = unthreadedMessageIds(db, after, CATCH_UP_BATCH);
    const last = ids[ids.length - 1];
    if (last === undefined) return done;
    db.transaction(() => afterMessagesStored(db, { created: ids }))();
    done += ids.length;
    after = last;
  }
}
