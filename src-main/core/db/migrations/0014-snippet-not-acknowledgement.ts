/**
 * 0014: a conversation's snippet leaves out a rule's acknowledgement. The
 * list shows the newest member's snippet so an agent triages by what the
 * customer wrote; after an automatic acknowledgement (our own words, sent
 * to every new customer) that would be the same sentence on every row.
 * Threading computes the snippet the same way (conversation-fields.ts
 * `aggregatesOf`); this is the trigger that recomputes it when a body
 * arrives after headers-first sync. An acknowledgement's Message-ID is
 * `sb-action.…` (team/claims.ts `actionMessageId`).
 */
import type { Migration } from './migration.ts';

export const migration0014: Migration = {
  version: 14,
  name: 'snippet-not-acknowledgement',
  sql: `
DROP TRIGGER messages_body_conversation;
CREATE TRIGGER messages_body_conversation AFTER UPDATE OF snippet, has_attachments ON messages
WHEN new.conversation_id IS NOT NULL
BEGIN
  UPDATE conversations SET
    attachment_count = (SELECT count(*) FROM messages WHERE conversation_id = new.conversation_id AND has_attachments <> 0),
    snippet = coalesce(
      (SELECT snippet FROM messages WHERE conversation_id = new.conversation_id AND (message_id IS NULL OR message_id NOT LIKE 'sb-action.%')
        ORDER BY date DESC, id DESC LIMIT 1),
      (SELECT snippet FROM messages WHERE conversation_id = new.conversation_id ORDER BY date DESC, id DESC LIMIT 1),
      '')
  WHERE id = new.conversation_id;
END;
`,
};
