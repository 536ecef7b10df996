/**
 * 0010: ops kept on this desktop, never sent to the team (`kept_here`).
 *
 * Until now an op kept here (what an agent did to the demo's made-up mail
 * while no mailbox was connected, team/local-actor.ts) was appended as if
 * already sent: `sent_at` set, so the offline queue skipped it. But a
 * compaction snapshot (team/compaction.ts) holds every *sent* winning op, so
 * the first compaction of a real team folder published all of them. A kept
 * op now has `sent_at` null and `kept_here` 1: it is in no queue and in no
 * snapshot, and removing the demo deletes it.
 *
 * Ops kept before this migration are recognised by how they were appended:
 * made by this desktop (the actor is its node id) about mail
 * (`msg:`, `note:`, `presence:`, `claim:`, `contact:`) and marked sent in the
 * same millisecond they were recorded. An op this desktop really sent was
 * marked sent later, after the team folder's APPEND returned; its own ops
 * read back from the folder are already in the log, so never appended again.
 */
import type { Migration } from './migration.ts';

export const migration0010: Migration = {
  version: 10,
  name: 'ops-kept-here',
  sql: `
ALTER TABLE ops ADD COLUMN kept_here INTEGER NOT NULL DEFAULT 0;
UPDATE ops SET kept_here = 1, sent_at = NULL
  WHERE actor = (SELECT value FROM settings WHERE key = 'agent.node')
    AND sent_at = received_at
    AND (substr(entity, 1, 4) = 'msg:' OR substr(entity, 1, 5) = 'note:' OR substr(entity, 1, 9) = 'presence:'
      OR substr(entity, 1, 6) = 'claim:' OR substr(entity, 1, 8) = 'contact:');
DROP INDEX ops_unsent;
CREATE INDEX ops_unsent ON ops (hlc) WHERE sent_at IS NULL AND kept_here = 0;
`,
};
