/**
 * 0023: customer mail this desktop has already folded as a conversation's
 * newest, so "a customer wrote again" is said once per mail, and never for
 * mail that only moved. An agent merging a conversation with a recent
 * customer mail into one assigned to them was told the customer had written:
 * the merged mail is newer than the target's, and a conversation's own times
 * cannot tell a move from an arrival. A mail announced (or folded quietly on
 * a first fold) in its old conversation is in this set, and stays in it
 * through the move. One row per customer mail that was ever a conversation's
 * newest; deleted with the mail.
 *
 * The backfill takes the mail of folded conversations up to the time they
 * were folded at, so an upgrade announces nothing old and nothing new is lost.
 */
import type { Migration } from './migration.ts';

export const migration0023: Migration = {
  version: 23,
  name: 'triage-heard',
  sql: `
CREATE TABLE triage_heard (
  message_id INTEGER PRIMARY KEY REFERENCES messages(id) ON DELETE CASCADE
);
INSERT INTO triage_heard (message_id)
  SELECT m.id FROM conversation_state s JOIN messages m ON m.conversation_id = s.conversation_id
  WHERE m.date <= s.last_message_at;
`,
};
