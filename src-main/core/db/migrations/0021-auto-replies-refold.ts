/**
 * 0021: what the inspector reads about received mail refolds its conversation.
 *
 * An out-of-office from the customer's side no longer reopens a conversation
 * that waits on them, wakes a snooze or starts a response time
 * (triage/triage-fold.ts). Whether mail is one is known only once the
 * inspector has read its headers from the server, after the storing
 * transaction, and until then mail that looks like one counts as one. So the
 * end of an inspection (a fact recorded, or the task given up) changes the
 * fold: these triggers queue the conversation, as the triggers of 0006 do for
 * the other facts a fold reads.
 *
 * `conversation_state.customer_at` keeps when the customer last wrote
 * themselves, as folded: "a customer wrote again" is said for mail newer than
 * that, so mail that only looked like an out-of-office is announced once its
 * headers are read, and an out-of-office never is. Until a row is folded
 * again its last message time stands in for it.
 *
 * The backfill queues the conversations that already hold such mail, so an
 * existing cache folds them by the new rule.
 */
import type { Migration } from './migration.ts';

const queueConversationOf = (messageId: string): string => `
  INSERT INTO triage_dirty (conversation_id)
    SELECT m.conversation_id FROM messages m WHERE m.id = ${messageId} AND m.conversation_id IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM triage_dirty d WHERE d.conversation_id = m.conversation_id);`;

export const migration0021: Migration = {
  version: 21,
  name: 'auto-replies-refold',
  sql: `
ALTER TABLE conversation_state ADD COLUMN customer_at INTEGER;
CREATE TRIGGER mail_facts_triage_insert AFTER INSERT ON mail_facts
BEGIN${queueConversationOf('new.message_id')}
END;
CREATE TRIGGER mail_facts_triage_update AFTER UPDATE OF kind ON mail_facts
WHEN old.kind IS NOT new.kind
BEGIN${queueConversationOf('new.message_id')}
END;
CREATE TRIGGER mail_inspect_queue_triage_done AFTER DELETE ON mail_inspect_queue
BEGIN${queueConversationOf('old.message_id')}
END;
INSERT INTO triage_dirty (conversation_id)
  SELECT DISTINCT m.conversation_id FROM messages m
  WHERE m.conversation_id IS NOT NULL
    AND (m.id IN (SELECT message_id FROM mail_facts WHERE kind = 'auto-reply') OR m.id IN (SELECT message_id FROM mail_inspect_queue))
    AND m.conversation_id NOT IN (SELECT conversation_id FROM triage_dirty);
`,
};
