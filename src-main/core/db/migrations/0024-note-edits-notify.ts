/**
 * 0024: a colleague's edit or deletion of their note reaches this desktop's
 * open timeline, and an edit that first names this agent tells them.
 * Before, only a note's first op (`conversation`) entered `triage_notify`,
 * so the fold learnt of new notes and nothing after: an edited note stayed
 * as first written in an open conversation until it was opened again.
 * Received ops on a note's text, mentions or deletion are queued too; the
 * fold (triage/refold.ts) refreshes the conversation's activity for each
 * and says "mentioned you" only when the author's mentions first name this
 * agent (notes.ts `newlyMentions`). Nothing is backfilled: ops received
 * before the upgrade were already folded.
 */
import type { Migration } from './migration.ts';

export const migration0024: Migration = {
  version: 24,
  name: 'note-edits-notify',
  sql: `
DROP TRIGGER ops_triage_note;
CREATE TRIGGER ops_triage_note AFTER INSERT ON ops
WHEN substr(new.entity, 1, 5) = 'note:'
BEGIN
  INSERT OR REPLACE INTO conversation_notes (note_entity, message_id)
    SELECT new.entity, json_extract(new.value, '$')
    WHERE new.field = 'conversation' AND json_valid(new.value) AND json_type(new.value) = 'text';
  INSERT INTO triage_notify (hlc) SELECT new.hlc
    WHERE new.sent_at IS NOT NULL AND new.field IN ('conversation', 'markdown', 'summary', 'mentions', 'deleted')
      AND NOT EXISTS (SELECT 1 FROM triage_notify WHERE hlc = new.hlc);
END;
`,
};
