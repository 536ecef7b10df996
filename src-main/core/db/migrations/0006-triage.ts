/**
 * 0006: materialized triage state (issue 5).
 *
 * Invariants:
 * - `conversation_state` is a cache, never the source: each row is the fold
 *   (triage/triage-fold.ts) of its conversation's messages, the ops naming
 *   any member's Message-ID, the blocked contacts and the triage settings.
 *   Only `wake_seen_at` is local (this desktop opened the conversation after
 *   its snooze ended) and survives a refold.
 * - Whatever can change a fold queues the conversation, in the same
 *   transaction and nothing more (the triggers below only insert a key, so
 *   headers-first sync pays a few index inserts): ops on `msg:` entities
 *   (local or received from the team), messages joining or leaving a
 *   conversation, conversation aggregates, bodies arriving (the alert scores
 *   words), mail moved (Junk, trash), a contact blocked or merged. Ops may name a Message-ID not stored
 *   yet; they are queued by id and resolved when drained. triage/refold.ts
 *   drains the queue OUTSIDE those transactions: shortly after a change,
 *   before every triage read and after every triage action.
 * - `view` is the drawer a conversation sits in by status ('snoozed' while
 *   snoozed, 'purged' once spam was purged); `active` = open work (new,
 *   pending, waiting, on hold, not snoozed); `mine` = assigned to this
 *   desktop's agent or one of its groups (local: it depends on who "me" is).
 *   Every drawer page is one of the partial indexes below, ordered
 *   (alert DESC, last_message_at DESC, conversation_id DESC): alerts first,
 *   keyset-paged with a row-value comparison.
 * - `triage_counts` / `triage_tag_counts` equal a GROUP BY over
 *   `conversation_state` / `conversation_tags`; triggers keep them so, so the
 *   sidebar's counts read a few hundred rows, not 100,000.
 */
import type { Migration } from './migration.ts';

const ORDER = 'alert DESC, last_message_at DESC, conversation_id DESC';

export const migration0006: Migration = {
  version: 6,
  name: 'triage',
  sql: `
CREATE TABLE conversation_state (
  conversation_id INTEGER PRIMARY KEY REFERENCES conversations(id) ON DELETE CASCADE,
  account_id INTEGER NOT NULL,
  last_message_at INTEGER NOT NULL DEFAULT 0,
  status TEXT NOT NULL,
  view TEXT NOT NULL,
  active INTEGER NOT NULL DEFAULT 0,
  mine INTEGER NOT NULL DEFAULT 0,
  assignee TEXT,
  priority TEXT NOT NULL DEFAULT 'normal',
  tags_json TEXT NOT NULL DEFAULT '[]',
  deadline INTEGER,
  snoozed_until INTEGER,
  snoozed_by TEXT,
  woke_at INTEGER,
  wake_seen_at INTEGER,
  alert INTEGER NOT NULL DEFAULT 0,
  alert_score INTEGER NOT NULL DEFAULT 0,
  alert_reasons_json TEXT NOT NULL DEFAULT '[]',
  sla_kind TEXT,
  sla_due_at INTEGER,
  overdue INTEGER NOT NULL DEFAULT 0,
  next_change_at INTEGER,
  purge_at INTEGER,
  unread INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX conversation_state_view ON conversation_state (view, ${ORDER});
CREATE INDEX conversation_state_inbox ON conversation_state (${ORDER}) WHERE view IN ('new', 'pending');
CREATE INDEX conversation_state_open ON conversation_state (${ORDER}) WHERE active = 1;
CREATE INDEX conversation_state_assignee ON conversation_state (assignee, ${ORDER}) WHERE active = 1;
CREATE INDEX conversation_state_mine ON conversation_state (${ORDER}) WHERE mine = 1 AND active = 1;
CREATE INDEX conversation_state_overdue ON conversation_state (${ORDER}) WHERE overdue = 1 AND active = 1;
CREATE INDEX conversation_state_alerts ON conversation_state (${ORDER}) WHERE alert = 1 AND active = 1;
CREATE INDEX conversation_state_next ON conversation_state (next_change_at) WHERE next_change_at IS NOT NULL;

-- Tags of open work, one row per (conversation, tag): the tag drawers.
CREATE TABLE conversation_tags (
  conversation_id INTEGER NOT NULL REFERENCES conversation_state(conversation_id) ON DELETE CASCADE,
  tag TEXT NOT NULL,
  account_id INTEGER NOT NULL,
  alert INTEGER NOT NULL,
  last_message_at INTEGER NOT NULL,
  unread INTEGER NOT NULL,
  PRIMARY KEY (conversation_id, tag)
) WITHOUT ROWID;
CREATE INDEX conversation_tags_drawer ON conversation_tags (tag, ${ORDER});

CREATE TABLE triage_counts (
  account_id INTEGER NOT NULL,
  view TEXT NOT NULL,
  assignee TEXT NOT NULL,
  overdue INTEGER NOT NULL,
  alert INTEGER NOT NULL,
  mine INTEGER NOT NULL,
  unread INTEGER NOT NULL,
  n INTEGER NOT NULL,
  PRIMARY KEY (account_id, view, assignee, overdue, alert, mine, unread)
) WITHOUT ROWID;

CREATE TABLE triage_tag_counts (
  account_id INTEGER NOT NULL,
  tag TEXT NOT NULL,
  unread INTEGER NOT NULL,
  n INTEGER NOT NULL,
  PRIMARY KEY (account_id, tag, unread)
) WITHOUT ROWID;

CREATE TRIGGER conversation_state_count_insert AFTER INSERT ON conversation_state
BEGIN
  INSERT INTO triage_counts (account_id, view, assignee, overdue, alert, mine, unread, n)
  VALUES (new.account_id, new.view, coalesce(new.assignee, ''), new.overdue, new.alert, new.mine, new.unread, 1)
  ON CONFLICT (account_id, view, assignee, overdue, alert, mine, unread) DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER conversation_state_count_update AFTER UPDATE OF account_id, view, assignee, overdue, alert, mine, unread ON conversation_state
WHEN old.account_id IS NOT new.account_id OR old.view IS NOT new.view OR old.assignee IS NOT new.assignee
  OR old.overdue IS NOT new.overdue OR old.alert IS NOT new.alert OR old.mine IS NOT new.mine OR old.unread IS NOT new.unread
BEGIN
  UPDATE triage_counts SET n = n - 1
  WHERE account_id = old.account_id AND view = old.view AND assignee = coalesce(old.assignee, '')
    AND overdue = old.overdue AND alert = old.alert AND mine = old.mine AND unread = old.unread;
  INSERT INTO triage_counts (account_id, view, assignee, overdue, alert, mine, unread, n)
  VALUES (new.account_id, new.view, coalesce(new.assignee, ''), new.overdue, new.alert, new.mine, new.unread, 1)
  ON CONFLICT (account_id, view, assignee, overdue, alert, mine, unread) DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER conversation_state_count_delete AFTER DELETE ON conversation_state
BEGIN
  UPDATE triage_counts SET n = n - 1
  WHERE account_id = old.account_id AND view = old.view AND assignee = coalesce(old.assignee, '')
    AND overdue = old.overdue AND alert = old.alert AND mine = old.mine AND unread = old.unread;
END;

CREATE TRIGGER conversation_tags_count_insert AFTER INSERT ON conversation_tags
BEGIN
  INSERT INTO triage_tag_counts (account_id, tag, unread, n) VALUES (new.account_id, new.tag, new.unread, 1)
  ON CONFLICT (account_id, tag, unread) DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER conversation_tags_count_delete AFTER DELETE ON conversation_tags
BEGIN
  UPDATE triage_tag_counts SET n = n - 1 WHERE account_id = old.account_id AND tag = old.tag AND unread = old.unread;
END;

-- The recompute queue.
CREATE TABLE triage_dirty (
  conversation_id INTEGER PRIMARY KEY
);
-- Message-IDs named by new ops; resolved to conversations when drained (an op may precede its mail).
CREATE TABLE triage_dirty_ids (
  message_id TEXT PRIMARY KEY
) WITHOUT ROWID;
-- 'team' (groups changed: who "mine" is), 'settings' (every fold changes).
CREATE TABLE triage_flags (
  name TEXT PRIMARY KEY
) WITHOUT ROWID;
-- Ops received from colleagues that may concern this desktop's agent (assigned, shared, mentioned).
CREATE TABLE triage_notify (
  hlc TEXT PRIMARY KEY
) WITHOUT ROWID;
-- Every tag ever set on a conversation, for completion.
CREATE TABLE triage_tags_known (
  tag TEXT PRIMARY KEY
) WITHOUT ROWID;
-- Notes and call logs are entities of their own (note:<uuid>); this finds them by conversation member.
CREATE TABLE conversation_notes (
  note_entity TEXT PRIMARY KEY,
  message_id TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX conversation_notes_message ON conversation_notes (message_id);

-- Queue inserts below test NOT EXISTS rather than INSERT OR IGNORE: inside a
-- trigger, the conflict policy of the statement that fired it wins, and
-- foreign-key actions (ON DELETE SET NULL when an account goes) fire them with
-- ABORT, which turned a duplicate into a failed account removal.
CREATE TRIGGER ops_triage_msg AFTER INSERT ON ops
WHEN substr(new.entity, 1, 4) = 'msg:'
BEGIN
  INSERT INTO triage_dirty_ids (message_id) SELECT substr(new.entity, 5) WHERE NOT EXISTS (SELECT 1 FROM triage_dirty_ids WHERE message_id = substr(new.entity, 5));
  INSERT INTO triage_notify (hlc) SELECT new.hlc WHERE new.sent_at IS NOT NULL AND new.field IN ('assignee', 'share') AND NOT EXISTS (SELECT 1 FROM triage_notify WHERE hlc = new.hlc);
  INSERT INTO triage_tags_known (tag) SELECT substr(new.field, 5) WHERE substr(new.field, 1, 4) = 'tag:' AND new.value = 'true' AND NOT EXISTS (SELECT 1 FROM triage_tags_known WHERE tag = substr(new.field, 5));
END;

CREATE TRIGGER ops_triage_note AFTER INSERT ON ops
WHEN substr(new.entity, 1, 5) = 'note:' AND new.field = 'conversation' AND json_valid(new.value) AND json_type(new.value) = 'text'
BEGIN
  INSERT OR REPLACE INTO conversation_notes (note_entity, message_id) VALUES (new.entity, json_extract(new.value, '$'));
  INSERT INTO triage_notify (hlc) SELECT new.hlc WHERE new.sent_at IS NOT NULL AND NOT EXISTS (SELECT 1 FROM triage_notify WHERE hlc = new.hlc);
END;

CREATE TRIGGER ops_triage_flags AFTER INSERT ON ops
WHEN substr(new.entity, 1, 6) = 'group:' OR new.entity = 'settings:triage'
BEGIN
  INSERT INTO triage_flags (name) SELECT CASE WHEN new.entity = 'settings:triage' THEN 'settings' ELSE 'team' END WHERE NOT EXISTS (SELECT 1 FROM triage_flags WHERE name = CASE WHEN new.entity = 'settings:triage' THEN 'settings' ELSE 'team' END);
END;

CREATE TRIGGER messages_triage_insert AFTER INSERT ON messages
WHEN new.conversation_id IS NOT NULL
BEGIN
  INSERT INTO triage_dirty (conversation_id) SELECT new.conversation_id WHERE NOT EXISTS (SELECT 1 FROM triage_dirty WHERE conversation_id = new.conversation_id);
END;

CREATE TRIGGER messages_triage_move AFTER UPDATE OF conversation_id ON messages
WHEN old.conversation_id IS NOT new.conversation_id
BEGIN
  INSERT INTO triage_dirty (conversation_id) SELECT old.conversation_id WHERE old.conversation_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM triage_dirty WHERE conversation_id = old.conversation_id);
  INSERT INTO triage_dirty (conversation_id) SELECT new.conversation_id WHERE new.conversation_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM triage_dirty WHERE conversation_id = new.conversation_id);
END;

CREATE TRIGGER message_bodies_triage AFTER INSERT ON message_bodies
BEGIN
  INSERT INTO triage_dirty (conversation_id)
    SELECT m.conversation_id FROM messages m WHERE m.id = new.message_id AND m.conversation_id IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM triage_dirty d WHERE d.conversation_id = m.conversation_id);
END;

-- Where mail lives decides too (all in Junk: spam; all in the trash: hidden): moves and deletes queue it.
CREATE TRIGGER message_locations_triage_insert AFTER INSERT ON message_locations
BEGIN
  INSERT OR IGNORE INTO triage_dirty (conversation_id)
    SELECT conversation_id FROM messages WHERE id = new.message_id AND conversation_id IS NOT NULL;
END;

CREATE TRIGGER message_locations_triage_delete AFTER DELETE ON message_locations
BEGIN
  INSERT OR IGNORE INTO triage_dirty (conversation_id)
    SELECT conversation_id FROM messages WHERE id = old.message_id AND conversation_id IS NOT NULL;
END;

CREATE TRIGGER message_locations_triage_hidden AFTER UPDATE OF hidden_by_op ON message_locations
WHEN old.hidden_by_op IS NOT new.hidden_by_op
BEGIN
  INSERT OR IGNORE INTO triage_dirty (conversation_id)
    SELECT conversation_id FROM messages WHERE id = new.message_id AND conversation_id IS NOT NULL;
END;

CREATE TRIGGER conversations_triage_insert AFTER INSERT ON conversations
BEGIN
  INSERT INTO triage_dirty (conversation_id) SELECT new.id WHERE NOT EXISTS (SELECT 1 FROM triage_dirty WHERE conversation_id = new.id);
END;

CREATE TRIGGER conversations_triage_update AFTER UPDATE OF last_message_at, message_count, unread_count, root_message_id, customer_address ON conversations
BEGIN
  INSERT INTO triage_dirty (conversation_id) SELECT new.id WHERE NOT EXISTS (SELECT 1 FROM triage_dirty WHERE conversation_id = new.id);
END;

CREATE TRIGGER conversations_triage_delete AFTER DELETE ON conversations
BEGIN
  DELETE FROM triage_dirty WHERE conversation_id = old.id;
END;

CREATE TRIGGER contacts_triage_blocked AFTER UPDATE OF blocked ON contacts
WHEN old.blocked IS NOT new.blocked
BEGIN
  INSERT INTO triage_dirty (conversation_id)
    SELECT DISTINCT c.id FROM contact_addresses a JOIN conversations c ON c.customer_address = a.address WHERE a.contact_id = new.id
      AND NOT EXISTS (SELECT 1 FROM triage_dirty d WHERE d.conversation_id = c.id);
END;

CREATE TRIGGER contact_addresses_triage AFTER UPDATE OF contact_id ON contact_addresses
WHEN old.contact_id IS NOT new.contact_id
BEGIN
  INSERT INTO triage_dirty (conversation_id) SELECT c.id FROM conversations c WHERE c.customer_address = new.address
    AND NOT EXISTS (SELECT 1 FROM triage_dirty d WHERE d.conversation_id = c.id);
END;

-- Conversations stored before this migration are folded by the first drains.
INSERT INTO triage_dirty (conversation_id) SELECT id FROM conversations;
`,
};
