/**
 * 0001: accounts, folders, messages, where each message lives on the server,
 * bodies and attachment metadata.
 *
 * Invariants:
 * - A stored copy on the server is identified by (folder, UIDVALIDITY, UID):
 *   `message_locations`' primary key. A message may live in several folders.
 * - A message is stored once per account: `dedupe_key` (Message-ID plus a hash
 *   of the envelope, see mail/dedupe-key.ts) is unique per account, so the same
 *   mail in INBOX and Archive, or fetched twice, is one row.
 * - Passwords are never stored in plain text: `accounts.secret` holds the
 *   ciphertext made by the secret store (OS keychain or an encrypted file).
 */
import type { Migration } from './migration.ts';

export const migration0001: Migration = {
  version: 1,
  name: 'initial',
  sql: `
CREATE TABLE accounts (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('imap', 'demo')),
  name TEXT NOT NULL,
  email TEXT NOT NULL,
  imap_host TEXT,
  imap_port INTEGER,
  imap_security TEXT CHECK (imap_security IN ('tls', 'starttls', 'none')),
  imap_user TEXT,
  smtp_host TEXT,
  smtp_port INTEGER,
  smtp_security TEXT CHECK (smtp_security IN ('tls', 'starttls', 'none')),
  smtp_user TEXT,
  secret BLOB,
  created_at INTEGER NOT NULL
);

CREATE TABLE folders (
  id INTEGER PRIMARY KEY,
  account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  path TEXT NOT NULL,
  role TEXT NOT NULL DEFAULT 'other'
    CHECK (role IN ('inbox', 'sent', 'junk', 'archive', 'drafts', 'trash', 'other')),
  uidvalidity INTEGER,
  uidnext INTEGER,
  highestmodseq TEXT,
  -- Highest UID whose message is stored: the resume point after a crash.
  synced_uid INTEGER NOT NULL DEFAULT 0,
  UNIQUE (account_id, path)
);

CREATE TABLE messages (
  id INTEGER PRIMARY KEY,
  account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  message_id TEXT,
  dedupe_key TEXT NOT NULL,
  subject TEXT NOT NULL DEFAULT '',
  from_name TEXT NOT NULL DEFAULT '',
  from_address TEXT NOT NULL DEFAULT '',
  to_json TEXT NOT NULL DEFAULT '[]',
  cc_json TEXT NOT NULL DEFAULT '[]',
  in_reply_to TEXT,
  references_json TEXT NOT NULL DEFAULT '[]',
  date INTEGER NOT NULL,
  snippet TEXT NOT NULL DEFAULT '',
  has_attachments INTEGER NOT NULL DEFAULT 0,
  seen INTEGER NOT NULL DEFAULT 0,
  size INTEGER NOT NULL DEFAULT 0,
  UNIQUE (account_id, dedupe_key)
);
CREATE INDEX messages_account_date ON messages (account_id, date DESC, id DESC);
CREATE INDEX messages_date ON messages (date DESC, id DESC);
CREATE INDEX messages_message_id ON messages (message_id);

CREATE TABLE message_locations (
  message_id INTEGER NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
  folder_id INTEGER NOT NULL REFERENCES folders(id) ON DELETE CASCADE,
  uidvalidity INTEGER NOT NULL,
  uid INTEGER NOT NULL,
  flags_json TEXT NOT NULL DEFAULT '[]',
  PRIMARY KEY (folder_id, uidvalidity, uid)
);
CREATE INDEX message_locations_message ON message_locations (message_id);

CREATE TABLE message_bodies (
  message_id INTEGER PRIMARY KEY REFERENCES messages(id) ON DELETE CASCADE,
  text TEXT NOT NULL,
  html TEXT,
  fetched_at INTEGER NOT NULL
);

CREATE TABLE attachments (
  id INTEGER PRIMARY KEY,
  message_id INTEGER NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
  filename TEXT NOT NULL,
  content_type TEXT NOT NULL,
  size INTEGER NOT NULL,
  -- Content address of the bytes on disk (attachments/<aa>/<rest>); null until fetched.
  sha256 TEXT,
  content_id TEXT,
  inline INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX attachments_message ON attachments (message_id);

CREATE TABLE settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
`,
};
