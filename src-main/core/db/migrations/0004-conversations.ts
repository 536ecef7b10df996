/**
 * 0004: conversations (tickets), the threading index behind them, contacts,
 * and the full-text index.
 *
 * Invariants:
 * - Every threaded message has `messages.conversation_id`; a conversation's
 *   aggregate columns (counts, newest date, snippet) equal what its messages
 *   say. Threading (conversations/rethread.ts) rewrites them; the triggers
 *   below keep them in step when the sync engine or the agent changes
 *   messages behind threading's back (read flag, deletion). A deleted message
 *   may have been the link between two parts of a conversation (or, with a
 *   split, between two conversations), so its conversation is queued in
 *   `conversation_stale` and what it linked through in `thread_stale_keys`,
 *   to be threaded again.
 * - `thread_*` hold each message's threading keys (threading/thread-keys.ts)
 *   in indexed form, so a new message finds what it links to with index
 *   lookups instead of rethreading the mailbox. They are a pure function of
 *   the message row and die with it (ON DELETE CASCADE).
 * - `thread_overrides` and the `contact*` tables are materialized team state:
 *   a cache of the op log (team/ops.ts), rebuilt from ops, never the source.
 * - `message_fts` is contentless (no second copy of every body) with
 *   `contentless_delete`, so a row can be dropped by rowid alone. Its rowid is
 *   `messages.search_doc`: minute of the message's date × 2^26 + (id mod 2^26).
 *   Rowid order is date order, so "newest first" is FTS5's own rowid-descending
 *   scan that stops after one page, and before:/after: are rowid ranges. Two
 *   messages collide only within one minute AND 67 million ids apart.
 *   Triggers queue a message for indexing whenever it or its body is stored
 *   or changed (headers-first sync stores bodies later); the queue is
 *   indexed at the end of every pipeline batch and before every search, so
 *   no path that stores mail can leave it unsearchable.
 */
import type { Migration } from './migration.ts';

/** `messages.search_doc` for a date (epoch ms) and row id; mirrored in search/search-doc.ts. */
const SEARCH_DOC = 'CAST(max(0, min(date / 60000, 134217727)) AS INTEGER) * 67108864 + (id % 67108864)';

export const migration0004: Migration = {
  version: 4,
  name: 'conversations',
  sql: `
CREATE TABLE conversations (
  id INTEGER PRIMARY KEY,
  account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  -- The Message-ID every desktop picks as the root (threading/conversation-root.ts).
  root_message_id TEXT NOT NULL,
  ticket TEXT NOT NULL,
  subject TEXT NOT NULL DEFAULT '',
  customer_address TEXT NOT NULL DEFAULT '',
  customer_name TEXT NOT NULL DEFAULT '',
  last_message_at INTEGER NOT NULL DEFAULT 0,
  message_count INTEGER NOT NULL DEFAULT 0,
  unread_count INTEGER NOT NULL DEFAULT 0,
  attachment_count INTEGER NOT NULL DEFAULT 0,
  snippet TEXT NOT NULL DEFAULT '',
  UNIQUE (account_id, root_message_id)
);
CREATE INDEX conversations_account_last ON conversations (account_id, last_message_at DESC, id DESC);
CREATE INDEX conversations_last ON conversations (last_message_at DESC, id DESC);
CREATE INDEX conversations_customer ON conversations (customer_address, last_message_at DESC);

-- Every token that resolves to a conversation (its own and, after merges, the older roots' ones).
CREATE TABLE conversation_tokens (
  token TEXT NOT NULL,
  conversation_id INTEGER NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
  PRIMARY KEY (token, conversation_id)
) WITHOUT ROWID;
CREATE INDEX conversation_tokens_conversation ON conversation_tokens (conversation_id);

CREATE TABLE conversation_stale (
  conversation_id INTEGER PRIMARY KEY REFERENCES conversations(id) ON DELETE CASCADE
);

ALTER TABLE messages ADD COLUMN conversation_id INTEGER REFERENCES conversations(id) ON DELETE SET NULL;
ALTER TABLE messages ADD COLUMN search_doc INTEGER GENERATED ALWAYS AS (${SEARCH_DOC}) VIRTUAL;
CREATE INDEX messages_conversation ON messages (conversation_id, date, id);
CREATE INDEX messages_search_doc ON messages (search_doc);

CREATE TABLE thread_messages (
  message_id INTEGER PRIMARY KEY REFERENCES messages(id) ON DELETE CASCADE,
  account_id INTEGER NOT NULL,
  -- The Message-ID threading uses (a synthetic one when the mail has none).
  thread_id TEXT NOT NULL,
  subject_key TEXT,
  subject_fallback INTEGER NOT NULL DEFAULT 0,
  date INTEGER NOT NULL
);
CREATE INDEX thread_messages_subject ON thread_messages (account_id, subject_key, date) WHERE subject_key IS NOT NULL;

-- Id nodes a message touches: its own id and every id its reply headers name.
CREATE TABLE thread_nodes (
  message_id INTEGER NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
  account_id INTEGER NOT NULL,
  node TEXT NOT NULL,
  node_token TEXT NOT NULL,
  PRIMARY KEY (message_id, node)
) WITHOUT ROWID;
CREATE INDEX thread_nodes_node ON thread_nodes (account_id, node);
CREATE INDEX thread_nodes_token ON thread_nodes (account_id, node_token);

-- Ticket tokens a message follows (only mail without reply headers follows one).
CREATE TABLE thread_tokens (
  message_id INTEGER NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
  account_id INTEGER NOT NULL,
  token TEXT NOT NULL,
  PRIMARY KEY (message_id, token)
) WITHOUT ROWID;
CREATE INDEX thread_tokens_token ON thread_tokens (account_id, token);

-- Agents' splits and merges, from the op log; seq is the op's HLC.
CREATE TABLE thread_overrides (
  seq TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('split', 'merge')),
  id_a TEXT NOT NULL,
  id_b TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (seq, kind, id_a, id_b)
) WITHOUT ROWID;
CREATE INDEX thread_overrides_a ON thread_overrides (id_a);
CREATE INDEX thread_overrides_b ON thread_overrides (id_b);

CREATE TRIGGER messages_seen_conversation AFTER UPDATE OF seen ON messages
WHEN new.conversation_id IS NOT NULL AND (old.seen = 0) <> (new.seen = 0)
BEGIN
  UPDATE conversations SET unread_count = max(0, unread_count + CASE WHEN new.seen = 0 THEN 1 ELSE -1 END)
  WHERE id = new.conversation_id;
END;

-- Headers-first sync fills in snippet and attachments when the body arrives.
CREATE TRIGGER messages_body_conversation AFTER UPDATE OF snippet, has_attachments ON messages
WHEN new.conversation_id IS NOT NULL
BEGIN
  UPDATE conversations SET
    attachment_count = (SELECT count(*) FROM messages WHERE conversation_id = new.conversation_id AND has_attachments <> 0),
    snippet = coalesce((SELECT snippet FROM messages WHERE conversation_id = new.conversation_id ORDER BY date DESC, id DESC LIMIT 1), '')
  WHERE id = new.conversation_id;
END;

-- What a deleted message linked through: the other messages it joined must be threaded again
-- (thread_* rows go with the message, so they are copied out first).
CREATE TABLE thread_stale_keys (
  account_id INTEGER NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('node', 'token', 'subject')),
  value TEXT NOT NULL,
  date INTEGER NOT NULL DEFAULT 0
);

CREATE TRIGGER messages_thread_forget BEFORE DELETE ON messages
BEGIN
  INSERT INTO thread_stale_keys (account_id, kind, value) SELECT account_id, 'node', node FROM thread_nodes WHERE message_id = old.id;
  INSERT INTO thread_stale_keys (account_id, kind, value) SELECT account_id, 'token', token FROM thread_tokens WHERE message_id = old.id;
  INSERT INTO thread_stale_keys (account_id, kind, value, date)
    SELECT account_id, 'subject', subject_key, date FROM thread_messages WHERE message_id = old.id AND subject_key IS NOT NULL;
END;

CREATE TRIGGER messages_delete_conversation AFTER DELETE ON messages
WHEN old.conversation_id IS NOT NULL
BEGIN
  UPDATE conversations SET
    message_count = max(0, message_count - 1),
    unread_count = max(0, unread_count - (old.seen = 0)),
    attachment_count = max(0, attachment_count - (old.has_attachments <> 0))
  WHERE id = old.conversation_id;
  DELETE FROM conversations WHERE id = old.conversation_id AND message_count = 0;
  INSERT OR IGNORE INTO conversation_stale (conversation_id)
    SELECT id FROM conversations WHERE id = old.conversation_id;
END;

CREATE TABLE contacts (
  id INTEGER PRIMARY KEY,
  -- The address the contact's group resolves to (contacts/contact-groups.ts).
  primary_address TEXT NOT NULL,
  blocked INTEGER NOT NULL DEFAULT 0,
  remote_images INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL
);
CREATE INDEX contacts_primary ON contacts (primary_address);

CREATE TABLE contact_addresses (
  address TEXT PRIMARY KEY,
  contact_id INTEGER NOT NULL REFERENCES contacts(id),
  -- The address this one was merged into (the winning mergedInto op), or null.
  merged_into TEXT,
  -- Display name from the newest mail of this address.
  mail_name TEXT NOT NULL DEFAULT '',
  mail_name_at INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;
CREATE INDEX contact_addresses_contact ON contact_addresses (contact_id);
CREATE INDEX contact_addresses_merged ON contact_addresses (merged_into) WHERE merged_into IS NOT NULL;

CREATE TABLE contact_tags (
  contact_id INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
  tag TEXT NOT NULL,
  PRIMARY KEY (contact_id, tag)
) WITHOUT ROWID;
CREATE INDEX contact_tags_tag ON contact_tags (tag);

CREATE TABLE contact_attributes (
  contact_id INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
  key TEXT NOT NULL,
  value TEXT NOT NULL,
  PRIMARY KEY (contact_id, key)
) WITHOUT ROWID;

-- Notes (issue 5) get a table of their own keyed by note id; search.repo.ts merges hits by conversation.
CREATE VIRTUAL TABLE message_fts USING fts5(
  subject, body, sender, recipients, meta,
  content = '', contentless_delete = 1,
  tokenize = 'unicode61 remove_diacritics 2',
  prefix = '2 3'
);

-- Messages whose index entry is due: written by triggers, indexed in one statement by
-- search.repo.ts's indexQueuedMessages (the pipeline's last step, and before every search).
-- Why not index in the triggers themselves: FTS5 flushes its pending terms to disk at every
-- statement savepoint of the transaction, so indexing message by message inside a sync batch
-- writes one tiny segment per message; one INSERT at the end writes one segment per batch.
CREATE TABLE search_queue (
  message_id INTEGER PRIMARY KEY
);

CREATE TRIGGER messages_search_insert AFTER INSERT ON messages
BEGIN
  INSERT OR IGNORE INTO search_queue (message_id) VALUES (new.id);
END;

CREATE TRIGGER messages_search_update AFTER UPDATE OF subject, from_name, from_address, to_json, cc_json, date, has_attachments, account_id ON messages
BEGIN
  DELETE FROM message_fts WHERE rowid = old.search_doc AND old.search_doc <> new.search_doc;
  INSERT OR IGNORE INTO search_queue (message_id) VALUES (new.id);
END;

CREATE TRIGGER messages_search_delete AFTER DELETE ON messages
BEGIN
  DELETE FROM message_fts WHERE rowid = old.search_doc;
  DELETE FROM search_queue WHERE message_id = old.id;
END;

CREATE TRIGGER message_bodies_search_insert AFTER INSERT ON message_bodies
BEGIN
  INSERT OR IGNORE INTO search_queue (message_id) VALUES (new.message_id);
END;

CREATE TRIGGER message_bodies_search_update AFTER UPDATE OF text ON message_bodies
BEGIN
  INSERT OR IGNORE INTO search_queue (message_id) VALUES (new.message_id);
END;

CREATE TRIGGER message_bodies_search_delete AFTER DELETE ON message_bodies
BEGIN
  INSERT OR IGNORE INTO search_queue (message_id) SELECT id FROM messages WHERE id = old.message_id;
END;

-- Mail stored before this migration is indexed by the first search or pipeline batch.
INSERT INTO search_queue (message_id) SELECT id FROM messages;
`,
};
