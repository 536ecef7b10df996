/**
 * 0007: replying (issue 6): drafts, the durable outbox, and the mail audits.
 *
 * Invariants:
 * - A draft is `open` (editable, listed), `queued` (frozen while its outbox
 *   item waits or sends) or `sent`. At most one open draft per conversation
 *   and mode (`drafts_open_unique`), so opening the composer twice resumes.
 * - An outbox item is the unit of "exactly once": its Message-ID is chosen
 *   when it is queued and never changes (unique), and `payload` is the frozen
 *   message. State moves undo-window|scheduled → sending → sent|failed, and
 *   `sending` is committed BEFORE the SMTP call, so an item found in
 *   `sending` at start may have reached the server and is checked before any
 *   retry (outbox/dispatcher.ts).
 * - `audit_outgoing` is append-only: one row per event of an outgoing mail.
 * - `mail_inspect_queue` holds received mail whose headers must be read from
 *   the server (auto-replies, delivery reports); `mail_facts` keeps what was
 *   found. Filled by a cheap after-store step, emptied outside transactions.
 */
import type { Migration } from './migration.ts';

export const migration0007: Migration = {
  version: 7,
  name: 'compose',
  sql: `
CREATE TABLE drafts (
  id INTEGER PRIMARY KEY,
  account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  conversation_id INTEGER,
  mode TEXT NOT NULL CHECK (mode IN ('reply', 'replyAll', 'forward', 'new')),
  -- The cache row replied to or forwarded; no foreign key: a draft outlives a message deleted meanwhile.
  in_reply_to INTEGER,
  to_json TEXT NOT NULL DEFAULT '[]',
  cc_json TEXT NOT NULL DEFAULT '[]',
  bcc_json TEXT NOT NULL DEFAULT '[]',
  subject TEXT NOT NULL DEFAULT '',
  html TEXT NOT NULL DEFAULT '',
  state TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'queued', 'sent')),
  created_at INTEGER NOT NULL,
  saved_at INTEGER NOT NULL
);
CREATE INDEX drafts_open ON drafts (saved_at DESC, id DESC) WHERE state = 'open';
CREATE INDEX drafts_conversation ON drafts (conversation_id, saved_at DESC) WHERE state = 'open';
CREATE UNIQUE INDEX drafts_open_unique ON drafts (conversation_id, mode) WHERE state = 'open' AND conversation_id IS NOT NULL;

CREATE TABLE draft_attachments (
  id INTEGER PRIMARY KEY,
  draft_id INTEGER NOT NULL REFERENCES drafts(id) ON DELETE CASCADE,
  filename TEXT NOT NULL,
  content_type TEXT NOT NULL,
  size INTEGER NOT NULL,
  sha256 TEXT NOT NULL
);
CREATE INDEX draft_attachments_draft ON draft_attachments (draft_id);

CREATE TABLE outbox (
  id INTEGER PRIMARY KEY,
  draft_id INTEGER NOT NULL,
  account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  conversation_id INTEGER,
  message_id TEXT NOT NULL UNIQUE,
  subject TEXT NOT NULL,
  to_json TEXT NOT NULL,
  payload TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('undo-window', 'scheduled', 'sending', 'sent', 'failed', 'cancelled')),
  send_at INTEGER NOT NULL,
  sent_late INTEGER NOT NULL DEFAULT 0,
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER,
  problem TEXT,
  smtp_response TEXT,
  -- 0 after the server accepted the mail until its copy is in Sent and in the cache.
  copied INTEGER NOT NULL DEFAULT 1,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX outbox_uncopied ON outbox (id) WHERE copied = 0;
-- The dispatcher's to-do list and the "To send" drawer.
CREATE INDEX outbox_pending ON outbox (send_at, id) WHERE state IN ('undo-window', 'scheduled', 'sending', 'failed');

CREATE TABLE audit_outgoing (
  id INTEGER PRIMARY KEY,
  at INTEGER NOT NULL,
  account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  outbox_id INTEGER,
  message_id TEXT NOT NULL,
  to_json TEXT NOT NULL DEFAULT '[]',
  subject TEXT NOT NULL DEFAULT '',
  outcome TEXT NOT NULL CHECK (outcome IN ('queued', 'sent', 'failed', 'bounced', 'cancelled')),
  smtp_response TEXT,
  reason TEXT,
  bounce_json TEXT,
  conversation_id INTEGER
);
CREATE INDEX audit_outgoing_message ON audit_outgoing (message_id);

CREATE TABLE mail_inspect_queue (
  message_id INTEGER PRIMARY KEY REFERENCES messages(id) ON DELETE CASCADE,
  attempts INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE mail_facts (
  message_id INTEGER PRIMARY KEY REFERENCES messages(id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('auto-reply', 'bounce', 'plain'))
);
`,
};
