/**
 * 0008: threading off the listing's critical path (docs/decisions.md,
 * "eighth pass").
 *
 * A large sync batch stores its messages with provisional conversations (one
 * per thread root the batch itself shows) and queues them here; the
 * account's threading pass drains the queue in its own transactions and
 * threads them for real. The queue lives in the same transaction as the
 * rows, so a crash leaves queued work, never a message that skipped
 * threading or contacts.
 *
 * Invariant: a message is in `thread_queue` exactly while its thread keys are
 * not saved and the pipeline's threading steps (thread, contact) have not run
 * for it. The row goes with its message (expunged before its turn).
 */
import type { Migration } from './migration.ts';

export const migration0008: Migration = {
  version: 8,
  name: 'thread-queue',
  sql: `
CREATE TABLE thread_queue (
  message_id INTEGER PRIMARY KEY REFERENCES messages(id) ON DELETE CASCADE,
  account_id INTEGER NOT NULL
);
-- Drained per account in storing order: headers-first sync stores newest first, so the newest mail is threaded first.
CREATE INDEX thread_queue_account ON thread_queue (account_id, message_id);
`,
};
