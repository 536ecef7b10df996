/**
 * 0003: what the full sync engine needs on top of 0001.
 *
 * - `folders.delimiter` / `special_use`: as the server listed them, so a
 *   folder can be shown by name and its role explained.
 * - `messages.has_body`: headers-first sync stores a message row as soon as
 *   its headers are known (0 = body and attachment metadata still to fetch);
 *   rows made before this migration came with their bodies (default 1). The
 *   partial index is the background fetcher's to-do list, newest first.
 * - `messages.unlocated`: 1 while a message lives in no folder. A move made
 *   elsewhere is seen as "gone here" before "new there"; the row (and all
 *   team state hanging on it) must survive that gap. Triggers keep the flag,
 *   and the sync deletes only rows that stayed unlocated for a whole pass
 *   over every folder (see sync/orphans in account passes).
 * - `message_locations.hidden_by_op`: an agent's move or delete that has not
 *   reached the server yet. The location stays (it is still true on the
 *   server, and the sync must not re-add it) but lists ignore it; the move's
 *   target gets a placeholder location (uidvalidity 0, uid = -op id) until
 *   the server answers with the real UID.
 * - `writeback_ops`: the durable queue of the agent's changes to server state
 *   (flags, moves, deletes), replayed strictly in id order, one account at a
 *   time. An op is removed only in the transaction that records its effect.
 */
import type { Migration } from './migration.ts';

export const migration0003: Migration = {
  version: 3,
  name: 'sync',
  sql: `
ALTER TABLE folders ADD COLUMN delimiter TEXT;
ALTER TABLE folders ADD COLUMN special_use TEXT;

ALTER TABLE messages ADD COLUMN has_body INTEGER NOT NULL DEFAULT 1;
ALTER TABLE messages ADD COLUMN unlocated INTEGER NOT NULL DEFAULT 0;
CREATE INDEX messages_body_backlog ON messages (account_id, date DESC, id DESC) WHERE has_body = 0;
CREATE INDEX messages_unlocated ON messages (account_id) WHERE unlocated = 1;

ALTER TABLE message_locations ADD COLUMN hidden_by_op INTEGER;
CREATE INDEX message_locations_hidden ON message_locations (hidden_by_op) WHERE hidden_by_op IS NOT NULL;

CREATE TRIGGER message_locations_gone AFTER DELETE ON message_locations
BEGIN
  UPDATE messages SET unlocated = 1
  WHERE id = old.message_id AND unlocated = 0
    AND NOT EXISTS (SELECT 1 FROM message_locations l WHERE l.message_id = old.message_id);
END;

CREATE TRIGGER message_locations_added AFTER INSERT ON message_locations
BEGIN
  UPDATE messages SET unlocated = 0 WHERE id = new.message_id AND unlocated = 1;
END;

CREATE TABLE writeback_ops (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('flags', 'move', 'expunge')),
  -- The message row; no foreign key: the op outlives a row deleted meanwhile (it then does nothing).
  message_id INTEGER NOT NULL,
  payload TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  last_error TEXT
);
CREATE INDEX writeback_ops_account ON writeback_ops (account_id, id);
`,
};
