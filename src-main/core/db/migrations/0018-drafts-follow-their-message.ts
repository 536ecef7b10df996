/**
 * 0018: a draft, and a reply on its way out, belong to the conversation of
 * the message they answer, wherever threading puts that message.
 *
 * A conversation is deleted when its mail joins another (an agent's "Merge
 * into…", or mail that links two threads), and a split moves mail to a new
 * one. Drafts and outbox rows kept the old id: the agent's half-written reply
 * no longer showed under any conversation, and a scheduled reply was no
 * longer checked against the conversation it answers. A trigger on the
 * message's move keeps them with it, whichever code path moves it.
 *
 * Two open drafts of one kind can now meet in one conversation (both merged
 * conversations had a reply started), so "one open draft per conversation
 * and kind" is no longer a constraint: the composer resumes the newest, and
 * the other comes back once that one is sent or discarded.
 */
import type { Migration } from './migration.ts';

export const migration0018: Migration = {
  version: 18,
  name: 'drafts-follow-their-message',
  sql: `
DROP INDEX drafts_open_unique;
CREATE INDEX drafts_in_reply_to ON drafts (in_reply_to) WHERE in_reply_to IS NOT NULL;
CREATE INDEX outbox_draft ON outbox (draft_id);
CREATE TRIGGER messages_drafts_follow AFTER UPDATE OF conversation_id ON messages
WHEN new.conversation_id IS NOT NULL AND old.conversation_id IS NOT new.conversation_id
BEGIN
  UPDATE drafts SET conversation_id = new.conversation_id
    WHERE in_reply_to = new.id AND state IN ('open', 'queued') AND conversation_id IS NOT new.conversation_id;
  UPDATE outbox SET conversation_id = new.conversation_id
    WHERE id IN (SELECT o.id FROM drafts d JOIN outbox o ON o.draft_id = d.id WHERE d.in_reply_to = new.id)
      AND state IN ('undo-window', 'scheduled', 'sending', 'failed') AND conversation_id IS NOT new.conversation_id;
END;
-- What was left behind before this migration.
UPDATE drafts SET conversation_id = m.conversation_id FROM messages m
  WHERE m.id = drafts.in_reply_to AND drafts.state IN ('open', 'queued') AND m.conversation_id IS NOT NULL
    AND drafts.conversation_id IS NOT m.conversation_id;
UPDATE outbox SET conversation_id = d.conversation_id FROM drafts d
  WHERE d.id = outbox.draft_id AND outbox.state IN ('undo-window', 'scheduled', 'sending', 'failed') AND d.in_reply_to IS NOT NULL
    AND outbox.conversation_id IS NOT d.conversation_id;
`,
};
