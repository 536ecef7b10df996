/**
 * 0020: a draft, and a reply on its way out, outlive their conversation.
 *
 * A conversation's row is deleted when its last message is (an agent's
 * "Delete for good", an expunge made elsewhere). A draft answering it kept
 * the deleted id, so neither the reading view nor "My drafts" could open it
 * again. It now loses only the link: it becomes a draft without a
 * conversation, which opens in the new-mail dock with its recipients,
 * subject and text, and can still be sent or discarded. Drafts whose message
 * moved to another conversation were taken along first (0018), so only
 * those whose conversation is really gone are detached.
 *
 * The partial indexes keep the trigger to an index probe: threading deletes
 * conversation rows by the thousand during a first sync.
 */
import type { Migration } from './migration.ts';

export const migration0020: Migration = {
  version: 20,
  name: 'drafts-outlive-their-conversation',
  sql: `
CREATE INDEX drafts_unsent_conversation ON drafts (conversation_id) WHERE state IN ('open', 'queued');
CREATE INDEX outbox_pending_conversation ON outbox (conversation_id) WHERE state IN ('undo-window', 'scheduled', 'sending', 'failed');
CREATE TRIGGER conversations_drafts_detach AFTER DELETE ON conversations
BEGIN
  UPDATE drafts SET conversation_id = NULL WHERE conversation_id = old.id AND state IN ('open', 'queued');
  UPDATE outbox SET conversation_id = NULL WHERE conversation_id = old.id AND state IN ('undo-window', 'scheduled', 'sending', 'failed');
END;
-- What was left behind before this migration.
UPDATE drafts SET conversation_id = NULL WHERE conversation_id IS NOT NULL AND state IN ('open', 'queued')
  AND NOT EXISTS (SELECT 1 FROM conversations c WHERE c.id = drafts.conversation_id);
UPDATE outbox SET conversation_id = NULL WHERE conversation_id IS NOT NULL AND state IN ('undo-window', 'scheduled', 'sending', 'failed')
  AND NOT EXISTS (SELECT 1 FROM conversations c WHERE c.id = outbox.conversation_id);
`,
};
