/**
 * 0011: internal notes and logged calls are found by search (issue 4 asked
 * for FTS5 over subjects, bodies, participants and notes).
 *
 * A note's text is indexed with the message it is anchored to (the
 * Message-ID in its `conversation` field, `conversation_notes`), appended to
 * that message's `body` column (db/search.repo.ts `INDEX_ROW`): a search for
 * its words finds the message, so the conversation, with no second index to
 * merge into search's date-ordered paging, and no new column (which would
 * mean rebuilding the whole index). The trigger below queues the anchor
 * message again whenever a note is written, changed or deleted; this
 * migration queues those of the notes already made.
 */
import type { Migration } from './migration.ts';

export const migration0011: Migration = {
  version: 11,
  name: 'notes-searchable',
  sql: `
CREATE TRIGGER ops_search_note AFTER INSERT ON ops
WHEN substr(new.entity, 1, 5) = 'note:' AND new.field IN ('conversation', 'markdown', 'summary', 'deleted')
BEGIN
  INSERT INTO search_queue (message_id)
    SELECT m.id FROM messages m
    WHERE m.message_id IN (
        SELECT n.message_id FROM conversation_notes n WHERE n.note_entity = new.entity
        UNION SELECT json_extract(new.value, '$') WHERE new.field = 'conversation' AND json_valid(new.value) AND json_type(new.value) = 'text')
      AND NOT EXISTS (SELECT 1 FROM search_queue q WHERE q.message_id = m.id);
END;

INSERT INTO search_queue (message_id)
  SELECT DISTINCT m.id FROM conversation_notes n JOIN messages m ON m.message_id = n.message_id
  WHERE NOT EXISTS (SELECT 1 FROM search_queue q WHERE q.message_id = m.id);
`,
};
